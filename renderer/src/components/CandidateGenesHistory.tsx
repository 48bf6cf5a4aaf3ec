import { Accordion, Table, Text } from '@mantine/core';
import type { CandidateGeneSetViewT } from '../../../core/api/contract.js';
import { formatDate } from '../format.js';

const KIND = { list: 'Typed list', panel: 'Panel', vcf: 'VCF' } as const;

/** Every set ever given for the case, newest first: nothing is deleted, so this is the record. */
export function CandidateGenesHistory({ history }: { history: CandidateGeneSetViewT[] }) {
  if (history.length === 0) return null;
  return (
    <Accordion variant="contained" chevronPosition="left">
      <Accordion.Item value="history">
        <Accordion.Control>
          <Text size="sm">Earlier choices ({history.length})</Text>
        </Accordion.Control>
        <Accordion.Panel>
          <Table fz="xs" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Source</Table.Th>
                <Table.Th>Genes</Table.Th>
                <Table.Th>By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>{formatDate(h.addedAt)}</Table.Td>
                  <Table.Td>
                    {h.genome
                      ? 'Whole genome'
                      : `${KIND[h.kind]}${h.fileName ? `: ${h.fileName}` : ''}`}
                  </Table.Td>
                  <Table.Td>
                    {h.genome
                      ? '—'
                      : `${h.genes.length}${h.warnings.length ? ` (${h.warnings.length} not used)` : ''}`}
                  </Table.Td>
                  <Table.Td>{h.addedBy}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
