import { Alert, Badge, Button, Group, List, Text } from '@mantine/core';
import { useState } from 'react';
import type { CandidateGenesT } from '../../../core/api/contract.js';
import { formatDate } from '../format.js';

const SHOWN = 40;

const SOURCE = { list: 'a typed list', panel: 'the panel', vcf: 'the VCF' } as const;

/** The set the next analysis ranks within: where it came from, its genes and its warnings. */
export function CandidateGeneSet({ view }: { view: CandidateGenesT }) {
  const [all, setAll] = useState(false);
  const s = view.active;
  if (!s)
    return (
      <Text size="sm" role="status">
        The next analysis ranks <b>the whole genome</b>: every gene with phenotype annotations.
      </Text>
    );
  const genes = all ? s.genes : s.genes.slice(0, SHOWN);
  return (
    <section aria-label="Recognised candidate genes">
      <Text size="sm" role="status">
        The next analysis ranks only within these <b>{s.genes.length} genes</b>, from{' '}
        {SOURCE[s.kind]}
        {s.fileName ? ` ${s.fileName}` : ''} ({formatDate(s.addedAt)}).
        {s.vcf &&
          ` ${s.vcf.records} variant records read; ${s.vcf.filteredOut} did not pass FILTER.`}
      </Text>
      <Group gap={4} mt="xs" aria-label="Candidate gene symbols" role="list">
        {genes.map((g) => (
          <Badge
            key={g}
            role="listitem"
            variant="outline"
            color="indigo.9"
            tt="none"
            ff="monospace"
            size="lg"
          >
            {g}
          </Badge>
        ))}
        {s.genes.length > SHOWN && (
          <Button variant="subtle" size="compact-xs" onClick={() => setAll(!all)}>
            {all ? 'Show fewer' : `Show all ${s.genes.length}`}
          </Button>
        )}
      </Group>
      {s.warnings.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          mt="sm"
          title={
            <Text fw={700} size="sm" c="gray.9">
              {s.warnings.length} name{s.warnings.length === 1 ? '' : 's'} not used: check and
              correct
            </Text>
          }
        >
          <List size="sm" spacing={2}>
            {s.warnings.map((w) => (
              <List.Item key={w}>
                <Text size="sm" c="gray.9">
                  {w}
                </Text>
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {view.unannotated.length > 0 && (
        <Text size="sm" c="gray.8" mt="xs">
          {view.unannotated.length} of these genes ({view.unannotated.slice(0, 8).join(', ')}
          {view.unannotated.length > 8 ? ', …' : ''}) have no disease or phenotype annotations in
          HPO, so they cannot be ranked by phenotype.
        </Text>
      )}
    </section>
  );
}
