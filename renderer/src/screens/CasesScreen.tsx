import {
  Badge,
  Button,
  Grid,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import type { CaseSummaryT } from '../../../core/api/contract.js';
import { useAction, useApi, useQuery } from '../api/context.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { ExportCases } from '../components/case-io/ExportCases.js';
import { ImportCases } from '../components/case-io/ImportCases.js';
import { Panel } from '../components/Panel.js';
import { SortableTable } from '../components/SortableTable.js';
import { formatDate, sexLabel } from '../format.js';
import { navigate } from '../route.js';

const STATUS_COLOUR = { unsolved: 'indigo.9', solved: 'teal.9', closed: 'gray.7' } as const;
const col = createColumnHelper<CaseSummaryT>();
const columns = [
  col.accessor('label', {
    header: 'Case',
    cell: (c) => (
      <Text fw={600} size="sm">
        {c.getValue()}
      </Text>
    ),
  }),
  col.accessor('status', {
    header: 'Status',
    cell: (c) => <Badge color={STATUS_COLOUR[c.getValue()]}>{c.getValue()}</Badge>,
  }),
  col.accessor((r) => `${sexLabel(r.sex)}${r.ageYears !== undefined ? `, ${r.ageYears} y` : ''}`, {
    id: 'patient',
    header: 'Patient',
  }),
  col.accessor('observedCount', {
    header: 'Findings',
    cell: (c) => `${c.getValue()} observed, ${c.row.original.excludedCount} excluded`,
  }),
  col.accessor((r) => r.causalGene ?? r.latestAnalysis?.topGene ?? '', {
    id: 'gene',
    header: 'Top gene',
    cell: (c) => c.getValue() || '—',
  }),
  col.accessor('updatedAt', { header: 'Last changed', cell: (c) => formatDate(c.getValue()) }),
];

function NewCase() {
  const api = useApi();
  const [label, setLabel] = useState('');
  const { run, busy, error } = useAction();
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void run(async () => {
      const c = await api.call('createCase', { label });
      navigate({ screen: 'case', caseId: c.case.id });
    });
  };
  return (
    <Panel>
      <form onSubmit={submit} aria-label="New case">
        <Group align="end">
          <TextInput
            label="New case: label or pseudonym"
            description="Not the patient's real name"
            placeholder="e.g. Patient 7, family 12"
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
            w={340}
            required
          />
          <Button type="submit" loading={busy}>
            Create case
          </Button>
        </Group>
      </form>
      <ErrorNote error={error} title="The case was not created" />
    </Panel>
  );
}

export function CasesScreen() {
  const [status, setStatus] = useState('all');
  const [text, setText] = useState('');
  const [gene, setGene] = useState('');
  const [since, setSince] = useState('');
  const filters = {
    ...(status !== 'all' ? { status: status as CaseSummaryT['status'] } : {}),
    ...(text.trim() ? { text } : {}),
    ...(gene.trim() ? { gene } : {}),
    ...(since ? { since } : {}),
  };
  const q = useQuery('listCases', { ...filters, pageSize: 200 });
  return (
    <Stack gap="md">
      <Title order={2}>Cases</Title>
      <NewCase />
      <Panel>
        <Grid gap="lg">
          <Grid.Col span={8}>
            <ImportCases onImported={q.reload} />
          </Grid.Col>
          <Grid.Col span={4}>
            <ExportCases filters={filters} count={q.data?.total ?? 0} />
          </Grid.Col>
        </Grid>
      </Panel>
      <Group align="end" role="search" aria-label="Filter cases">
        <TextInput
          label="Search"
          placeholder="Label, notes or diagnosis"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          w={260}
        />
        <TextInput
          label="Gene"
          placeholder="e.g. SCN1A"
          value={gene}
          onChange={(e) => setGene(e.currentTarget.value)}
          w={140}
        />
        <TextInput
          label="Changed since"
          type="date"
          value={since}
          onChange={(e) => setSince(e.currentTarget.value)}
          w={170}
        />
        <div>
          <Text
            component="label"
            size="sm"
            fw={500}
            id="status-filter-label"
            display="block"
            mb={4}
          >
            Status
          </Text>
          <SegmentedControl
            aria-labelledby="status-filter-label"
            value={status}
            onChange={setStatus}
            data={[
              { value: 'all', label: 'All' },
              { value: 'unsolved', label: 'Unsolved' },
              { value: 'solved', label: 'Solved' },
              { value: 'closed', label: 'Closed' },
            ]}
          />
        </div>
      </Group>
      <ErrorNote error={q.error} title="The case list could not be loaded" />
      {q.data && q.data.total === 0 && (
        <Text c="gray.8">No cases match. Create one above, or clear the filters.</Text>
      )}
      {q.data && q.data.total > 0 && (
        <>
          <Text size="sm" c="gray.8" aria-live="polite">
            {q.data.total} case{q.data.total === 1 ? '' : 's'}
          </Text>
          <SortableTable
            data={q.data.items}
            columns={columns}
            caption="Cases"
            rowKey={(r) => String(r.id)}
            onOpen={(r) => navigate({ screen: 'case', caseId: r.id })}
          />
        </>
      )}
    </Stack>
  );
}
