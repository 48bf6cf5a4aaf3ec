import { Alert, Button, Group, Loader, Progress, Stack, Text } from '@mantine/core';
import type { JobViewT } from '../../../../core/api/contract.js';

/** A running analysis: its stage in words, the model calls done of those planned, and Cancel. */
export function JobProgress({ job, onCancel }: { job: JobViewT; onCancel: () => void }) {
  const seconds = (job.elapsedMs / 1000).toFixed(1);
  if (job.state === 'cancelled' || job.state === 'failed')
    return (
      <Alert
        color={job.state === 'cancelled' ? 'yellow' : 'red'}
        variant="light"
        role="alert"
        title={
          <Text fw={700} size="sm" c="dark.9">
            {job.state === 'cancelled' ? 'Analysis cancelled' : 'The analysis failed'}
          </Text>
        }
        my="sm"
      >
        <Text size="sm">{job.error?.message}</Text>
        {job.error?.hint && (
          <Text size="sm" mt={4}>
            What to do: {job.error.hint}
          </Text>
        )}
      </Alert>
    );
  if (job.state !== 'running') return null;
  const calls = job.calls;
  return (
    <Stack gap={6} mt="sm" role="status" aria-live="polite">
      <Group justify="space-between">
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm" fw={600}>
            {job.label}
          </Text>
          <Text size="sm" c="gray.8">
            {seconds} s
          </Text>
        </Group>
        <Button variant="outline" color="red.9" size="xs" onClick={onCancel}>
          Cancel analysis
        </Button>
      </Group>
      {calls && calls.planned > 0 && (
        <>
          <Progress
            value={(100 * calls.done) / calls.planned}
            aria-label="Model calls done"
            size="lg"
          />
          <Text size="xs" c="gray.8">
            {calls.done} of {calls.planned} model calls done
          </Text>
        </>
      )}
    </Stack>
  );
}
