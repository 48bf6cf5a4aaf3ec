import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { REPORT_FORMATS } from '../../../core/api/contract.js';
import { useAction, useApi, useQuery } from '../api/context.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { download } from '../components/case-io/files.js';
import { formatBytes, formatDate } from '../format.js';

type Format = (typeof REPORT_FORMATS)[number];

const DESCRIBE: Record<Format, string> = {
  pdf: 'PDF: for the record or a referral letter',
  html: 'HTML: opens in any browser',
  tsv: 'TSV: the ranked genes, for a spreadsheet',
  json: 'JSON: everything, for other software',
  phenopacket:
    'Phenopacket: the case as GA4GH Phenopacket v2, the top genes as candidates (not causal)',
};
const LABEL: Record<Format, string> = {
  pdf: 'PDF',
  html: 'HTML',
  tsv: 'TSV',
  json: 'JSON',
  phenopacket: 'phenopacket',
};

export function ExportScreen({ caseId }: { caseId: number }) {
  const api = useApi();
  const latest = useQuery('getAnalysis', { caseId, top: 1 });
  const [format, setFormat] = useState<string>();
  const [done, setDone] = useState<string>();
  const { run, busy, error } = useAction();

  const exportAs = (f: Format): Promise<boolean> => {
    setFormat(f);
    return run(async () => {
      const r = await api.call('exportReport', { caseId, format: f });
      download(r.fileName, r.mimeType, r.base64);
      setDone(`Saved ${r.fileName} (${formatBytes(r.bytes)}) to your downloads.`);
    });
  };

  return (
    <Stack gap="md" maw={820}>
      <Title order={2}>Export report</Title>
      {latest.data && (
        <Text size="sm" c="gray.8">
          The report shows analysis {latest.data.id} ({latest.data.ranker.name} ranker,{' '}
          {formatDate(latest.data.finishedAt)}) exactly as it was stored, with its evidence,
          versions and the HPO acknowledgement.
        </Text>
      )}
      <ErrorNote error={latest.error} title="There is nothing to export yet" />
      <Panel>
        <Stack gap="xs">
          {REPORT_FORMATS.map((f) => (
            <Group key={f} justify="space-between" wrap="nowrap">
              <Text size="sm">{DESCRIBE[f]}</Text>
              <Button
                variant={f === 'pdf' ? 'filled' : 'default'}
                onClick={() => exportAs(f)}
                loading={busy && format === f}
                disabled={!latest.data}
              >
                Download {LABEL[f]}
              </Button>
            </Group>
          ))}
        </Stack>
      </Panel>
      <ErrorNote error={error} title="The report was not made" />
      {done && (
        <Text size="sm" role="status">
          {done}
        </Text>
      )}
    </Stack>
  );
}
