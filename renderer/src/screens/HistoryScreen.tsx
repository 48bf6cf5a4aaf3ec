import { Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useQuery } from '../api/context.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { ComparePicker, defaultPair, type Pair } from '../components/history/ComparePicker.js';
import { DiffView } from '../components/history/DiffView.js';
import { HistoryTable } from '../components/history/HistoryTable.js';
import { ReanalysePanel } from '../components/history/ReanalysePanel.js';
import { ResultsDialog } from '../components/history/ResultsDialog.js';

/**
 * Reanalysis: every analysis of the case with what it used, the difference between any two
 * (by default the latest two), and a button that reanalyses with today's findings and knowledge.
 */
export function HistoryScreen({ caseId }: { caseId: number }) {
  const history = useQuery('listAnalyses', { caseId });
  const [pair, setPair] = useState<Pair>({ fromId: undefined, toId: undefined, top: 20 });
  const [open, setOpen] = useState<number>();
  // A new history (first load, or after a reanalysis) compares its latest two again.
  useEffect(() => {
    if (history.data) setPair((p) => ({ ...defaultPair(history.data!.analyses), top: p.top }));
  }, [history.data]);
  const ready = pair.fromId !== undefined && pair.toId !== undefined && pair.fromId !== pair.toId;
  const diff = useQuery(
    'diffAnalyses',
    ready ? { caseId, fromId: pair.fromId!, toId: pair.toId!, top: pair.top } : undefined,
  );
  const analyses = history.data?.analyses ?? [];
  const finished = analyses.filter((a) => a.status === 'done').length;

  return (
    <Stack gap="md">
      <Title order={2}>Reanalysis history</Title>
      <ReanalysePanel caseId={caseId} history={history.data} onDone={() => history.reload()} />
      <ErrorNote error={history.error} title="The history could not be loaded" />
      {history.loading && !history.data && <Loader size="sm" aria-label="Loading the history" />}
      {history.data && (
        <Panel title={`Analyses (${analyses.length})`}>
          {analyses.length ? (
            <HistoryTable history={history.data} onOpen={setOpen} />
          ) : (
            <Text size="sm">
              This case has not been analysed yet. Reanalyse now, or run an analysis on the Analyse
              screen.
            </Text>
          )}
        </Panel>
      )}
      {history.data && finished >= 2 && (
        <Panel title="Compare two analyses">
          <Stack gap="md">
            <ComparePicker analyses={analyses} pair={pair} onChange={setPair} />
            <ErrorNote error={diff.error} title="These two cannot be compared" />
            {diff.loading && !diff.data && <Loader size="sm" aria-label="Comparing" />}
            {diff.data && ready && <DiffView d={diff.data} />}
          </Stack>
        </Panel>
      )}
      {history.data && finished === 1 && (
        <Text size="sm" c="gray.8">
          There is one finished analysis. After the findings change or new knowledge is installed,
          reanalyse to see what changed.
        </Text>
      )}
      <ResultsDialog caseId={caseId} analysisId={open} onClose={() => setOpen(undefined)} />
    </Stack>
  );
}
