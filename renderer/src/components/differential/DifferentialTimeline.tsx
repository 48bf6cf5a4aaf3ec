import { Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { DifferentialViewT } from '../../../../core/api/contract.js';
import { ConclusionStep } from './ConclusionStep.js';
import { HypothesesStep } from './HypothesesStep.js';
import { HypothesisTests } from './HypothesisTests.js';
import { NextStepsStep } from './NextStepsStep.js';
import { ObservationsStep } from './ObservationsStep.js';
import { ReflectionStep } from './ReflectionStep.js';

function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`ddx-step-${n}`}>
      <Title
        order={3}
        size="h4"
        id={`ddx-step-${n}`}
        mb={6}
        tabIndex={-1}
        style={{ scrollMarginTop: 64 }}
      >
        {n}. {title}
      </Title>
      {children}
    </section>
  );
}

const bullet = (n: number) => (
  <ThemeIcon size={28} radius="xl" color="indigo.8" aria-hidden>
    <Text size="sm" fw={700} c="white">
      {n}
    </Text>
  </ThemeIcon>
);

/** Moves to a step of the timeline (the address's #fragment is the app's route, so no link). */
export function goToStep(n: number): void {
  const heading = document.getElementById(`ddx-step-${n}`);
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus({ preventScroll: true });
}

/** The journey as a vertical timeline, from the findings to what to do next. */
export function DifferentialTimeline({
  view,
  addedId,
  addingStage,
  onAdd,
}: {
  view: DifferentialViewT;
  addedId: string | undefined;
  addingStage: number | undefined;
  onAdd: (term: { id: string; name: string }, excluded: boolean) => void;
}) {
  const tested = view.tests.length;
  return (
    <Timeline active={5} bulletSize={28} lineWidth={2} color="indigo.3">
      <Timeline.Item bullet={bullet(1)}>
        <Step n={1} title="Observations">
          <ObservationsStep observations={view.observations} addedId={addedId} />
        </Step>
      </Timeline.Item>
      <Timeline.Item bullet={bullet(2)}>
        <Step n={2} title="Hypotheses">
          <HypothesesStep hypotheses={view.hypotheses} />
        </Step>
      </Timeline.Item>
      <Timeline.Item bullet={bullet(3)}>
        <Step n={3} title={`Testing: ${tested} hypotheses against the findings`}>
          <HypothesisTests tests={view.tests} />
        </Step>
      </Timeline.Item>
      <Timeline.Item bullet={bullet(4)}>
        <Step n={4} title="Reflection and backtracking">
          <ReflectionStep rounds={view.reflection} />
        </Step>
      </Timeline.Item>
      <Timeline.Item bullet={bullet(5)}>
        <Step n={5} title="Conclusion">
          <ConclusionStep conclusion={view.conclusion} />
        </Step>
      </Timeline.Item>
      <Timeline.Item bullet={bullet(6)}>
        <Step n={6} title="Next steps">
          <NextStepsStep next={view.nextSteps} addingStage={addingStage} onAdd={onAdd} />
        </Step>
      </Timeline.Item>
    </Timeline>
  );
}
