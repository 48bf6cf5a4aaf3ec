import { OdysseyError } from '../errors.js';
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import { KNOWLEDGE_RANKER, PhenotypeRanker } from '../genes/ranking/phenotype-ranker.js';
import { createRanker, RANKER_NAMES } from '../genes/ranking/registry.js';
import type { Ranker } from '../genes/ranking/types.js';
import { OnnxRanker } from './onnx-ranker/onnx-ranker.js';
import { localOnlyMode, resolveProvider, type ProviderEntry } from './providers/config.js';
import { defaultCachePath, openResponseCache, type ResponseCache } from './providers/response-cache.js';
import type { CacheMode, ProviderConfig } from './providers/types.js';
import type { LlmClientOptions } from './providers/client.js';
import { DC_DEFAULTS, DivideAndConquerRanker, LLM_DC_DEFAULTS, validateDcConfig, type DcConfig, type DcProgress } from './ranker/dc-ranker.js';
import { HybridRanker } from './ranker/hybrid-ranker.js';
import { LlmChunkAgent } from './ranker/llm-chunk-agent.js';
import { OnnxChunkAgent } from './ranker/onnx-chunk-agent.js';

/** Every ranker a user can choose: the knowledge-base ones and the model-backed agents. */
export const ALL_RANKERS = [...RANKER_NAMES, 'onnx', 'onnx-dc', 'llm', 'hybrid'] as const;

export interface LlmRankerOptions {
  provider: string;
  /** --model, --base-url and other per-run settings over the preset and providers.json. */
  overrides?: ProviderEntry;
  /** Store folder holding providers.json and the response cache. */
  home?: string;
  cacheMode?: CacheMode;
  /** Let the model call the gene-annotation tool (default true). */
  tools?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface RankerOptions {
  /** Divide-and-conquer settings; for `onnx`, giving a chunk size switches divide-and-conquer on. */
  dc?: Partial<DcConfig>;
  /** Required by the llm and hybrid rankers. */
  llm?: LlmRankerOptions;
  onProgress?: (p: DcProgress) => void;
}

// One response cache per file for the life of the process: the app builds a ranker per analysis.
const caches = new Map<string, ResponseCache>();
function cacheAt(path: string): ResponseCache {
  let c = caches.get(path);
  if (!c) caches.set(path, (c = openResponseCache(path)));
  return c;
}

/** Resolved provider and client settings (local-only, cache, environment) for any LLM agent. */
export function llmAgentSettings(o: LlmRankerOptions): { config: ProviderConfig; client: Omit<LlmClientOptions, 'meter' | 'recorder'> } {
  const env = o.env ?? process.env;
  const config = resolveProvider(o.provider, o.overrides ?? {}, o.home, env);
  const cacheMode = o.cacheMode ?? 'use';
  return { config, client: { localOnly: localOnlyMode(o.home, env), cacheMode, env, ...(cacheMode === 'off' ? {} : { cache: cacheAt(defaultCachePath(o.home)) }) } };
}

function llmAgent(kb: KnowledgeBase, o: LlmRankerOptions | undefined): LlmChunkAgent {
  if (!o) {
    throw new OdysseyError('provider-missing', 'The llm and hybrid rankers need an LLM provider.', 'Pass --provider (e.g. --provider ollama --model llama3.1, or --provider openai --model gpt-4o-mini); see docs/llm-providers.md.');
  }
  return new LlmChunkAgent(kb, { ...llmAgentSettings(o), tools: o.tools ?? true, maxToolSteps: 2 });
}

export async function loadRanker(name: string, kb: KnowledgeBase, options: RankerOptions = {}): Promise<Ranker> {
  const dc = options.dc ?? {};
  if (name === 'onnx' && dc.chunkSize === undefined) return OnnxRanker.load(kb);
  // Bad divide-and-conquer settings are named before a model is loaded or a provider resolved.
  if (name === 'onnx' || name === 'onnx-dc' || name === 'hybrid') validateDcConfig({ ...DC_DEFAULTS, ...dc });
  if (name === 'llm' || name === 'hybrid') validateDcConfig({ ...LLM_DC_DEFAULTS, ...dc });
  if (name === 'onnx' || name === 'onnx-dc') {
    return new DivideAndConquerRanker(kb, new OnnxChunkAgent(await OnnxRanker.load(kb)), { ...DC_DEFAULTS, ...dc }, options.onProgress);
  }
  if (name === 'llm') return new DivideAndConquerRanker(kb, llmAgent(kb, options.llm), { ...LLM_DC_DEFAULTS, ...dc }, options.onProgress);
  if (name === 'hybrid') {
    const agent = llmAgent(kb, options.llm);
    const knowledge = new PhenotypeRanker(kb, KNOWLEDGE_RANKER);
    const offline = new DivideAndConquerRanker(kb, new OnnxChunkAgent(await OnnxRanker.load(kb)), { ...DC_DEFAULTS, ...dc, knowledgeWeight: DC_DEFAULTS.knowledgeWeight }, options.onProgress, knowledge);
    return new HybridRanker(offline, new DivideAndConquerRanker(kb, agent, { ...LLM_DC_DEFAULTS, ...dc }, options.onProgress, knowledge));
  }
  if ((RANKER_NAMES as readonly string[]).includes(name)) return createRanker(name, kb);
  throw new OdysseyError('unknown-ranker', `There is no ranker called "${name}".`, `Choose one of: ${ALL_RANKERS.join(', ')}.`);
}
