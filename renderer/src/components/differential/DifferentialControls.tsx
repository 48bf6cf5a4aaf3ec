import { Button, Group, SegmentedControl, Text } from '@mantine/core';
import type { DifferentialBudget } from '../../../../core/api/contract.js';
import { Panel } from '../Panel.js';
import type { DifferentialState } from './use-differential.js';

const BUDGET_WORDS: Record<DifferentialBudget, string> = {
  quick: 'Quick: the few best-matching diseases, one round of reflection.',
  standard:
    'Standard: a broader set of hypotheses, backtracking to related diseases, and a check for a dual diagnosis.',
  deep: 'Deep: the broadest set of hypotheses and the most reflection; takes a little longer.',
};

/** The budget, the Run button, and what is running now. */
export function DifferentialControls({
  budget,
  onBudget,
  state,
}: {
  budget: DifferentialBudget;
  onBudget: (b: DifferentialBudget) => void;
  state: DifferentialState;
}) {
  const { busy } = state;
  return (
    <Panel>
      <Group align="end" gap="md">
        <div>
          <Text size="sm" fw={600} mb={4}>
            How much reasoning
          </Text>
          <SegmentedControl
            aria-label="How much reasoning"
            value={budget}
            onChange={(v) => onBudget(v as DifferentialBudget)}
            disabled={Boolean(busy)}
            data={[
              { value: 'quick', label: 'Quick' },
              { value: 'standard', label: 'Standard' },
              { value: 'deep', label: 'Deep' },
            ]}
          />
        </div>
        <Button
          onClick={() => void state.run(budget)}
          loading={busy?.stage === undefined && Boolean(busy)}
          disabled={Boolean(busy)}
        >
          Run differential
        </Button>
      </Group>
      <Text size="sm" c="gray.8" mt={6}>
        {BUDGET_WORDS[budget]} Knowledge engine: works offline from the ontology and its
        annotations; nothing leaves this computer.
      </Text>
      <div role="status" aria-live="polite">
        {busy && busy.stage === undefined && (
          <Text size="sm" mt="xs">
            {busy.label}…
          </Text>
        )}
        {state.note && (
          <Text size="sm" mt="xs">
            {state.note}
          </Text>
        )}
      </div>
    </Panel>
  );
}
