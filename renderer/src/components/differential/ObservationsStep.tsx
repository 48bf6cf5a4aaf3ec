import { Badge, Group, Stack, Text } from '@mantine/core';
import type { DifferentialViewT } from '../../../../core/api/contract.js';

function Finding({ name, ic, added }: { name: string; ic?: number; added: boolean }) {
  return (
    <Badge
      variant={added ? 'filled' : 'outline'}
      color={added ? 'teal.9' : 'gray.8'}
      tt="none"
      size="lg"
      fw={500}
    >
      {name}
      {ic !== undefined ? ` · IC ${ic.toFixed(1)}` : ''}
      {added ? ' · just added' : ''}
    </Badge>
  );
}

/** Step 1: the findings by organ system, and what was looked for and found absent. */
export function ObservationsStep({
  observations: o,
  addedId,
}: {
  observations: DifferentialViewT['observations'];
  addedId: string | undefined;
}) {
  return (
    <Stack gap="xs">
      <Text size="sm">{o.summary}</Text>
      {o.systems.map((s) => (
        <Group key={s.categoryId} gap={6} align="center" wrap="wrap">
          <Text size="sm" fw={700} w={190}>
            {s.name}
          </Text>
          {s.findings.map((f) => (
            <Finding key={f.id} name={f.name} ic={f.ic} added={f.id === addedId} />
          ))}
        </Group>
      ))}
      {o.other.length > 0 && (
        <Group gap={6} wrap="wrap">
          <Text size="sm" fw={700} w={190}>
            Outside every organ system
          </Text>
          {o.other.map((f) => (
            <Finding key={f.id} name={f.name} added={f.id === addedId} />
          ))}
        </Group>
      )}
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={700} w={190}>
          Pertinent negatives
        </Text>
        {o.pertinentNegatives.length === 0 ? (
          <Text size="sm" c="gray.7">
            None recorded: findings looked for and found absent help rule diagnoses out.
          </Text>
        ) : (
          o.pertinentNegatives.map((f) => (
            <Finding key={f.id} name={`Absent: ${f.name}`} added={f.id === addedId} />
          ))
        )}
      </Group>
    </Stack>
  );
}
