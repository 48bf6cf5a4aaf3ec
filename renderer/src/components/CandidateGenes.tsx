import {
  Button,
  Checkbox,
  FileInput,
  Group,
  Loader,
  Stack,
  Tabs,
  Text,
  Textarea,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import type { CandidateGenesT, CandidateSourceInputT } from '../../../core/api/contract.js';
import { useAction, useApi, useQuery } from '../api/context.js';
import { CandidateGeneSet } from './CandidateGeneSet.js';
import { CandidateGenesHistory } from './CandidateGenesHistory.js';
import { readUpload } from './case-io/files.js';
import { ErrorNote } from './ErrorNote.js';

const isVcf = (name: string): boolean => /\.vcf(\.b?gz)?$/i.test(name);

const TOO_LARGE =
  'For a VCF, keep only the candidate variants (for example with bcftools, PASS calls only) and bgzip it; for a panel, keep only the gene column. Or paste the gene symbols instead.';

/**
 * The case's candidate genes: paste a list or upload a panel or VCF, see what was recognised
 * and what was not, or go back to the whole genome. Each change is stored at once and kept in
 * the case's history; the next analysis ranks within the latest set.
 */
export function CandidateGenes({ caseId }: { caseId: number }) {
  const api = useApi();
  const loaded = useQuery('getCandidateGenes', { caseId });
  const [view, setView] = useState<CandidateGenesT>();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [includeFiltered, setIncludeFiltered] = useState(false);
  const save = useAction();
  useEffect(() => setView(loaded.data), [loaded.data]);

  if (loaded.error)
    return <ErrorNote error={loaded.error} title="The candidate genes could not be read" />;
  if (!view) return <Loader size="sm" aria-label="Loading the candidate genes" />;

  const stored = (next: CandidateGenesT): void => setView(next);
  const submit = (source: () => Promise<CandidateSourceInputT>): Promise<boolean> =>
    save.run(async () => {
      stored(await api.call('setCandidateGenes', { caseId, source: await source() }));
    });
  const fromList = (): void => {
    void submit(async () => ({ kind: 'list', text })).then((ok) => ok && setText(''));
  };
  const fromFile = (): void => {
    if (!file) return;
    void submit(async () => {
      const upload = await readUpload(file, TOO_LARGE);
      return isVcf(file.name)
        ? { kind: 'vcf', file: upload, includeFiltered }
        : { kind: 'panel', file: upload };
    }).then((ok) => ok && setFile(null));
  };
  const useGenome = (): void => {
    void save.run(async () => stored(await api.call('clearCandidateGenes', { caseId })));
  };

  return (
    <Stack gap="sm">
      <CandidateGeneSet view={view} />
      {view.active && (
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={useGenome} loading={save.busy}>
            Use whole genome
          </Button>
          <Text size="xs" c="gray.7">
            The gene sets stay in the case&apos;s history.
          </Text>
        </Group>
      )}
      <Tabs defaultValue="list" keepMounted={false}>
        <Tabs.List aria-label="How to give candidate genes">
          <Tabs.Tab value="list">Paste a list</Tabs.Tab>
          <Tabs.Tab value="file">Upload a panel or VCF</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="list" pt="xs">
          <Textarea
            label="Gene symbols"
            description="Separated by commas, spaces or new lines; previous symbols and aliases are recognised."
            placeholder="e.g. SCN1A, KCNT1, STXBP1"
            autosize
            minRows={2}
            maxRows={6}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <Button mt="xs" size="xs" onClick={fromList} disabled={!text.trim()} loading={save.busy}>
            Use these genes
          </Button>
        </Tabs.Panel>
        <Tabs.Panel value="file" pt="xs">
          <FileInput
            label="Gene panel or annotated VCF"
            description="A panel as TSV/CSV with a gene column, or a VCF (plain or .vcf.gz) annotated by VEP (CSQ), SnpEff (ANN) or with GENEINFO."
            placeholder="Choose a file"
            accept=".tsv,.csv,.txt,.vcf,.gz,.bgz"
            value={file}
            onChange={setFile}
            clearable
            clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
          />
          {file && isVcf(file.name) && (
            <Checkbox
              mt="xs"
              label="Also use variants that did not pass the caller's FILTER"
              checked={includeFiltered}
              onChange={(e) => setIncludeFiltered(e.currentTarget.checked)}
            />
          )}
          <Button mt="xs" size="xs" onClick={fromFile} disabled={!file} loading={save.busy}>
            Read the genes from this file
          </Button>
        </Tabs.Panel>
      </Tabs>
      <ErrorNote error={save.error} title="The candidate genes were not changed" />
      <CandidateGenesHistory history={view.history} />
    </Stack>
  );
}
