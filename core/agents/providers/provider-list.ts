/** What `odyssey providers list` shows: presets and configured providers, never a key. */
import { knownProviderNames, loadProvidersFile, PRESETS } from './config.js';
import { isLoopback } from './privacy.js';

export interface ProviderListing {
  name: string;
  preset?: string;
  about: string;
  baseURL: string;
  model?: string;
  local: boolean;
  apiKeyEnv?: string;
  keySet: boolean;
  configured: boolean;
}

/** Presets and configured providers for `odyssey providers list`; never includes a key. */
export function listProviders(
  home?: string,
  env: NodeJS.ProcessEnv = process.env,
): ProviderListing[] {
  const file = loadProvidersFile(home);
  return knownProviderNames(file).map((name) => {
    const entry = file.providers[name];
    const presetName = entry?.preset ?? (PRESETS[name] ? name : undefined);
    const preset = presetName ? PRESETS[presetName] : undefined;
    const baseURL = entry?.baseURL ?? preset?.baseURL ?? '';
    const apiKeyEnv = entry?.apiKeyEnv ?? preset?.apiKeyEnv;
    const out: ProviderListing = {
      name,
      about: preset?.about ?? 'custom',
      baseURL,
      local: baseURL !== '' && isLoopback(baseURL),
      keySet: Boolean(apiKeyEnv && env[apiKeyEnv]?.trim()),
      configured: Boolean(entry),
    };
    if (presetName) out.preset = presetName;
    if (entry?.model) out.model = entry.model;
    if (apiKeyEnv) out.apiKeyEnv = apiKeyEnv;
    return out;
  });
}
