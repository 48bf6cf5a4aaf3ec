import { Badge, Box, Group, List, Stack, Table, Text } from '@mantine/core';
import type { DdxEvidenceAgainstT, DdxEvidenceForT } from '../../../../core/api/contract.js';

const AGAINST_LABEL: Record<DdxEvidenceAgainstT['kind'], string> = {
  'excluded-finding': 'Excluded finding',
  'absent-hallmark': 'Hallmark not recorded',
  'negated-finding': 'Disease lacks this',
  onset: 'Age of onset',
  sex: 'Sex',
  inheritance: 'Inheritance',
};

/** How telling a match is: its information content, as a number and a bar. */
function IcBar({ ic, max }: { ic: number; max: number }) {
  const width = max > 0 ? Math.round((ic / max) * 60) : 0;
  return (
    <Group gap={6} wrap="nowrap" justify="flex-end">
      <Text size="xs" ff="monospace">
        {ic.toFixed(1)}
      </Text>
      <Box
        aria-hidden
        w={60}
        h={8}
        bg="gray.2"
        style={{ borderRadius: 2, overflow: 'hidden', flexShrink: 0 }}
      >
        <Box w={width} h={8} bg="indigo.7" />
      </Box>
    </Group>
  );
}

export function EvidenceFor({ items, disease }: { items: DdxEvidenceForT[]; disease: string }) {
  if (items.length === 0)
    return (
      <Text size="sm" c="gray.8">
        None of the findings matches this disease&apos;s features.
      </Text>
    );
  const max = Math.max(...items.map((e) => e.ic));
  return (
    <Table withTableBorder fz="xs" verticalSpacing={3} horizontalSpacing={6}>
      <Table.Caption>Evidence for {disease}</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Patient finding</Table.Th>
          <Table.Th>Disease feature</Table.Th>
          <Table.Th ta="right">Patients with it</Table.Th>
          <Table.Th ta="right">Information content</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((e) => (
          <Table.Tr key={e.term.id}>
            <Table.Td>
              {e.term.name}
              {e.supported === false && (
                <Text span size="xs" c="red.9">
                  {' '}
                  (not supported by the knowledge base)
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {e.diseaseTerm ? (e.diseaseTerm.id === e.term.id ? 'same' : e.diseaseTerm.name) : '—'}
            </Table.Td>
            <Table.Td ta="right">
              {e.diseaseTerm?.frequency !== undefined
                ? `${Math.round(e.diseaseTerm.frequency * 100)}%`
                : 'not stated'}
            </Table.Td>
            <Table.Td ta="right">
              <IcBar ic={e.ic} max={max} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function EvidenceAgainst({
  items,
  label,
  empty,
}: {
  items: DdxEvidenceAgainstT[];
  label: string;
  empty: string;
}) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={700}>
        {label}
      </Text>
      {items.length === 0 ? (
        <Text size="sm" c="gray.8">
          {empty}
        </Text>
      ) : (
        <List size="sm" spacing={4} aria-label={label}>
          {items.map((a, i) => (
            <List.Item key={`${a.kind}:${a.term?.id ?? i}`}>
              <Badge
                size="sm"
                color={a.weight < 0 ? 'red.9' : 'gray.7'}
                mr={6}
                tt="none"
                title={a.weight < 0 ? `Counts against: ${a.weight.toFixed(2)}` : 'Shown only'}
              >
                {AGAINST_LABEL[a.kind]}
                {a.weight < 0 ? ` ${a.weight.toFixed(1)}` : ''}
              </Badge>
              {a.text}
              {a.supported === false ? ' (not supported by the knowledge base)' : ''}
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
