import { Button, Group, Select, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PreviewT, ResponseOf } from '../../../core/api/contract.js';
import { useAction, useApi, useQuery } from '../api/context.js';
import { useAnalysisJob } from '../api/use-analysis-job.js';
import { ErrorNote } from './ErrorNote.js';
import { JobProgress } from './agents/JobProgress.js';
import { PayloadPreview } from './agents/PayloadPreview.js';
import { ProviderChoice } from './agents/ProviderChoice.js';
import { Panel } from './Panel.js';

/**
 * Choosing the method and running it: local methods run at once; the LLM methods first show
 * what would be sent and run only when the user confirms. Progress by stage, with Cancel.
 */
export function AnalysisRunner({
  caseId,
  initialRanker,
  onResult,
}: {
  caseId: number;
  initialRanker: string | undefined;
  onResult: (r: ResponseOf<'analysisJobResult'>) => void;
}) {
  const api = useApi();
  const info = useQuery('appInfo', {});
  const providers = useQuery('listProviders', {});
  const [ranker, setRanker] = useState('knowledge');
  const [provider, setProvider] = useState<string>();
  const [model, setModel] = useState('');
  const [preview, setPreview] = useState<PreviewT>();
  const previewing = useAction();
  const job = useAnalysisJob((r) => onResult(r));

  useEffect(() => {
    if (initialRanker) setRanker(initialRanker);
  }, [initialRanker]);
  const choice = info.data?.rankers.find((r) => r.name === ranker);
  const needsProvider = Boolean(choice?.needsProvider);
  const chooseProvider = (name: string): void => {
    setProvider(name);
    setModel(providers.data?.providers.find((p) => p.name === name)?.model ?? '');
    setPreview(undefined);
  };
  const request = {
    caseId,
    ranker,
    ...(needsProvider && provider ? { provider } : {}),
    ...(needsProvider && model.trim() ? { model: model.trim() } : {}),
  };

  const review = (): Promise<boolean> =>
    previewing.run(async () => setPreview(await api.call('previewAnalysis', request)));
  const send = (): void => {
    setPreview(undefined);
    void job.start({ ...request, confirmRemote: Boolean(preview?.provider?.remote) });
  };

  return (
    <Panel>
      <Group align="end" wrap="wrap">
        <Select
          label="Ranking method"
          w={360}
          value={ranker}
          onChange={(v) => {
            if (v) setRanker(v);
            setPreview(undefined);
          }}
          allowDeselect={false}
          data={(
            info.data?.rankers ?? [
              { name: 'knowledge', label: 'Knowledge (ontology-based)', available: true },
            ]
          ).map((r) => ({ value: r.name, label: r.label, disabled: !r.available }))}
        />
        {needsProvider && (
          <ProviderChoice
            providers={providers.data?.providers ?? []}
            provider={provider}
            model={model}
            onProvider={chooseProvider}
            onModel={(m) => {
              setModel(m);
              setPreview(undefined);
            }}
          />
        )}
        {!preview &&
          (needsProvider ? (
            <Button onClick={review} loading={previewing.busy} disabled={job.running}>
              Preview what will be sent
            </Button>
          ) : (
            <Button onClick={() => void job.start(request)} loading={job.running}>
              Run analysis
            </Button>
          ))}
      </Group>
      {choice?.description && (
        <Text size="sm" c="gray.8" mt={6}>
          {choice.description}
        </Text>
      )}
      <ErrorNote error={providers.error} title="The providers could not be read" />
      <ErrorNote error={previewing.error} title="Nothing was sent" />
      {preview && (
        <PayloadPreview preview={preview} onConfirm={send} onBack={() => setPreview(undefined)} />
      )}
      {job.job && <JobProgress job={job.job} onCancel={() => void job.cancel()} />}
      <ErrorNote error={job.error} title="The analysis did not run" />
      {job.job?.reason && (
        <Text size="sm" mt="xs" role="status">
          {job.job.reason}
        </Text>
      )}
    </Panel>
  );
}
