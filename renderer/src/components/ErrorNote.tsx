import { Alert, Text } from '@mantine/core';
import type { OdysseyApiError } from '../../../core/api/contract.js';

/** An error shown where it happened: what went wrong, then what to do about it. */
export function ErrorNote({
  error,
  title = 'That did not work',
}: {
  error: OdysseyApiError | undefined;
  title?: string;
}) {
  if (!error) return null;
  return (
    <Alert
      color="red"
      variant="light"
      title={
        <Text fw={700} size="sm" c="red.9">
          {title}
        </Text>
      }
      role="alert"
      my="sm"
    >
      <Text size="sm" c="red.9">
        {error.message}
      </Text>
      {error.hint && (
        <Text size="sm" mt={4} c="gray.9">
          What to do: {error.hint}
        </Text>
      )}
    </Alert>
  );
}
