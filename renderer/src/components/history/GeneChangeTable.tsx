import { Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { GeneChangeT } from '../../../../core/api/contract.js';
import { SortableTable } from '../SortableTable.js';

const col = createColumnHelper<GeneChangeT>();

/** How far a gene moved: ▲ up in green, ▼ down in red, in words for screen readers too. */
export function RankArrow({ from, to }: { from: number | null; to: number | null }) {
  if (from === null)
    return (
      <Text span size="sm" fw={700} c="teal.9">
        ▲ new
      </Text>
    );
  if (to === null)
    return (
      <Text span size="sm" fw={700} c="red.9">
        ▼ out
      </Text>
    );
  const up = from - to;
  if (up === 0)
    return (
      <Text span size="sm">
        =
      </Text>
    );
  return (
    <Text
      span
      size="sm"
      fw={700}
      c={up > 0 ? 'teal.9' : 'red.9'}
      aria-label={up > 0 ? `up ${up} places` : `down ${-up} places`}
    >
      {up > 0 ? '▲' : '▼'} {Math.abs(up)}
    </Text>
  );
}

const rank = (r: number | null, listed: number): string =>
  r === null ? `below ${listed}` : String(r);
const score = (s: number | null): string => (s === null ? '–' : s.toFixed(2));

function columns(listed: { before: number; after: number }) {
  return [
    col.accessor('symbol', { header: 'Gene', cell: (c) => <b>{c.getValue()}</b> }),
    col.accessor((g) => g.from ?? Infinity, {
      id: 'from',
      header: 'Was',
      cell: (c) => rank(c.row.original.from, listed.before),
    }),
    col.accessor((g) => g.to ?? Infinity, {
      id: 'to',
      header: 'Now',
      cell: (c) => rank(c.row.original.to, listed.after),
    }),
    col.accessor((g) => (g.from ?? 1e6) - (g.to ?? 1e6), {
      id: 'change',
      header: 'Change',
      cell: (c) => <RankArrow from={c.row.original.from} to={c.row.original.to} />,
    }),
    col.accessor((g) => (g.scoreTo ?? 0) - (g.scoreFrom ?? 0), {
      id: 'score',
      header: 'Score',
      cell: (c) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {score(c.row.original.scoreFrom)} → {score(c.row.original.scoreTo)}
        </span>
      ),
    }),
  ];
}

/** Genes that moved, entered or left the top N, with their ranks and scores in both analyses. */
export function GeneChangeTable({
  genes,
  caption,
  listed,
  sortBy,
}: {
  genes: GeneChangeT[];
  caption: string;
  listed: { before: number; after: number };
  sortBy: 'from' | 'to';
}) {
  return (
    <SortableTable
      data={genes}
      columns={columns(listed)}
      caption={caption}
      rowKey={(g) => g.symbol}
      initialSort={[{ id: sortBy, desc: false }]}
    />
  );
}
