import { Badge, Group, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '../api/context.js';
import { AboutDialog } from '../components/AboutDialog.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { ProvidersPanel } from '../components/agents/ProvidersPanel.js';

export function SettingsScreen() {
  const info = useQuery('appInfo', {});
  if (info.error)
    return <ErrorNote error={info.error} title="Odyssey's settings could not be read" />;
  const d = info.data;
  if (!d) return <Loader aria-label="Loading" />;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>Settings and about</Title>
        <AboutDialog />
      </Group>
      <Panel title={`About Odyssey ${d.appVersion}`}>
        <Text size="sm">
          Odyssey ranks candidate genes for a patient&apos;s phenotype with ontology-based knowledge
          first; every rank shows its evidence. Cases are stored on this computer in {d.storePath}.
        </Text>
        <Text size="sm" mt="xs" fw={600}>
          {d.hpoAcknowledgement}
        </Text>
      </Panel>
      <ProvidersPanel />
      <Panel title="Reference data">
        {!d.dataComplete && (
          <Text c="red.9">Some required data is missing: run `odyssey data install`.</Text>
        )}
        <Table fz="sm" withTableBorder striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Data set</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Status</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.datasets.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>{s.title}</Table.Td>
                <Table.Td>{s.version}</Table.Td>
                <Table.Td>
                  {s.installed ? (
                    <Badge color="teal.9">installed</Badge>
                  ) : (
                    <Badge color={s.required ? 'red.9' : 'gray.7'}>
                      {s.required ? 'missing' : 'not installed (optional)'}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Panel>
      <Panel title="Ranking methods">
        <Table fz="sm" withTableBorder>
          <Table.Tbody>
            {d.rankers.map((r) => (
              <Table.Tr key={r.name}>
                <Table.Td fw={600}>{r.label}</Table.Td>
                <Table.Td>{r.available ? r.description : r.unavailableReason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Panel>
    </Stack>
  );
}
