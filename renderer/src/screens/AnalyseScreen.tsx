import { Alert, Button, Grid, Group, Loader, Select, Stack, Text, Title } from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useState } from 'react';
import type { AnalysisViewT, RankedGeneT } from '../../../core/api/contract.js';
import { useAction, useApi, useQuery } from '../api/context.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { EvidenceGrid } from '../components/EvidenceGrid.js';
import { GeneExplanation } from '../components/GeneExplanation.js';
import { SortableTable } from '../components/SortableTable.js';
import { formatDate } from '../format.js';
import { navigate } from '../route.js';

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

function Stage({ started }: { started: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, []);
  const s = (now - started) / 1000;
  return (
    <Group gap="xs" role="status">
      <Loader size="sm" />
      <Text size="sm">
        {s < 1.5
          ? 'Preparing the findings…'
          : 'Ranking every gene against the findings (the first run also loads the knowledge base)…'}{' '}
        {s.toFixed(1)} s
      </Text>
    </Group>
  );
}

function Results({ analysis }: { analysis: AnalysisViewT }) {
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

export function AnalyseScreen({ caseId }: { caseId: number }) {
  const api = useApi();
  const info = useQuery('appInfo', {});
  const latest = useQuery('getAnalysis', { caseId });
  const [ranker, setRanker] = useState('knowledge');
  const [started, setStarted] = useState(0);
  const [analysis, setAnalysis] = useState<AnalysisViewT>();
  const [note, setNote] = useState<string>();
  const { run: act, busy: running, error } = useAction();
  useEffect(() => {
    if (latest.data) {
      setAnalysis(latest.data);
      setRanker(latest.data.ranker.name);
    }
  }, [latest.data]);

  const run = (): Promise<boolean> => {
    setStarted(Date.now());
    setNote(undefined);
    return act(async () => {
      const r = await api.call('runAnalysis', { caseId, ranker });
      setAnalysis(r.analysis);
      setNote(r.reason);
    });
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Analyse and results</Title>
        {analysis && (
          <Button variant="default" onClick={() => navigate({ screen: 'export', caseId })}>
            Export report
          </Button>
        )}
      </Group>
      <Panel>
        <Group align="end">
          <Select
            label="Ranking method"
            w={420}
            value={ranker}
            onChange={(v) => v && setRanker(v)}
            allowDeselect={false}
            data={(
              info.data?.rankers ?? [
                { name: 'knowledge', label: 'Knowledge (ontology-based)', available: true },
              ]
            ).map((r) => ({ value: r.name, label: r.label, disabled: !r.available }))}
            description={info.data?.rankers.find((r) => r.name === ranker)?.description}
          />
          <Button onClick={run} loading={running}>
            Run analysis
          </Button>
        </Group>
        {running && (
          <div style={{ marginTop: 10 }}>
            <Stage started={started} />
          </div>
        )}
        <ErrorNote error={error} title="The analysis did not run" />
        {note && (
          <Text size="sm" mt="xs" role="status">
            {note}
          </Text>
        )}
      </Panel>
      {latest.error && latest.error.code !== 'analysis-missing' && (
        <ErrorNote error={latest.error} title="The last analysis could not be loaded" />
      )}
      {!analysis && !latest.loading && (
        <Text c="gray.8">
          This case has not been analysed yet. Choose a method and run the analysis.
        </Text>
      )}
      {analysis && <Results key={analysis.id} analysis={analysis} />}
    </Stack>
  );
}
