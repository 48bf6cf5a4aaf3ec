import { Group, NumberInput, Select } from '@mantine/core';
import type { HistoryEntryT } from '../../../../core/api/contract.js';
import { formatDate } from '../../format.js';

export interface Pair {
  fromId: number | undefined;
  toId: number | undefined;
  top: number;
}

/** The latest two finished analyses, older first: what the screen compares by default. */
export function defaultPair(analyses: HistoryEntryT[]): Pair {
  const done = analyses.filter((a) => a.status === 'done').sort((a, b) => b.id - a.id);
  return { fromId: done[1]?.id, toId: done[0]?.id, top: 20 };
}

/** Choosing the two analyses to compare and how many top genes the comparison covers. */
export function ComparePicker({
  analyses,
  pair,
  onChange,
}: {
  analyses: HistoryEntryT[];
  pair: Pair;
  onChange: (p: Pair) => void;
}) {
  const options = (other: number | undefined) =>
    analyses.map((a) => ({
      value: String(a.id),
      label: `No. ${a.id}, ${formatDate(a.finishedAt)}${a.ranker.name === 'knowledge' ? '' : `, ${a.ranker.name}`}${a.status === 'failed' ? ' (failed)' : ''}`,
      disabled: a.status === 'failed' || a.id === other,
    }));
  const id = (v: string | null): number | undefined => (v ? Number(v) : undefined);
  return (
    <Group align="end" wrap="wrap">
      <Select
        label="Compare analysis"
        w={320}
        data={options(pair.toId)}
        value={pair.fromId === undefined ? null : String(pair.fromId)}
        onChange={(v) => onChange({ ...pair, fromId: id(v) })}
        allowDeselect={false}
      />
      <Select
        label="with analysis"
        w={320}
        data={options(pair.fromId)}
        value={pair.toId === undefined ? null : String(pair.toId)}
        onChange={(v) => onChange({ ...pair, toId: id(v) })}
        allowDeselect={false}
      />
      <NumberInput
        label="Top genes compared"
        w={180}
        min={1}
        max={100}
        value={pair.top}
        onChange={(v) =>
          typeof v === 'number' && v >= 1 && v <= 100 && onChange({ ...pair, top: v })
        }
      />
    </Group>
  );
}
