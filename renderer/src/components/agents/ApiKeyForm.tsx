import { Alert, Button, Group, PasswordInput, Select, Text } from '@mantine/core';
import { useState } from 'react';
import type { ProvidersT } from '../../../../core/api/contract.js';
import { useAction, useApi } from '../../api/context.js';
import { ErrorNote } from '../ErrorNote.js';

/**
 * API keys: kept encrypted by the desktop app; in the browser, or where the computer has no
 * keyring, the user is told to use the provider's environment variable instead.
 */
export function ApiKeyForm({
  data,
  onSaved,
}: {
  data: ProvidersT;
  onSaved: (p: ProvidersT) => void;
}) {
  const api = useApi();
  const withKey = data.providers.filter((p) => p.apiKeyEnv);
  const [provider, setProvider] = useState(withKey[0]?.name ?? '');
  const [key, setKey] = useState('');
  const save = useAction();
  const [saved, setSaved] = useState<string>();
  const ks = data.keyStorage;
  if (!ks.available)
    return (
      <Alert color="gray" variant="light" title="API keys">
        <Text size="sm">{ks.reason}</Text>
      </Alert>
    );
  return (
    <form
      aria-label="API key"
      onSubmit={(e) => {
        e.preventDefault();
        void save.run(async () => {
          onSaved(await api.call('setProviderKey', { provider, key }));
          setKey('');
          setSaved(provider);
        });
      }}
    >
      <Text fw={600} size="sm" mb={4}>
        API key (kept encrypted by this computer&apos;s keychain)
      </Text>
      <Group align="end" gap="sm">
        <Select
          label="Provider"
          w={200}
          value={provider}
          allowDeselect={false}
          onChange={(v) => v && setProvider(v)}
          data={withKey.map((p) => p.name)}
        />
        <PasswordInput
          label="Key"
          w={320}
          value={key}
          onChange={(e) => setKey(e.currentTarget.value)}
          autoComplete="off"
        />
        <Button type="submit" loading={save.busy} disabled={!provider || !key}>
          Save key
        </Button>
      </Group>
      <ErrorNote error={save.error} title="The key was not saved" />
      {saved && !save.error && (
        <Text size="sm" mt={4} role="status">
          Key saved for {saved}.
        </Text>
      )}
    </form>
  );
}
