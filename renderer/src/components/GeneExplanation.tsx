import { Group, Stack, Table, Text, Title } from '@mantine/core';
import type { RankedGeneT } from '../../../core/api/contract.js';

const KIND: Record<string, { label: string; colour: string }> = {
  exact: { label: 'exact', colour: 'teal.9' },
  'patient-more-specific': { label: 'patient more specific', colour: 'cyan.9' },
  'disease-more-specific': { label: 'disease more specific', colour: 'blue.9' },
  related: { label: 'related', colour: 'gray.8' },
  unmatched: { label: 'no match', colour: 'gray.8' },
};

/** Why a gene ranks where it does: its best disease and how each finding matched it. */
export function GeneExplanation({ gene }: { gene: RankedGeneT }) {
  const e = gene.explanation;
  const disease = gene.diseases.find((d) => d.id === e?.diseaseId) ?? gene.diseases[0];
  return (
    <Stack gap="xs" aria-live="polite">
      <Title order={3} size="h4">
        {gene.symbol}: rank {gene.rank}, score {gene.score.toFixed(2)}
      </Title>
      {disease && (
        <Text size="sm">
          Best explained by <b>{disease.name}</b> ({disease.id})
          {e ? `, annotated with ${e.annotationCount} phenotype terms` : ''}.
        </Text>
      )}
      {!e && <Text size="sm">No explanation was stored for this gene.</Text>}
      {e && (
        <div
          style={{ overflowX: 'auto' }}
          tabIndex={0}
          role="region"
          aria-label={`How each finding matched, for ${gene.symbol}`}
        >
          <Table striped withTableBorder fz="xs" verticalSpacing={4} horizontalSpacing={6}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Patient finding</Table.Th>
                <Table.Th>Match</Table.Th>
                <Table.Th>Disease feature</Table.Th>
                <Table.Th>Shared term (IC)</Table.Th>
                <Table.Th ta="right">Adds</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {e.matches.map((m) => (
                <Table.Tr key={m.patientTerm.id}>
                  <Table.Td>{m.patientTerm.name}</Table.Td>
                  <Table.Td>
                    <Text size="xs" fw={700} c={KIND[m.kind]?.colour ?? 'gray.8'}>
                      {KIND[m.kind]?.label ?? m.kind}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {m.diseaseTerm ? m.diseaseTerm.name : '—'}
                    {m.diseaseTerm?.frequency !== undefined
                      ? ` (${Math.round(m.diseaseTerm.frequency * 100)}% of patients)`
                      : ''}
                  </Table.Td>
                  <Table.Td>
                    {m.commonAncestor
                      ? `${m.commonAncestor.name} (${m.commonAncestor.ic.toFixed(1)})`
                      : '—'}
                  </Table.Td>
                  <Table.Td ta="right">{m.contribution.toFixed(2)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {e && e.unmatched.length > 0 && (
        <Text size="sm">
          Not explained by this disease: {e.unmatched.map((t) => t.name).join(', ')}.
        </Text>
      )}
      {e && e.excludedConflicts.length > 0 && (
        <Group gap={4}>
          <Text size="sm" fw={600} c="red.9">
            Against:
          </Text>
          <Text size="sm">
            {e.excludedConflicts
              .map(
                (c) =>
                  `${c.excludedTerm.name} was excluded, but the disease has ${c.diseaseTerm.name}`,
              )
              .join('; ')}
            .
          </Text>
        </Group>
      )}
      {e && e.negatedConflicts.length > 0 && (
        <Text size="sm" c="red.9">
          The disease is annotated as not having: {e.negatedConflicts.map((t) => t.name).join(', ')}
          .
        </Text>
      )}
    </Stack>
  );
}
