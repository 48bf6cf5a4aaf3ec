/**
 * Everything one analysis needs to talk to one provider, wired the same way every time:
 * resolved settings, local-only mode, the response cache in the store folder, a usage meter and
 * a payload recorder, and the record to store with the analysis afterwards.
 */
import { createLlmClient } from './client.js';
import { localOnlyMode, resolveProvider, type ProviderEntry } from './config.js';
import { PayloadRecorder, type PayloadEntry } from './payload-recorder.js';
import { defaultCachePath, openResponseCache, type ResponseCache } from './response-cache.js';
import type { CacheMode, LlmClient, ProviderConfig } from './types.js';
import { UsageMeter, type UsageSnapshot } from './usage-meter.js';

export interface LlmSessionOptions {
  /** Store folder; ODYSSEY_HOME or the user data folder by default. */
  home?: string | undefined;
  /** Default 'use'. 'off' opens no cache file at all. */
  cacheMode?: CacheMode | undefined;
  /** A cache file other than <home>/llm-cache.db. */
  cachePath?: string | undefined;
  env?: NodeJS.ProcessEnv | undefined;
}

/** What an analysis stores about its LLM use; holds no API key. */
export interface LlmSessionRecord {
  provider: Omit<ProviderConfig, 'apiKeyEnv' | 'backoff'>;
  cacheMode: CacheMode;
  localOnly: boolean;
  usage: UsageSnapshot;
  payloads: PayloadEntry[];
}

export interface LlmSession {
  client: LlmClient;
  meter: UsageMeter;
  recorder: PayloadRecorder;
  cache: ResponseCache | undefined;
  record(): LlmSessionRecord;
  close(): void;
}

export function openLlmSession(
  providerName: string,
  overrides: ProviderEntry = {},
  options: LlmSessionOptions = {},
): LlmSession {
  const env = options.env ?? process.env;
  const config = resolveProvider(providerName, overrides, options.home, env);
  const localOnly = localOnlyMode(options.home, env);
  const cacheMode = options.cacheMode ?? 'use';
  const cache =
    cacheMode === 'off'
      ? undefined
      : openResponseCache(options.cachePath ?? defaultCachePath(options.home));
  const meter = new UsageMeter();
  const recorder = new PayloadRecorder();
  let client: LlmClient;
  try {
    client = createLlmClient(config, { cache, meter, recorder, localOnly, cacheMode, env });
  } catch (e) {
    cache?.close();
    throw e;
  }
  const { apiKeyEnv: _key, backoff: _backoff, ...provider } = config;
  return {
    client,
    meter,
    recorder,
    cache,
    record: () => ({
      provider,
      cacheMode,
      localOnly,
      usage: meter.snapshot(),
      payloads: recorder.entries(),
    }),
    close: () => cache?.close(),
  };
}
