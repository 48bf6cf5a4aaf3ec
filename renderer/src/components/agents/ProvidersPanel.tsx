import { Badge, Loader, Stack, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { REMOTE_COLOR } from './colors.js';
import type { ProvidersT } from '../../../../core/api/contract.js';
import { useAction, useApi, useQuery } from '../../api/context.js';
import { ErrorNote } from '../ErrorNote.js';
import { Panel } from '../Panel.js';
import { AddProviderForm } from './AddProviderForm.js';
import { ApiKeyForm } from './ApiKeyForm.js';

function ProviderTable({ data }: { data: ProvidersT }) {
  return (
    <Table fz="sm" withTableBorder striped aria-label="LLM providers">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Provider</Table.Th>
          <Table.Th>Where</Table.Th>
          <Table.Th>Address</Table.Th>
          <Table.Th>Model</Table.Th>
          <Table.Th>API key</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.providers.map((p) => (
          <Table.Tr key={p.name}>
            <Table.Td>
              <b>{p.name}</b>
              <Text size="xs" c="gray.8">
                {p.about}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge color={p.local ? 'teal.9' : REMOTE_COLOR}>
                {p.local ? 'local' : 'remote'}
              </Badge>
            </Table.Td>
            <Table.Td className="one-line">{p.baseURL || 'not set'}</Table.Td>
            <Table.Td>{p.model ?? 'choose when analysing'}</Table.Td>
            <Table.Td>
              {p.apiKeyEnv ? `${p.apiKeyEnv}: ${p.keySet ? 'set' : 'not set'}` : 'not needed'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Settings → LLM providers: the list, local-only, adding a provider, and API keys. */
export function ProvidersPanel() {
  const api = useApi();
  const q = useQuery('listProviders', {});
  const [data, setData] = useState<ProvidersT>();
  const toggle = useAction();
  const shown = data ?? q.data;
  if (q.error) return <ErrorNote error={q.error} title="The providers could not be read" />;
  if (!shown) return <Loader size="sm" aria-label="Loading providers" />;
  return (
    <Panel title="LLM providers">
      <Stack gap="sm">
        <Switch
          label="Local only: never send anything to a provider outside this computer"
          checked={shown.localOnly}
          disabled={shown.localOnlyForced || toggle.busy}
          description={
            shown.localOnlyForced
              ? 'Switched on for this computer by ODYSSEY_LOCAL_ONLY.'
              : `Saved in ${shown.providersFile}.`
          }
          onChange={(e) => {
            const localOnly = e.currentTarget.checked;
            void toggle.run(async () => setData(await api.call('setLocalOnly', { localOnly })));
          }}
        />
        <ErrorNote error={toggle.error} title="Local-only was not changed" />
        <ProviderTable data={shown} />
        <AddProviderForm presets={shown.presets} onSaved={setData} />
        <ApiKeyForm data={shown} onSaved={setData} />
      </Stack>
    </Panel>
  );
}
