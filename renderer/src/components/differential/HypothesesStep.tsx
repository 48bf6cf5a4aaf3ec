import { Button, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { DifferentialViewT } from '../../../../core/api/contract.js';
import { genesText } from './format.js';

const FIRST = 8;

/** Step 2: the diseases whose annotations best match the findings, as the ranker ordered them. */
export function HypothesesStep({ hypotheses: h }: { hypotheses: DifferentialViewT['hypotheses'] }) {
  const [all, setAll] = useState(false);
  const shown = all ? h.candidates : h.candidates.slice(0, FIRST);
  return (
    <div>
      <Text size="sm" mb={6}>
        {h.summary}
      </Text>
      <Table withTableBorder fz="sm" verticalSpacing={3} horizontalSpacing={8} striped>
        <Table.Caption>Starting hypotheses, in the ranker&apos;s order</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Rank</Table.Th>
            <Table.Th>Disease</Table.Th>
            <Table.Th>Genes</Table.Th>
            <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
              Match score
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((c) => (
            <Table.Tr key={c.diseaseId}>
              <Table.Td>{c.initialRank}</Table.Td>
              <Table.Td>
                {c.name}{' '}
                <Text span size="xs" c="gray.7" ff="monospace">
                  {c.diseaseId}
                </Text>
              </Table.Td>
              <Table.Td>{genesText(c.genes)}</Table.Td>
              <Table.Td ta="right">{c.score.toFixed(2)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {h.candidates.length > FIRST && (
        <Button variant="subtle" size="compact-sm" mt={4} onClick={() => setAll(!all)}>
          {all ? `Show the first ${FIRST}` : `Show all ${h.candidates.length} hypotheses`}
        </Button>
      )}
    </div>
  );
}
