/** A stored analysis: the agents' report when there is one, the evidence grid, the ranked genes. */
import { Alert, Grid, Stack, Text } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import type { AnalysisViewT, RankedGeneT } from '../../../core/api/contract.js';
import { formatDate } from '../format.js';
import { AgentPanel } from './agents/AgentPanel.js';
import { EvidenceGrid } from './EvidenceGrid.js';
import { GeneExplanation } from './GeneExplanation.js';
import { Panel } from './Panel.js';
import { SortableTable } from './SortableTable.js';

const col = createColumnHelper<RankedGeneT>();
const columns = [
  col.accessor('rank', { header: 'Rank' }),
  col.accessor('symbol', { header: 'Gene', cell: (c) => <b>{c.getValue()}</b> }),
  col.accessor('score', { header: 'Score', cell: (c) => c.getValue().toFixed(2) }),
  col.accessor((g) => g.diseases[0]?.name ?? '', {
    id: 'disease',
    header: 'Best disease',
    cell: (c) => (
      <span className="one-line" title={c.getValue()}>
        {c.getValue()}
      </span>
    ),
  }),
  col.accessor((g) => g.explanation?.matches.filter((m) => m.kind !== 'unmatched').length ?? 0, {
    id: 'matched',
    header: 'Matched',
  }),
];

export function AnalysisResults({ analysis }: { analysis: AnalysisViewT }) {
  const [gene, setGene] = useState(analysis.genes[0]?.symbol);
  const selected = analysis.genes.find((g) => g.symbol === gene);
  return (
    <Stack gap="md">
      <Text size="sm" c="gray.8">
        Analysis {analysis.id}: {analysis.ranker.name} ranker v{analysis.ranker.version},{' '}
        {formatDate(analysis.finishedAt)}, {analysis.scored.genes.toLocaleString('en')} genes scored
        in {Math.round(analysis.durationMs)} ms; HPO {analysis.knowledge.hpo}.
      </Text>
      {analysis.summary && <Text size="sm">{analysis.summary}</Text>}
      <AgentPanel caseId={analysis.caseId} analysisId={analysis.id} />
      {analysis.warnings.map((w) => (
        <Alert key={w} color="yellow" variant="light">
          <Text size="sm">{w}</Text>
        </Alert>
      ))}
      <Panel title="Evidence grid: findings × top genes">
        <EvidenceGrid grid={analysis.grid} selected={gene} onSelect={setGene} />
      </Panel>
      <Grid gap="md">
        <Grid.Col span={7}>
          <Panel title="Ranked genes">
            <div style={{ maxHeight: 520, overflowY: 'auto' }}>
              <SortableTable
                data={analysis.genes}
                columns={columns}
                caption="Ranked candidate genes"
                rowKey={(g) => g.symbol}
                selected={gene}
                onOpen={(g) => setGene(g.symbol)}
              />
            </div>
          </Panel>
        </Grid.Col>
        <Grid.Col span={5}>
          <Panel>
            {selected ? (
              <GeneExplanation gene={selected} />
            ) : (
              <Text size="sm">Choose a gene to see its evidence.</Text>
            )}
          </Panel>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
