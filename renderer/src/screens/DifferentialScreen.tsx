import { Alert, Anchor, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { DifferentialBudget, DifferentialViewT } from '../../../core/api/contract.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { AtAGlance } from '../components/differential/AtAGlance.js';
import { DifferentialControls } from '../components/differential/DifferentialControls.js';
import { DifferentialTimeline } from '../components/differential/DifferentialTimeline.js';
import { pct } from '../components/differential/format.js';
import { useDifferential, type AddedFinding } from '../components/differential/use-differential.js';
import { formatDate } from '../format.js';
import { href } from '../route.js';

type Lead = DifferentialViewT['conclusion']['entries'][number] | undefined;

/** How the leading diagnosis changed, in words. */
function leadChange(before: Lead, after: Lead): string {
  if (!after) return 'No disease leads the differential now.';
  if (before?.diseaseId === after.diseaseId)
    return `Leading diagnosis still ${after.name}: ${pct(before.probability)} before, ${pct(after.probability)} now.`;
  return `Leading diagnosis now ${after.name} (${pct(after.probability)})${before ? `; it was ${before.name} (${pct(before.probability)})` : ''}.`;
}

/** What adding the finding did: the new analyses and how the lead changed. */
function AddedNote({ added, view }: { added: AddedFinding; view: DifferentialViewT }) {
  const note = useRef<HTMLDivElement>(null);
  // The click was at the foot of the page: bring the outcome into view, and focus to it.
  const done = added.geneAnalysisId !== undefined;
  useEffect(() => {
    if (!done) return;
    note.current?.scrollIntoView({ block: 'start' });
    note.current?.focus({ preventScroll: true });
  }, [done]);
  return (
    <Alert
      ref={note}
      tabIndex={-1}
      style={{ scrollMarginTop: 64 }}
      color="teal"
      variant="light"
      title={
        <Text fw={700} c="gray.9">
          Finding added
        </Text>
      }
    >
      <Text size="sm">
        <b>{added.name}</b> was recorded as {added.excluded ? 'absent (excluded)' : 'present'}. The
        differential was drawn again (analysis {view.analysisId})
        {added.geneAnalysisId !== undefined ? (
          <>
            {' '}
            and the genes were ranked again (analysis {added.geneAnalysisId};{' '}
            <Anchor href={href({ screen: 'analyse', caseId: view.caseId })}>see the genes</Anchor>)
          </>
        ) : null}
        .
      </Text>
      <Text size="sm">
        {leadChange(added.before.conclusion.entries[0], view.conclusion.entries[0])}
      </Text>
    </Alert>
  );
}

export function DifferentialScreen({ caseId }: { caseId: number }) {
  const state = useDifferential(caseId);
  const { view } = state;
  const [budget, setBudget] = useState<DifferentialBudget>('standard');
  useEffect(() => {
    if (view) setBudget(view.budget);
  }, [view]);

  return (
    <Stack gap="md">
      <Title order={2}>Differential diagnosis</Title>
      <DifferentialControls budget={budget} onBudget={setBudget} state={state} />
      <ErrorNote error={state.error} title="The differential was not drawn" />
      <ErrorNote error={state.loadError} title="The differential could not be loaded" />
      {state.loading && <Loader aria-label="Loading the differential" />}
      {state.missing && !state.busy && (
        <Alert color="indigo" variant="light" title={<Text fw={700}>No differential yet</Text>}>
          <Text size="sm">
            No differential diagnosis has been drawn for this case. Choose how much reasoning and
            press <b>Run differential</b>: it lists the hypotheses, tests each against the findings,
            reflects, and concludes with probabilities and what to examine next.
          </Text>
        </Alert>
      )}
      {view && (
        <>
          <Text size="sm" c="gray.8">
            Analysis {view.analysisId}: {view.engine} engine v{view.engineVersion}, {view.budget}{' '}
            budget, {view.work.tested} hypotheses tested in {view.work.rounds} reflection round
            {view.work.rounds === 1 ? '' : 's'}; {formatDate(view.finishedAt)}; HPO{' '}
            {view.versions.hpo ?? '?'}, annotations {view.versions.hpoAnnotations ?? '?'}.
          </Text>
          {!view.upToDate && !state.busy && (
            <Alert color="yellow" variant="light" title={<Text fw={700}>Findings changed</Text>}>
              <Text size="sm">
                The case changed since this differential was drawn. Press <b>Run differential</b> to
                include the current findings.
              </Text>
            </Alert>
          )}
          {state.added && <AddedNote added={state.added} view={view} />}
          <AtAGlance view={view} />
          {view.warnings.map((w) => (
            <Alert key={w} color="yellow" variant="light">
              <Text size="sm">{w}</Text>
            </Alert>
          ))}
          <DifferentialTimeline
            view={view}
            addedId={state.added?.id}
            addingStage={state.busy?.stage}
            onAdd={(term, excluded) => void state.addFinding(term, excluded)}
          />
          <Text size="xs" c="gray.7">
            Reasoning support, not a diagnosis: confirm with clinical judgement and testing.
          </Text>
        </>
      )}
    </Stack>
  );
}
