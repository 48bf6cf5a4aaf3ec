import { Anchor, Button, Checkbox, FileInput, Group, List, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ImportCasesT } from '../../../../core/api/contract.js';
import { useAction, useApi } from '../../api/context.js';
import { href } from '../../route.js';
import { ErrorNote } from '../ErrorNote.js';
import { readUpload } from './files.js';

const TOO_LARGE =
  'Split the cases into several .jsonl or .tar.gz files, or import the whole file from the command line with `odyssey case import FILE`.';

/** What the import did, file by file: imported, already stored, and what failed with its fix. */
function ImportReport({ report }: { report: ImportCasesT }) {
  const { imported, skipped, failed, warnings } = report;
  return (
    <Stack gap={4} role="status" aria-label="Import report">
      <Text size="sm" fw={600}>
        {report.fileName}: {imported.length} imported, {skipped.length} already in the store
        (skipped), {failed.length} could not be read.
      </Text>
      {imported.length > 0 && (
        <Text size="sm">
          Imported:{' '}
          {imported.slice(0, 10).map((c, i) => (
            <span key={c.caseId}>
              {i > 0 && ', '}
              <Anchor href={href({ screen: 'case', caseId: c.caseId })}>{c.externalId}</Anchor>
            </span>
          ))}
          {imported.length > 10 && ` and ${imported.length - 10} more`}
        </Text>
      )}
      {failed.length > 0 && (
        <List size="sm" spacing={2} aria-label="Files that could not be imported">
          {failed.map((f) => (
            <List.Item key={f.source}>
              <Text size="sm" c="red.9">
                {f.error.message}
              </Text>
              {f.error.hint && (
                <Text size="sm" c="gray.9">
                  What to do: {f.error.hint}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
      )}
      {warnings.map((w) => (
        <Text key={w} size="sm" c="gray.9">
          Note: {w}
        </Text>
      ))}
    </Stack>
  );
}

/** Phenopackets from a file picked in the window, into the store; duplicates are skipped. */
export function ImportCases({ onImported }: { onImported: () => void }) {
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [asUnsolved, setAsUnsolved] = useState(false);
  const [report, setReport] = useState<ImportCasesT>();
  const { run, busy, error } = useAction();
  const submit = (): void => {
    if (!file) return;
    setReport(undefined);
    void run(async () => {
      const r = await api.call('importCases', {
        file: await readUpload(file, TOO_LARGE),
        asUnsolved,
      });
      setReport(r);
      setFile(null);
      if (r.imported.length) onImported();
    });
  };
  return (
    <Stack gap="xs">
      <Group align="end">
        <FileInput
          label="Import phenopackets"
          description="GA4GH Phenopacket v2: .json, .jsonl or .tar.gz"
          placeholder="Choose a file"
          accept=".json,.jsonl,.ndjson,.tar.gz,.tgz,.tar"
          value={file}
          onChange={setFile}
          clearable
          clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
          w={300}
        />
        <Button variant="default" onClick={submit} disabled={!file} loading={busy}>
          Import
        </Button>
      </Group>
      <Checkbox
        size="xs"
        label="Keep imported cases unsolved, even when the file gives a diagnosis"
        checked={asUnsolved}
        onChange={(e) => setAsUnsolved(e.currentTarget.checked)}
      />
      <ErrorNote error={error} title="Nothing was imported" />
      {report && <ImportReport report={report} />}
    </Stack>
  );
}
