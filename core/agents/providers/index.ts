/** The provider layer's public surface. */
export type * from './types.js';
export { createLlmClient, NO_KEY, type LlmClientOptions } from './client.js';
export { envForcesLocalOnly, assertLocalAllowed } from './local-only.js';
export {
  resolveProvider,
  loadProvidersFile,
  localOnlyMode,
  knownProviderNames,
  defaultProviderName,
  providersFilePath,
  PRESETS,
  PROVIDERS_FILE,
  type ProviderEntry,
  type ProvidersFile,
} from './config.js';
export { listProviders, type ProviderListing } from './provider-list.js';
export {
  openResponseCache,
  ResponseCache,
  cacheKey,
  canonicalJson,
  defaultCachePath,
  CACHE_FILE,
  type CacheIdentity,
  type CachedReply,
} from './response-cache.js';
export { UsageMeter, callCost, type UsageSnapshot, type UsageTotals } from './usage-meter.js';
export { PayloadRecorder, type PayloadEntry } from './payload-recorder.js';
export {
  structuredChat,
  parseStructured,
  extractJsonObject,
  type StructuredResult,
} from './structured-chat.js';
export { runToolLoop, type Tool, type ToolLoopOptions, type ToolLoopResult } from './tool-loop.js';
export {
  privateCaseView,
  caseViewText,
  isLoopback,
  ageBand,
  AGE_BANDS,
  type CaseForPrompt,
  type PrivateCaseView,
  type TermRef,
} from './privacy.js';
export { abortError, isAbortError } from './abort.js';
export {
  openLlmSession,
  type LlmSession,
  type LlmSessionOptions,
  type LlmSessionRecord,
} from './session.js';
