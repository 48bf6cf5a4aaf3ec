import { Alert, Grid, List, Stack, Table, Text } from '@mantine/core';
import type { AgentReportViewT } from '../../../../core/api/contract.js';
import { SolvabilityBadge } from './SolvabilityBadge.js';

const num = (x: number | null, digits = 2): string =>
  x === null ? 'not measured' : x.toFixed(digits);

function Bias({ bias }: { bias: AgentReportViewT['bias'] }) {
  return (
    <Table fz="sm" withTableBorder aria-label="Bias figures">
      <Table.Tbody>
        <Table.Tr>
          <Table.Th scope="row">
            Input-order sensitivity (Kendall τ) {num(bias.orderKendallTau)}
          </Table.Th>
          <Table.Td>
            Agreement between the shuffled runs: 1 means the order genes were shown in did not
            change the ranking; lower means it did.
          </Table.Td>
        </Table.Tr>
        <Table.Tr>
          <Table.Th scope="row">
            Popularity bias (Spearman) {num(bias.popularityCorrelation)}
          </Table.Th>
          <Table.Td>
            Correlation of rank with how well studied a gene is: strongly negative means
            well-annotated genes were favoured.
          </Table.Td>
        </Table.Tr>
      </Table.Tbody>
    </Table>
  );
}

function Usage({ a }: { a: AgentReportViewT }) {
  const u = a.usage;
  return (
    <Text size="sm">
      {u.calls} model calls ({u.cachedCalls} from the cache, {u.retries} retried),{' '}
      {u.promptTokens.toLocaleString('en')} prompt and {u.completionTokens.toLocaleString('en')}{' '}
      reply tokens, {u.costUsd === null ? 'cost unknown' : `cost $${u.costUsd.toFixed(4)}`};{' '}
      {(a.wallMs / 1000).toFixed(1)} s. {a.poolSize} genes ranked by {a.agent} agents
      {a.model ? ` (${a.provider ?? ''} ${a.model})` : ''}.
    </Text>
  );
}

/** Unsupported claims, each once with how often it was made (chunks and runs repeat genes). */
function grouped(claims: AgentReportViewT['claims']): { gene: string; note: string; n: number }[] {
  const by = new Map<string, { gene: string; note: string; n: number }>();
  for (const c of claims) {
    const k = `${c.gene}\u0000${c.note}`;
    const g = by.get(k);
    if (g) g.n++;
    else by.set(k, { gene: c.gene, note: c.note, n: 1 });
  }
  return [...by.values()];
}

/** The agents' account of a run: how sure, how biased, what they claimed that the data lacks. */
export function AgentSummary({ agent }: { agent: AgentReportViewT }) {
  const unsupported = agent.claims.filter((c) => c.status !== 'supported');
  const groups = grouped(unsupported);
  return (
    <Stack gap="sm">
      <Grid gap="md">
        <Grid.Col span={5}>
          <SolvabilityBadge s={agent.solvability} />
        </Grid.Col>
        <Grid.Col span={7}>
          <Bias bias={agent.bias} />
        </Grid.Col>
      </Grid>
      <div>
        <Text size="sm" fw={600}>
          Claims checked against the knowledge base: {agent.claims.length - unsupported.length}{' '}
          supported, {unsupported.length} not supported
        </Text>
        {unsupported.length > 0 && (
          <Alert color="red" variant="light" mt={4} title="Not supported by the knowledge base">
            <List size="sm">
              {groups.map((c) => (
                <List.Item key={`${c.gene}:${c.note}`}>
                  <b>{c.gene}</b>: {c.note}
                  {c.n > 1 ? ` (said ${c.n} times)` : ''}
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
      </div>
      {agent.notes.length > 0 && (
        <div>
          <Text size="sm" fw={600}>
            Notes
          </Text>
          <List size="sm">
            {agent.notes.map((n) => (
              <List.Item key={n}>{n}</List.Item>
            ))}
          </List>
        </div>
      )}
      <Usage a={agent} />
    </Stack>
  );
}
