import { Badge, Group, List, Text } from '@mantine/core';
import type { AgentReportViewT } from '../../../../core/api/contract.js';

const LOOK: Record<string, { color: string; words: string }> = {
  confident: { color: 'teal.9', words: 'Confident' },
  possible: { color: '#8a5a00', words: 'Possible' },
  unsolved: { color: 'red.9', words: 'No confident answer' },
};

/** How sure the agents are, with the reasons in full (not only on hover). */
export function SolvabilityBadge({ s }: { s: AgentReportViewT['solvability'] }) {
  const look = LOOK[s.label] ?? { color: 'gray.8', words: s.label };
  return (
    <div>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          Solvability
        </Text>
        <Badge color={look.color} size="lg" title={s.reasons.join(' ')}>
          {look.words}
        </Badge>
      </Group>
      <List size="sm" mt={4} aria-label="Why">
        {s.reasons.map((r) => (
          <List.Item key={r}>{r}</List.Item>
        ))}
      </List>
    </div>
  );
}
