import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered section of a screen with its heading. */
export function Panel({ title, children }: { title?: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm">
      {title && (
        <Title order={3} size="h4" mb="xs">
          {title}
        </Title>
      )}
      {children}
    </Paper>
  );
}
