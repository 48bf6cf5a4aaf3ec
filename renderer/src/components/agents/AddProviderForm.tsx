import { Button, Group, Select, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { ProvidersT } from '../../../../core/api/contract.js';
import { useAction, useApi } from '../../api/context.js';
import { ErrorNote } from '../ErrorNote.js';

const OTHER = 'other';

/** Adds a provider to providers.json, or changes one; keys are never part of it. */
export function AddProviderForm({
  presets,
  onSaved,
}: {
  presets: ProvidersT['presets'];
  onSaved: (p: ProvidersT) => void;
}) {
  const api = useApi();
  const [name, setName] = useState('');
  const [preset, setPreset] = useState(OTHER);
  const [baseURL, setBaseURL] = useState('');
  const [model, setModel] = useState('');
  const [keyEnv, setKeyEnv] = useState('');
  const save = useAction();
  const [saved, setSaved] = useState<string>();
  const presetURL = presets.find((p) => p.name === preset)?.baseURL;

  const submit = (): Promise<boolean> =>
    save.run(async () => {
      const r = await api.call('saveProvider', {
        name: name.trim(),
        ...(preset !== OTHER ? { preset } : {}),
        ...(baseURL.trim() ? { baseURL: baseURL.trim() } : {}),
        ...(model.trim() ? { model: model.trim() } : {}),
        ...(keyEnv.trim() ? { apiKeyEnv: keyEnv.trim() } : {}),
      });
      onSaved(r);
      setSaved(name.trim());
    });

  return (
    <form
      aria-label="Add or change a provider"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Text fw={600} size="sm" mb={4}>
        Add or change a provider
      </Text>
      <Group align="end" wrap="wrap" gap="sm">
        <TextInput
          label="Name"
          w={150}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Select
          label="Type"
          w={200}
          value={preset}
          allowDeselect={false}
          onChange={(v) => v && setPreset(v)}
          data={[
            { value: OTHER, label: 'Other OpenAI-compatible' },
            ...presets.map((p) => ({ value: p.name, label: p.about })),
          ]}
        />
        <TextInput
          label="Base URL"
          w={260}
          value={baseURL}
          placeholder={presetURL || 'http://127.0.0.1:8000/v1'}
          onChange={(e) => setBaseURL(e.currentTarget.value)}
        />
        <TextInput
          label="Model"
          w={160}
          value={model}
          onChange={(e) => setModel(e.currentTarget.value)}
        />
        <TextInput
          label="Key variable"
          w={180}
          value={keyEnv}
          placeholder="e.g. LAB_LLM_API_KEY"
          onChange={(e) => setKeyEnv(e.currentTarget.value)}
        />
        <Button type="submit" loading={save.busy}>
          Save provider
        </Button>
      </Group>
      <ErrorNote error={save.error} title="The provider was not saved" />
      {saved && !save.error && (
        <Text size="sm" mt={4} role="status">
          Saved {saved}.
        </Text>
      )}
    </form>
  );
}
