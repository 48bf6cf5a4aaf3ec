import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import type { ReactNode } from 'react';
import type { HistoryEntryT, ListAnalysesT } from '../../../../core/api/contract.js';
import { formatDate } from '../../format.js';
import { SortableTable } from '../SortableTable.js';
import { candidatesText, findingsText, knowledgeText, methodText, sameKnowledge } from './words.js';

const col = createColumnHelper<HistoryEntryT>();

/** A short warning beside a value, dark enough to read on white. */
function Flag({ children }: { children: ReactNode }) {
  return (
    <Text size="xs" fw={600} c="#9c3a00">
      <span aria-hidden="true">⚠ </span>
      {children}
    </Text>
  );
}

function columns(knowledgeNow: Record<string, string>, onOpen: (id: number) => void) {
  return [
    col.accessor('id', {
      header: 'Analysis',
      cell: (c) => {
        const a = c.row.original;
        return (
          <Stack gap={2} align="flex-start">
            <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {formatDate(a.finishedAt)}
            </Text>
            <Text size="xs" c="gray.8">
              No. {a.id}
            </Text>
            {a.status === 'done' && (
              <Button
                size="compact-xs"
                variant="subtle"
                px={0}
                onClick={() => onOpen(a.id)}
                aria-label={`Show results of analysis ${a.id}`}
              >
                Show results
              </Button>
            )}
          </Stack>
        );
      },
    }),
    col.accessor((a) => methodText(a), {
      id: 'method',
      header: 'Method',
      cell: (c) => (
        <Text size="sm">
          {c.getValue()}{' '}
          <Text span size="xs" c="gray.8">
            v{c.row.original.ranker.version}
          </Text>
        </Text>
      ),
    }),
    col.accessor((a) => knowledgeText(a.knowledge), {
      id: 'knowledge',
      header: 'Knowledge',
      cell: (c) => (
        <Stack gap={2} align="flex-start">
          <Text size="sm">{c.getValue()}</Text>
          {!sameKnowledge(c.row.original.knowledge, knowledgeNow) && (
            <Flag>Older than installed</Flag>
          )}
        </Stack>
      ),
    }),
    col.accessor((a) => a.findings.observed, {
      id: 'findings',
      header: 'Findings',
      cell: (c) => {
        const a = c.row.original;
        return (
          <Stack gap={2} align="flex-start">
            <Text size="sm" title={a.findings.terms.map((t) => t.name).join(', ')}>
              {findingsText(a)}
            </Text>
            {a.findings.differFromCurrent && <Flag>Not the case&apos;s findings now</Flag>}
            {a.candidates.scope !== 'genome' && (
              <Text size="xs" c="gray.8">
                {candidatesText(a)}
              </Text>
            )}
          </Stack>
        );
      },
    }),
    col.accessor((a) => a.topGenes[0]?.symbol ?? '', {
      id: 'top',
      header: 'Top genes',
      cell: (c) => {
        const genes = c.row.original.topGenes;
        if (!genes.length) return <Text size="sm">None</Text>;
        return (
          <Text size="sm">
            <b>{genes[0]!.symbol}</b>
            {genes.length > 1 &&
              `, ${genes
                .slice(1)
                .map((g) => g.symbol)
                .join(', ')}`}
          </Text>
        );
      },
    }),
    col.accessor((a) => a.change ?? a.summary ?? a.error ?? '', {
      id: 'summary',
      header: 'What changed',
      enableSorting: false,
      cell: (c) => {
        const a = c.row.original;
        if (a.status === 'failed')
          return (
            <Text size="sm" c="red.9">
              Failed: {a.error ?? 'no reason was recorded'}
            </Text>
          );
        return (
          <Stack gap={2} align="flex-start">
            <Text size="sm" lineClamp={3} title={a.summary} maw={360}>
              {a.previousId !== undefined && (
                <Text span size="xs" c="gray.8">
                  Since no. {a.previousId}:{' '}
                </Text>
              )}
              {c.getValue()}
            </Text>
            {a.hasDifferential && (
              <Badge variant="outline" color="indigo.9" size="sm">
                With differential
              </Badge>
            )}
          </Stack>
        );
      },
    }),
  ];
}

/** Every analysis of the case, newest first (sortable), with what each one used. */
export function HistoryTable({
  history,
  onOpen,
}: {
  history: ListAnalysesT;
  onOpen: (analysisId: number) => void;
}) {
  return (
    <Group style={{ overflowX: 'auto' }}>
      <SortableTable
        data={history.analyses}
        columns={columns(history.knowledgeNow, onOpen)}
        caption="Analyses of this case"
        rowKey={(a) => String(a.id)}
        initialSort={[{ id: 'id', desc: true }]}
      />
    </Group>
  );
}
