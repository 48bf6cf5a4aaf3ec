import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { DifferentialViewT } from '../../../../core/api/contract.js';
import { AddProgress } from './AddProgress.js';
import { pct } from './format.js';

type NextSteps = DifferentialViewT['nextSteps'];
type Question = NextSteps['phenotypes'][number];

function favoured(list: Question['favouredIfPresent']): string {
  return list.length ? list.map((d) => d.name).join(', ') : 'none in particular';
}

function QuestionCard({
  q,
  disabled,
  onAdd,
}: {
  q: Question;
  disabled: boolean;
  onAdd: (excluded: boolean) => void;
}) {
  return (
    <Paper withBorder p="xs">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Group gap={6}>
            <Text size="sm" fw={700}>
              {q.name}
            </Text>
            <Text size="xs" c="gray.7" ff="monospace">
              {q.id}
            </Text>
            <Badge color="indigo.8" tt="none" title="Expected information gain">
              {q.expectedGain.toFixed(2)} bits
            </Badge>
          </Group>
          <Text size="xs" c="gray.8" mt={2}>
            If present, favours {favoured(q.favouredIfPresent)}.
          </Text>
          <Text size="xs" c="gray.8">
            If absent, favours {favoured(q.favouredIfAbsent)}.
          </Text>
        </div>
        {q.recorded ? (
          <Badge color="teal.9" tt="none" size="lg">
            Recorded as {q.recorded === 'observed' ? 'present' : 'absent'}
          </Badge>
        ) : (
          <Group gap={6} wrap="nowrap">
            <Button
              size="xs"
              disabled={disabled}
              onClick={() => onAdd(false)}
              aria-label={`Present: add ${q.name} as observed`}
            >
              Present
            </Button>
            <Button
              size="xs"
              variant="default"
              disabled={disabled}
              onClick={() => onAdd(true)}
              aria-label={`Absent: add ${q.name} as excluded`}
            >
              Absent
            </Button>
          </Group>
        )}
      </Group>
    </Paper>
  );
}

/** Step 6: what to examine next, added to the case in one click, and the genes to test. */
export function NextStepsStep({
  next,
  addingStage,
  onAdd,
}: {
  next: NextSteps;
  /** The stage of a finding being added now (the buttons wait meanwhile). */
  addingStage: number | undefined;
  onAdd: (term: { id: string; name: string }, excluded: boolean) => void;
}) {
  const disabled = addingStage !== undefined;
  return (
    <Stack gap="sm">
      <div role="status" aria-live="polite">
        {addingStage !== undefined && <AddProgress stage={addingStage} />}
      </div>
      <Text size="sm" fw={700}>
        Examine for these findings: each answer best separates the leading diagnoses
      </Text>
      {next.phenotypes.length === 0 ? (
        <Text size="sm" c="gray.8">
          No finding would separate the leading diagnoses much further.
        </Text>
      ) : (
        next.phenotypes.map((q) => (
          <QuestionCard
            key={q.id}
            q={q}
            disabled={disabled}
            onAdd={(excluded) => onAdd({ id: q.id, name: q.name }, excluded)}
          />
        ))
      )}
      <Text size="sm" fw={700} mt="xs">
        Genes to test (summed probability of their diseases)
      </Text>
      {next.genes.length === 0 ? (
        <Text size="sm" c="gray.8">
          The leading diagnoses are linked to no gene in the knowledge base.
        </Text>
      ) : (
        <Group gap={6} role="group" aria-label="Genes to test">
          {next.genes.slice(0, 20).map((g) => (
            <Badge key={g.symbol} variant="outline" color="gray.8" tt="none" size="lg">
              {g.symbol} · {pct(g.probability)}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}
