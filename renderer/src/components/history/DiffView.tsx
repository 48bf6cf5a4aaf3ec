import { Grid, List, Paper, Spoiler, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AnalysisDiffT, HistoryFindingT } from '../../../../core/api/contract.js';
import { Panel } from '../Panel.js';
import { GeneChangeTable } from './GeneChangeTable.js';

/** A labelled list of changes; nothing when there are none. */
function Changes<T>({
  label,
  items,
  itemKey,
  render,
}: {
  label: string;
  items: T[];
  itemKey: (item: T) => string;
  render: (item: T) => ReactNode;
}) {
  if (!items.length) return null;
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <List size="sm" spacing={2} listStyleType="none">
        {items.map((item) => (
          <List.Item key={itemKey(item)}>{render(item)}</List.Item>
        ))}
      </List>
    </div>
  );
}

function FindingList({
  label,
  sign,
  items,
}: {
  label: string;
  sign: string;
  items: HistoryFindingT[];
}) {
  return (
    <Changes
      label={label}
      items={items}
      itemKey={(f) => `${f.id}:${f.excluded}`}
      render={(f) => (
        <>
          <span aria-hidden="true">{sign} </span>
          {f.name}{' '}
          <Text span size="xs" c="gray.8">
            {f.id}
            {f.excluded ? ', excluded' : ''}
          </Text>
        </>
      )}
    />
  );
}

/** Values that differ between the two analyses: "HPO: 2025-01-01 → 2026-02-16". */
function ValueChanges({
  label,
  items,
}: {
  label: string;
  items: { name: string; from: string; to: string }[];
}) {
  return (
    <Changes
      label={label}
      items={items}
      itemKey={(s) => s.name}
      render={(s) => (
        <>
          {s.name}: {s.from} → <b>{s.to}</b>
        </>
      )}
    />
  );
}

/** The findings, knowledge and settings that differ between the two analyses. */
function ChangedInputs({ d }: { d: AnalysisDiffT }) {
  const f = d.findings;
  const findingsChanged = f.added.length + f.removed.length + f.flipped.length > 0;
  const nothing = !d.inputsChanged && !d.knowledgeChanged.length && !d.settingsChanged.length;
  return (
    <Stack gap="sm">
      {nothing && (
        <Text size="sm">
          Same findings, knowledge and method: the two analyses had the same inputs.
        </Text>
      )}
      {!f.known && d.inputsChanged && (
        <Text size="sm">
          The case changed between the two, but which findings each one used was not recorded (the
          case predates the change log).
        </Text>
      )}
      {f.known && d.inputsChanged && !findingsChanged && (
        <Text size="sm">Same findings; the age, sex, onset or candidate genes changed.</Text>
      )}
      <FindingList label="Findings added" sign="+" items={f.added} />
      <FindingList label="Findings removed" sign="−" items={f.removed} />
      <FindingList
        label="Switched between observed and excluded (state now)"
        sign="⇄"
        items={f.flipped}
      />
      <ValueChanges
        label="Knowledge"
        items={d.knowledgeChanged.map((k) => ({ name: k.label, from: k.from, to: k.to }))}
      />
      <ValueChanges label="Method and settings" items={d.settingsChanged} />
    </Stack>
  );
}

/** The three lists of genes that changed place, each with its table's words. */
function geneSections(d: AnalysisDiffT) {
  const n = `top ${d.top}`;
  return [
    {
      title: `Moved within the ${n}`,
      caption: `Genes that moved within the ${n}`,
      none: `No gene changed place within the ${n}.`,
      genes: d.moved,
      sortBy: 'to' as const,
    },
    {
      title: `New in the ${n}`,
      caption: `Genes new in the ${n}`,
      none: `No gene entered the ${n}.`,
      genes: d.entered,
      sortBy: 'to' as const,
    },
    {
      title: `Dropped from the ${n}`,
      caption: `Genes dropped from the ${n}`,
      none: `No gene left the ${n}.`,
      genes: d.dropped,
      sortBy: 'from' as const,
    },
  ];
}

/** The diff of two analyses: the headline, the paragraph, the inputs and the genes that moved. */
export function DiffView({ d }: { d: AnalysisDiffT }) {
  return (
    <Stack gap="md">
      <Paper
        p="md"
        bg="indigo.0"
        role="status"
        style={{ borderLeft: '4px solid var(--mantine-color-indigo-8)' }}
      >
        <Title order={3} size="h4" c="indigo.9">
          {d.headline}
        </Title>
        <Spoiler maxHeight={44} showLabel="Read the whole account" hideLabel="Show less" mt={6}>
          <Text size="sm">{d.summary}</Text>
        </Spoiler>
      </Paper>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Panel title="What changed in the inputs">
            <ChangedInputs d={d} />
          </Panel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            {geneSections(d).map((g) => (
              <Panel key={g.title} title={`${g.title} (${g.genes.length})`}>
                {g.genes.length ? (
                  <GeneChangeTable
                    genes={g.genes}
                    caption={g.caption}
                    listed={d.listed}
                    sortBy={g.sortBy}
                  />
                ) : (
                  <Text size="sm">{g.none}</Text>
                )}
              </Panel>
            ))}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
