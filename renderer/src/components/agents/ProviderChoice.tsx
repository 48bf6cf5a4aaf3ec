import { Select, TextInput } from '@mantine/core';
import type { ProviderInfoT } from '../../../../core/api/contract.js';
import { href } from '../../route.js';

/** The LLM provider and model for an analysis; providers are set up in Settings. */
export function ProviderChoice({
  providers,
  provider,
  model,
  onProvider,
  onModel,
}: {
  providers: ProviderInfoT[];
  provider: string | undefined;
  model: string;
  onProvider: (name: string) => void;
  onModel: (model: string) => void;
}) {
  return (
    <>
      <Select
        label="LLM provider"
        w={260}
        value={provider ?? null}
        onChange={(v) => v && onProvider(v)}
        allowDeselect={false}
        placeholder="Choose a provider"
        data={providers.map((p) => ({
          value: p.name,
          label: `${p.name} (${p.local ? 'this computer' : 'remote'})`,
        }))}
        description={
          <>
            Add or change providers in <a href={href({ screen: 'settings' })}>Settings</a>
          </>
        }
      />
      <TextInput
        label="Model"
        w={200}
        value={model}
        onChange={(e) => onModel(e.currentTarget.value)}
        placeholder="e.g. llama3.1"
        description="As the provider names it"
      />
    </>
  );
}
