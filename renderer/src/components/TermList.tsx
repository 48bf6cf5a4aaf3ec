import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { PhenotypeT } from '../../../core/api/contract.js';

/** The case's observed or excluded terms, each with its organ systems, to flip or remove. */
export function TermList({
  title,
  terms,
  onFlip,
  onRemove,
  empty,
}: {
  title: string;
  terms: PhenotypeT[];
  onFlip: (p: PhenotypeT) => void;
  onRemove: (p: PhenotypeT) => void;
  empty: string;
}) {
  return (
    <section aria-label={title}>
      <Text fw={700} size="sm" mb={4}>
        {title} ({terms.length})
      </Text>
      {terms.length === 0 && (
        <Text size="sm" c="gray.7">
          {empty}
        </Text>
      )}
      <Stack gap={4}>
        {terms.map((p) => (
          <Paper key={`${p.id}:${p.excluded}`} withBorder px="xs" py={4}>
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <div>
                <Group gap={6}>
                  <Text size="sm" fw={600}>
                    {p.label}
                  </Text>
                  <Text size="xs" c="gray.7" ff="monospace">
                    {p.id}
                  </Text>
                </Group>
                <Group gap={4}>
                  {p.categories.slice(0, 3).map((c) => (
                    <Badge key={c.id} size="xs" variant="filled" color="gray.7">
                      {c.name}
                    </Badge>
                  ))}
                  {p.span && (
                    <Text size="xs" c="gray.7">
                      from the note
                    </Text>
                  )}
                </Group>
              </div>
              <Group gap={4} wrap="nowrap">
                <Button
                  size="compact-xs"
                  variant="default"
                  onClick={() => onFlip(p)}
                  aria-label={`${p.excluded ? 'Mark observed' : 'Exclude'}: ${p.label}`}
                >
                  {p.excluded ? 'Mark observed' : 'Exclude'}
                </Button>
                <Button
                  size="compact-xs"
                  variant="outline"
                  color="red.9"
                  onClick={() => onRemove(p)}
                  aria-label={`Remove: ${p.label}`}
                >
                  Remove
                </Button>
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
    </section>
  );
}
