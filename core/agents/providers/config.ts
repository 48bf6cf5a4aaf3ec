/**
 * Provider configuration: built-in presets, the user's providers.json in the store folder, and
 * command-line overrides, merged in that order and validated, with errors that say how to fix
 * them. API keys are never in the file, only the name of the environment variable holding one.
 *
 * providers.json:
 *   { "localOnly": false, "default": "ollama",
 *     "providers": { "ollama": { "model": "llama3.1" },
 *                    "lab-vllm": { "preset": "vllm", "baseURL": "http://127.0.0.1:9000/v1", "model": "..." } } }
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OdysseyError } from '../../errors.js';
import { resolveStoreHome } from '../../store/home.js';
import { assertLocalAllowed, envForcesLocalOnly } from './local-only.js';
import type { ProviderConfig } from './types.js';

export const PROVIDERS_FILE = 'providers.json';

type Preset = Omit<ProviderConfig, 'name' | 'model' | 'preset'> & { about: string };

const REMOTE = {
  temperature: 0,
  maxTokens: 1024,
  timeoutMs: 60_000,
  concurrency: 4,
  maxRetries: 3,
  share: { identifiers: false, freeText: false },
};
/** Local servers usually run one model on one GPU or CPU: fewer parallel calls, longer waits, no cost. */
const LOCAL = {
  ...REMOTE,
  timeoutMs: 180_000,
  concurrency: 2,
  maxRetries: 2,
  pricing: { inputPerMTok: 0, outputPerMTok: 0 },
};

export const PRESETS: Record<string, Preset> = {
  openai: {
    ...REMOTE,
    baseURL: 'https://api.openai.com/v1',
    apiKeyEnv: 'OPENAI_API_KEY',
    maxTokensParam: 'max_completion_tokens',
    about: 'OpenAI API',
  },
  azure: {
    ...REMOTE,
    baseURL: '',
    apiKeyEnv: 'AZURE_OPENAI_API_KEY',
    maxTokensParam: 'max_completion_tokens',
    about: 'Azure OpenAI (set baseURL and azure.apiVersion)',
  },
  ollama: { ...LOCAL, baseURL: 'http://127.0.0.1:11434/v1', about: 'Ollama on this machine' },
  llamacpp: {
    ...LOCAL,
    baseURL: 'http://127.0.0.1:8080/v1',
    about: 'llama.cpp server on this machine',
  },
  vllm: { ...LOCAL, baseURL: 'http://127.0.0.1:8000/v1', about: 'vLLM on this machine' },
  lmstudio: { ...LOCAL, baseURL: 'http://127.0.0.1:1234/v1', about: 'LM Studio on this machine' },
};

const pricing = z.strictObject({
  inputPerMTok: z.number().min(0),
  outputPerMTok: z.number().min(0),
});
const share = z.strictObject({
  identifiers: z.boolean().optional(),
  freeText: z.boolean().optional(),
});
const azure = z.strictObject({
  apiVersion: z.string().min(1),
  deployment: z.string().min(1).optional(),
});
const backoff = z.strictObject({
  baseMs: z.number().int().min(0),
  maxMs: z.number().int().min(0),
  retryAfterMaxMs: z.number().int().min(0),
});

/** One provider in providers.json, or the overrides from the command line: any subset of settings. */
export const providerEntrySchema = z.strictObject({
  preset: z.string().optional(),
  baseURL: z.string().optional(),
  model: z.string().optional(),
  apiKeyEnv: z
    .string()
    .regex(
      /^[A-Za-z_][A-Za-z0-9_]*$/,
      'must be an environment variable name such as OPENAI_API_KEY, not the key itself',
    )
    .optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
  timeoutMs: z.number().int().positive().optional(),
  concurrency: z.number().int().min(1).max(64).optional(),
  maxRetries: z.number().int().min(0).max(10).optional(),
  pricing: pricing.optional(),
  share: share.optional(),
  azure: azure.optional(),
  backoff: backoff.optional(),
  maxTokensParam: z.enum(['max_tokens', 'max_completion_tokens']).optional(),
});
export type ProviderEntry = z.infer<typeof providerEntrySchema>;

export const providersFileSchema = z.strictObject({
  localOnly: z.boolean().default(false),
  default: z.string().optional(),
  providers: z
    .record(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9._-]*$/i, 'provider names are letters, digits, ".", "_" and "-"'),
      providerEntrySchema,
    )
    .default({}),
});
export type ProvidersFile = z.infer<typeof providersFileSchema>;

export function providersFilePath(home?: string): string {
  return join(resolveStoreHome(home), PROVIDERS_FILE);
}

/** The user's providers.json, or an empty one when there is none. */
export function loadProvidersFile(home?: string): ProvidersFile {
  const path = providersFilePath(home);
  if (!existsSync(path)) return providersFileSchema.parse({});
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new OdysseyError(
      'provider-config',
      `${path} is not valid JSON: ${(e as Error).message}`,
      'Fix the file (see docs/llm-providers.md for its format), or delete it to use the built-in presets.',
    );
  }
  const parsed = providersFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new OdysseyError(
      'provider-config',
      `${path} is not a valid providers file:\n${z.prettifyError(parsed.error)}`,
      'See docs/llm-providers.md for the format.',
    );
  return parsed.data;
}

/** Local-only applies when providers.json says so or ODYSSEY_LOCAL_ONLY=1. */
export function localOnlyMode(home?: string, env: NodeJS.ProcessEnv = process.env): boolean {
  return envForcesLocalOnly(env) || loadProvidersFile(home).localOnly;
}

/** The provider to use when none is named: providers.json "default", if set. */
export function defaultProviderName(home?: string): string | undefined {
  const file = loadProvidersFile(home);
  if (file.default && !knownProviderNames(file).includes(file.default)) {
    throw new OdysseyError(
      'provider-config',
      `providers.json names "${file.default}" as the default provider, but no such provider exists.`,
      `Use one of: ${knownProviderNames(file).join(', ')}.`,
    );
  }
  return file.default;
}

export function knownProviderNames(file: ProvidersFile): string[] {
  return [...new Set([...Object.keys(PRESETS), ...Object.keys(file.providers)])];
}

const MODEL_EXAMPLES: Record<string, string> = {
  openai: 'gpt-4o-mini',
  azure: 'your deployment name',
  ollama: 'llama3.1',
  llamacpp: 'the loaded model name',
  vllm: 'the served model name',
  lmstudio: 'the loaded model name',
};

function merge(...entries: (ProviderEntry | undefined)[]): ProviderEntry {
  const out: ProviderEntry = {};
  for (const e of entries) {
    if (!e) continue;
    for (const [k, v] of Object.entries(e))
      if (v !== undefined && k !== 'share') (out as Record<string, unknown>)[k] = v;
    if (e.share) out.share = { ...out.share, ...e.share };
  }
  return out;
}

const finalSchema = z.object({
  baseURL: z.url({
    protocol: /^https?$/,
    error: 'must be an http(s) URL such as http://127.0.0.1:11434/v1',
  }),
  model: z.string().min(1),
});

/**
 * The settings for one provider: preset ← providers.json ← overrides. Under local-only mode a
 * provider that is not on this machine is refused here, before anything is built.
 */
export function resolveProvider(
  name: string,
  overrides: ProviderEntry = {},
  home?: string,
  env: NodeJS.ProcessEnv = process.env,
): ProviderConfig {
  const file = loadProvidersFile(home);
  const checked = providerEntrySchema.safeParse(overrides);
  if (!checked.success)
    throw new OdysseyError(
      'bad-option',
      `Bad provider settings: ${z.prettifyError(checked.error)}`,
      'Check the --model / --base-url options.',
    );
  const fromFile = file.providers[name];
  const presetName = fromFile?.preset ?? (PRESETS[name] ? name : undefined);
  if (presetName !== undefined && !PRESETS[presetName]) {
    throw new OdysseyError(
      'provider-config',
      `Provider ${name} in providers.json names an unknown preset "${presetName}".`,
      `Use one of: ${Object.keys(PRESETS).join(', ')}.`,
    );
  }
  if (!presetName && !fromFile) {
    throw new OdysseyError(
      'provider-unknown',
      `Unknown LLM provider "${name}".`,
      `Known providers: ${knownProviderNames(file).join(', ')}. Add others to ${providersFilePath(home)}.`,
    );
  }
  const preset = presetName ? PRESETS[presetName] : undefined;
  const base: ProviderEntry = preset
    ? (({ about: _about, ...rest }) => rest)(preset)
    : { ...REMOTE };
  const m = merge(base, fromFile, checked.data);
  if (!m.baseURL) {
    const hint =
      presetName === 'azure'
        ? 'Set "baseURL": "https://RESOURCE.openai.azure.com/openai" and "azure": {"apiVersion": "2024-10-21"} for azure in providers.json, or pass --base-url.'
        : `Set "baseURL" for ${name} in providers.json, or pass --base-url.`;
    throw new OdysseyError('provider-config', `Provider ${name} has no base URL.`, hint);
  }
  if (!m.model) {
    throw new OdysseyError(
      'provider-no-model',
      `No model chosen for provider ${name}.`,
      `Pass --model, e.g. --model ${MODEL_EXAMPLES[presetName ?? ''] ?? 'MODEL'}, or set "model" for ${name} in ${providersFilePath(home)}.`,
    );
  }
  if (presetName === 'azure' && !m.azure) {
    throw new OdysseyError(
      'provider-config',
      'Azure OpenAI needs an API version.',
      'Add "azure": {"apiVersion": "2024-10-21"} (and optionally "deployment") for azure in providers.json.',
    );
  }
  const final = finalSchema.safeParse(m);
  if (!final.success)
    throw new OdysseyError(
      'provider-config',
      `Provider ${name}: ${z.prettifyError(final.error)}`,
      'Fix --base-url or providers.json.',
    );
  const config: ProviderConfig = {
    name,
    baseURL: m.baseURL.replace(/\/+$/, ''),
    model: m.model,
    temperature: m.temperature ?? REMOTE.temperature,
    maxTokens: m.maxTokens ?? REMOTE.maxTokens,
    timeoutMs: m.timeoutMs ?? REMOTE.timeoutMs,
    concurrency: m.concurrency ?? REMOTE.concurrency,
    maxRetries: m.maxRetries ?? REMOTE.maxRetries,
    share: { identifiers: m.share?.identifiers ?? false, freeText: m.share?.freeText ?? false },
  };
  if (presetName) config.preset = presetName;
  if (m.apiKeyEnv) config.apiKeyEnv = m.apiKeyEnv;
  if (m.pricing) config.pricing = m.pricing;
  if (m.azure) config.azure = m.azure;
  if (m.backoff) config.backoff = m.backoff;
  if (m.maxTokensParam) config.maxTokensParam = m.maxTokensParam;
  assertLocalAllowed(config, file.localOnly || envForcesLocalOnly(env));
  return config;
}
