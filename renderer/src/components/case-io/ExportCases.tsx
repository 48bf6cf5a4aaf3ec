import { Button, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { RequestOf } from '../../../../core/api/contract.js';
import { useAction, useApi } from '../../api/context.js';
import { formatBytes } from '../../format.js';
import { ErrorNote } from '../ErrorNote.js';
import { download } from './files.js';

type Filters = Omit<RequestOf<'exportCases'>, 'caseIds'>;

/** The cases the list shows (its filters), as phenopackets: one .json, or .jsonl for several. */
export function ExportCases({ filters, count }: { filters: Filters; count: number }) {
  const api = useApi();
  const [done, setDone] = useState<string>();
  const { run, busy, error } = useAction();
  const submit = (): void => {
    setDone(undefined);
    void run(async () => {
      const r = await api.call('exportCases', filters);
      download(r.fileName, r.mimeType, r.base64);
      setDone(
        `Saved ${r.count} case${r.count === 1 ? '' : 's'} to ${r.fileName} (${formatBytes(r.bytes)}) in your downloads.`,
      );
    });
  };
  return (
    <Stack gap="xs" align="flex-start">
      <Text size="sm" fw={700}>
        Export as phenopackets
      </Text>
      <Text size="xs" c="gray.7">
        The {count} case{count === 1 ? '' : 's'} matching the filters, as GA4GH Phenopacket v2 (one
        .json, or .jsonl for several).
      </Text>
      <Button variant="default" onClick={submit} disabled={count === 0} loading={busy}>
        Export {count} case{count === 1 ? '' : 's'}
      </Button>
      <ErrorNote error={error} title="Nothing was exported" />
      {done && (
        <Text size="sm" role="status">
          {done}
        </Text>
      )}
    </Stack>
  );
}
