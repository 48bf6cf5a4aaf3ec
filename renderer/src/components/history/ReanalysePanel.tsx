import { Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ListAnalysesT } from '../../../../core/api/contract.js';
import { useAction, useApi } from '../../api/context.js';
import { ErrorNote } from '../ErrorNote.js';
import { Panel } from '../Panel.js';
import { knowledgeText, sameKnowledge } from './words.js';

/** What a reanalysis now would change, in words, from the latest finished analysis. */
function dueText(h: ListAnalysesT): string {
  const latest = h.analyses.find((a) => a.status === 'done');
  if (!latest) return 'This case has no finished analysis yet.';
  const reasons: string[] = [];
  if (!latest.inputsCurrent)
    reasons.push(
      latest.findings.differFromCurrent
        ? 'the findings changed'
        : 'the case changed (findings, age, sex, onset or candidate genes)',
    );
  if (!sameKnowledge(latest.knowledge, h.knowledgeNow))
    reasons.push('newer knowledge is installed');
  return reasons.length
    ? `Since analysis ${latest.id}, ${reasons.join(' and ')}.`
    : `Nothing has changed since analysis ${latest.id}: same findings and knowledge.`;
}

/** Runs the knowledge analysis with the case as it is now and the installed knowledge. */
export function ReanalysePanel({
  caseId,
  history,
  onDone,
}: {
  caseId: number;
  history: ListAnalysesT | undefined;
  onDone: (analysisId: number) => void;
}) {
  const api = useApi();
  const { run, busy, error } = useAction();
  const [note, setNote] = useState<string>();
  const reanalyse = (): Promise<boolean> =>
    run(async () => {
      setNote(undefined);
      const r = await api.call('runAnalysis', { caseId, ranker: 'knowledge' });
      if (r.outcome === 'skipped') {
        setNote(r.reason ?? 'Nothing changed since the last analysis, so it was not repeated.');
        return;
      }
      setNote(`Analysis ${r.analysis.id} is stored; it is compared below with the one before.`);
      onDone(r.analysis.id);
    });
  return (
    <Panel>
      <Group justify="space-between" align="center" wrap="nowrap">
        <Stack gap={2}>
          <Text size="sm" fw={600}>
            Reanalyse with the case&apos;s findings now and the installed knowledge
          </Text>
          {history && (
            <Text size="sm" c="gray.8">
              {dueText(history)} Installed: {knowledgeText(history.knowledgeNow)}. Case now:{' '}
              {history.current.observed} observed, {history.current.excluded} excluded findings.
            </Text>
          )}
        </Stack>
        <Button onClick={reanalyse} loading={busy} style={{ flexShrink: 0 }}>
          Reanalyse now
        </Button>
      </Group>
      <ErrorNote error={error} title="The reanalysis did not run" />
      {note && (
        <Text size="sm" mt="xs" role="status">
          {note}
        </Text>
      )}
    </Panel>
  );
}
