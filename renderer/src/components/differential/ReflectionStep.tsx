import { Alert, Badge, List, Stack, Text } from '@mantine/core';
import type { DdxReflectionT } from '../../../../core/api/contract.js';

const ACTION: Record<
  DdxReflectionT['changes'][number]['action'],
  { words: string; color: string }
> = {
  dropped: { words: 'Dropped', color: 'red.9' },
  promoted: { words: 'Moved up', color: 'teal.9' },
  demoted: { words: 'Moved down', color: '#8a5a00' },
  added: { words: 'Went back for', color: 'indigo.8' },
};

function moved(from: number | undefined, to: number | undefined): string {
  return from !== undefined && to !== undefined ? ` (from ${from} to ${to})` : '';
}

/** Step 4: what each reflection round re-ranked, dropped or went back for, and why. */
export function ReflectionStep({ rounds }: { rounds: DdxReflectionT[] }) {
  if (rounds.length === 0) return <Text size="sm">No reflection rounds were run.</Text>;
  return (
    <Stack gap="sm">
      {rounds.map((r) => (
        <div key={r.round}>
          <Text size="sm" fw={700}>
            Round {r.round}:{' '}
            <Text span size="sm" fw={400}>
              {r.summary.charAt(0).toUpperCase() + r.summary.slice(1)}
            </Text>
          </Text>
          {r.changes.length > 0 && (
            <List size="sm" spacing={3} mt={4} aria-label={`Changes in round ${r.round}`}>
              {r.changes.map((c) => (
                <List.Item key={`${c.action}:${c.diseaseId}`}>
                  <Badge size="sm" color={ACTION[c.action].color} tt="none" mr={6}>
                    {ACTION[c.action].words}
                  </Badge>
                  <b>{c.name}</b>
                  {moved(c.from, c.to)}: {c.reason}
                </List.Item>
              ))}
            </List>
          )}
          {r.dualDiagnosis && (
            <Alert color="indigo" variant="light" mt="xs" title="Possible dual diagnosis">
              <Text size="sm">
                {r.dualDiagnosis.diseases
                  .map((d) => `${d.name} (${d.genes.join(', ')})`)
                  .join(' with ')}
                : {r.dualDiagnosis.reason}
              </Text>
              {r.dualDiagnosis.explainedBy.map((terms, i) =>
                terms.length ? (
                  <Text size="sm" key={i}>
                    Only {r.dualDiagnosis!.diseases[i]?.name} explains:{' '}
                    {terms.map((t) => t.name).join(', ')}.
                  </Text>
                ) : null,
              )}
            </Alert>
          )}
        </div>
      ))}
    </Stack>
  );
}
