import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AnalysisViewT } from '../../../core/api/contract.js';
import { useQuery } from '../api/context.js';
import { AnalysisResults } from '../components/AnalysisResults.js';
import { AnalysisRunner } from '../components/AnalysisRunner.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { href, navigate } from '../route.js';

export function AnalyseScreen({ caseId, analysisId }: { caseId: number; analysisId?: number }) {
  const latest = useQuery('getAnalysis', { caseId, ...(analysisId ? { analysisId } : {}) });
  const [analysis, setAnalysis] = useState<AnalysisViewT>();
  useEffect(() => {
    if (latest.data) setAnalysis(latest.data);
  }, [latest.data]);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Analyse and results</Title>
        {analysis && (
          <Group gap="xs">
            <Button variant="default" onClick={() => navigate({ screen: 'differential', caseId })}>
              Differential diagnosis
            </Button>
            <Button variant="default" onClick={() => navigate({ screen: 'export', caseId })}>
              Export report
            </Button>
          </Group>
        )}
      </Group>
      {analysisId !== undefined && (
        <Text size="sm">
          Showing analysis {analysisId} from the history.{' '}
          <Anchor href={href({ screen: 'analyse', caseId })}>Show the latest</Anchor>
        </Text>
      )}
      <AnalysisRunner
        caseId={caseId}
        initialRanker={latest.data?.ranker.name}
        onResult={(r) => setAnalysis(r.analysis)}
      />
      {latest.error && latest.error.code !== 'analysis-missing' && (
        <ErrorNote error={latest.error} title="The last analysis could not be loaded" />
      )}
      {!analysis && !latest.loading && (
        <Text c="gray.8">
          This case has not been analysed yet. Choose a method and run the analysis.
        </Text>
      )}
      {analysis && <AnalysisResults key={analysis.id} analysis={analysis} />}
    </Stack>
  );
}
