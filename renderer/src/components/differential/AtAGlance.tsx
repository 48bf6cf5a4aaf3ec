import { Button, Group, Text } from '@mantine/core';
import type { DifferentialViewT } from '../../../../core/api/contract.js';
import { Panel } from '../Panel.js';
import { ConfidenceBadge } from './ConclusionStep.js';
import { goToStep } from './DifferentialTimeline.js';

/** The conclusion first, for the reader who wants the answer, with a way to the reasoning. */
export function AtAGlance({ view }: { view: DifferentialViewT }) {
  const c = view.conclusion;
  return (
    <Panel>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ConfidenceBadge confidence={c.confidence} />
        <Text
          size="sm"
          fw={c.insufficientEvidence ? 700 : 400}
          c={c.insufficientEvidence ? 'red.9' : undefined}
        >
          {c.text}
        </Text>
      </Group>
      <Group gap="xs" mt={6}>
        <Button variant="subtle" size="compact-sm" onClick={() => goToStep(3)}>
          See the evidence
        </Button>
        <Button variant="subtle" size="compact-sm" onClick={() => goToStep(5)}>
          See the probabilities
        </Button>
        <Button variant="subtle" size="compact-sm" onClick={() => goToStep(6)}>
          See what to examine next
        </Button>
      </Group>
    </Panel>
  );
}
