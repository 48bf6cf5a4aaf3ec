import { List, Loader, Text, ThemeIcon } from '@mantine/core';
import { ADD_STAGES } from './use-differential.js';

/** Progress of the one-click addition of a finding: each stage done, running or to come. */
export function AddProgress({ stage }: { stage: number }) {
  return (
    <List size="sm" spacing={4} mt="sm" center aria-label="Progress">
      {ADD_STAGES.map((label, i) => (
        <List.Item
          key={label}
          icon={
            i < stage ? (
              <ThemeIcon size={18} radius="xl" color="teal.9" aria-hidden>
                <Text size="xs" c="white" fw={700}>
                  ✓
                </Text>
              </ThemeIcon>
            ) : i === stage ? (
              <Loader size={18} aria-hidden />
            ) : (
              <ThemeIcon size={18} radius="xl" color="gray.4" aria-hidden>
                {' '}
              </ThemeIcon>
            )
          }
        >
          <Text size="sm" fw={i === stage ? 700 : 400} c={i > stage ? 'gray.7' : undefined}>
            {label}
            {i < stage ? ' (done)' : i === stage ? '…' : ''}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
