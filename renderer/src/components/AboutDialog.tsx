import { Badge, Button, Code, List, Loader, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useQuery } from '../api/context.js';
import { ErrorNote } from './ErrorNote.js';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <Title order={3} size="h5" mb={4}>
        {title}
      </Title>
      {children}
    </section>
  );
}

function AboutContent() {
  const info = useQuery('appInfo', {});
  const about = useQuery('aboutOdyssey', {});
  const error = info.error ?? about.error;
  if (error) return <ErrorNote error={error} title="Odyssey's details could not be read" />;
  const i = info.data;
  const a = about.data;
  if (!i || !a) return <Loader size="sm" aria-label="Loading" />;
  return (
    <Stack gap="md">
      <Text size="sm">
        Version <b>{i.appVersion}</b>. Ranks candidate genes for a patient&apos;s phenotype with
        ontology knowledge first, every rank with its evidence. A decision aid for clinical
        geneticists, not a diagnosis.
      </Text>
      <Section title="Privacy">
        <List size="sm" spacing={2}>
          <List.Item>
            Cases, analyses and reports stay on this computer, in <Code>{i.storePath}</Code>.
          </List.Item>
          <List.Item>
            The knowledge, ONNX and note-reading methods run on this computer and send nothing.
          </List.Item>
          <List.Item>
            Case findings leave the computer only when you run an LLM analysis with a remote
            provider, after you have seen exactly what will be sent and chosen to send it.
          </List.Item>
          <List.Item>
            {a.localOnly
              ? 'Local-only is on: remote providers cannot be used.'
              : a.remoteProviders.length
                ? `Remote providers set up: ${a.remoteProviders.join(', ')}. Turn on local-only in Settings to rule them out.`
                : 'No remote provider is set up.'}
          </List.Item>
        </List>
      </Section>
      <Section title="Reference data and licences">
        <Table fz="xs" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Data</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>Licence</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.data.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  {d.title}
                  {!d.installed && (
                    <Badge ml={6} size="xs" color="gray.7">
                      not installed
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{d.version}</Table.Td>
                <Table.Td>{d.licence}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" mt={6} fw={600}>
          {i.hpoAcknowledgement}
        </Text>
      </Section>
      <Section title="Methods and models">
        <Table fz="xs" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Method</Table.Th>
              <Table.Th>Version</Table.Th>
              <Table.Th>What it does</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {a.models.map((m) => (
              <Table.Tr key={m.id}>
                <Table.Td>{m.title}</Table.Td>
                <Table.Td ff="monospace">{m.version}</Table.Td>
                <Table.Td>{m.detail}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" mt={6} c="gray.8">
          Every analysis records the versions it used, so it can be reproduced.
        </Text>
      </Section>
    </Stack>
  );
}

/** The About Odyssey button and dialog: versions, licences, where data lives and may go. */
export function AboutDialog() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="default" onClick={() => setOpen(true)}>
        About Odyssey
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title="About Odyssey"
        size="xl"
        // Locking the page scroll injects a <style> element, which the CSP refuses.
        lockScroll={false}
        closeButtonProps={{ 'aria-label': 'Close' }}
      >
        {open && <AboutContent />}
      </Modal>
    </>
  );
}
