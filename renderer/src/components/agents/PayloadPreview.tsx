import { Alert, Badge, Button, Code, Group, List, Stack, Text } from '@mantine/core';
import { REMOTE_COLOR } from './colors.js';
import type { PreviewT } from '../../../../core/api/contract.js';

/**
 * What an LLM analysis will send, shown before anything is sent. A remote provider needs an
 * explicit "Send to …"; a provider on this computer needs no extra step, and says so.
 */
export function PayloadPreview({
  preview,
  onConfirm,
  onBack,
}: {
  preview: PreviewT;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const p = preview.provider;
  const remote = Boolean(p?.remote);
  return (
    <Stack gap="xs" mt="sm" aria-label="What will be sent" role="region">
      <Group gap="xs">
        <Text fw={700}>What will be sent</Text>
        {p && (
          <Badge color={remote ? REMOTE_COLOR : 'teal.9'}>
            {remote ? 'leaves this computer' : 'stays on this computer'}
          </Badge>
        )}
      </Group>
      {p && (
        <Text size="sm">
          To <b>{p.name}</b>, model <b>{p.model}</b>, at <Code>{p.baseURL}</Code>
          {p.apiKeyEnv ? ` (key from ${p.apiKeyEnv}: ${p.keySet ? 'set' : 'not set'})` : ''}.
        </Text>
      )}
      <Text size="sm">
        About the patient, every request carries exactly this (no name, label, identifier or notes):
      </Text>
      <pre className="payload" tabIndex={0} aria-label="Patient part of every request">
        {JSON.stringify(preview.patient, null, 2)}
      </pre>
      <Text size="sm">
        Genes: {preview.candidates.description} {preview.perGene} About {preview.plannedCalls}{' '}
        requests.
      </Text>
      {preview.candidates.genes && (
        <Text size="xs" c="gray.8" className="gene-list">
          {preview.candidates.genes.join(', ')}
        </Text>
      )}
      {preview.notes.length > 0 && (
        <Alert color={remote ? 'orange' : 'teal'} variant="light">
          <List size="sm">
            {preview.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group>
        <Button color={remote ? REMOTE_COLOR : undefined} onClick={onConfirm}>
          {remote ? `Send to ${p!.name}` : 'Run on this computer'}
        </Button>
        <Button variant="default" onClick={onBack}>
          Back
        </Button>
      </Group>
    </Stack>
  );
}
