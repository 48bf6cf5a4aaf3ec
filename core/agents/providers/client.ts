/**
 * The OpenAI-compatible chat client: the official `openai` SDK underneath (its own retries off),
 * with our retries and backoff, a per-call deadline joined to the caller's AbortSignal, a
 * per-client concurrency limit, the response cache, usage accounting, and a record of every
 * payload exactly as it went over the wire.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import OpenAI, { AzureOpenAI } from 'openai';
import { OdysseyError } from '../../errors.js';
import { abortError, sleep } from './abort.js';
import {
  buildParams,
  effectiveParams,
  fromCompletion,
  StreamAccumulator,
  type WireReply,
} from './openai-wire.js';
import type { PayloadEntry, PayloadRecorder } from './payload-recorder.js';
import { assertLocalAllowed, envForcesLocalOnly } from './local-only.js';
import { isLoopback } from './privacy.js';
import { BrokenStreamError, classifyFailure, failureError } from './provider-errors.js';
import { cacheKey, type ResponseCache } from './response-cache.js';
import { backoffDelay, DEFAULT_BACKOFF, retryAfterMs } from './retry-policy.js';
import { Semaphore } from './semaphore.js';
import type { CacheMode, ChatRequest, ChatResponse, LlmClient, ProviderConfig } from './types.js';
import type { UsageMeter } from './usage-meter.js';

export interface LlmClientOptions {
  cache?: ResponseCache | undefined;
  meter?: UsageMeter | undefined;
  recorder?: PayloadRecorder | undefined;
  /** Refuse any provider that is not on this machine. ODYSSEY_LOCAL_ONLY=1 forces it too. */
  localOnly?: boolean | undefined;
  /** 'use' (default when a cache is given): read, else call and write. 'refresh': always call,
   * overwrite. 'replay': cache only, a miss is an error. 'off': no cache. */
  cacheMode?: CacheMode | undefined;
  /** Where API keys and ODYSSEY_LOCAL_ONLY are read from; process.env by default. */
  env?: NodeJS.ProcessEnv | undefined;
}

/** Sent to servers that need no key, because the SDK insists on one. */
export const NO_KEY = 'not-needed';

function apiKeyFor(config: ProviderConfig, env: NodeJS.ProcessEnv): string {
  const key = config.apiKeyEnv ? env[config.apiKeyEnv]?.trim() : undefined;
  if (key) return key;
  if (config.apiKeyEnv && !isLoopback(config.baseURL)) {
    throw new OdysseyError(
      'llm-no-api-key',
      `${config.name} needs an API key in the environment variable ${config.apiKeyEnv}, which is not set.`,
      `Set it first, e.g. export ${config.apiKeyEnv}=... (the key is read from the environment and never stored).`,
    );
  }
  return NO_KEY;
}

/** Called by the SDK's fetch with the exact bytes of each request body. */
type SendListener = (url: string, body: string) => void;
const sending = new AsyncLocalStorage<SendListener>();

const recordingFetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const listener = sending.getStore();
  if (listener && typeof init?.body === 'string')
    listener(input instanceof Request ? input.url : String(input), init.body);
  return fetch(input, init);
};

function makeSdk(config: ProviderConfig, apiKey: string): OpenAI {
  const common = { apiKey, maxRetries: 0, timeout: config.timeoutMs, fetch: recordingFetch };
  if (config.azure) {
    return new AzureOpenAI({
      ...common,
      baseURL: config.baseURL,
      apiVersion: config.azure.apiVersion,
      ...(config.azure.deployment ? { deployment: config.azure.deployment } : {}),
    });
  }
  return new OpenAI({ ...common, baseURL: config.baseURL });
}

class OpenAICompatibleClient implements LlmClient {
  private readonly limit: Semaphore;

  constructor(
    readonly config: ProviderConfig,
    private readonly sdk: OpenAI,
    private readonly options: LlmClientOptions,
  ) {
    this.limit = new Semaphore(config.concurrency);
  }

  async chat(req: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
    if (signal?.aborted) throw abortError(signal);
    const started = performance.now();
    const { cache, meter } = this.options;
    const mode: CacheMode = cache ? (this.options.cacheMode ?? 'use') : 'off';
    const { temperature, maxTokens } = effectiveParams(this.config, req);
    const key =
      mode === 'off'
        ? undefined
        : cacheKey({
            provider: this.config.name,
            model: this.config.model,
            messages: req.messages,
            tools: req.tools,
            json: Boolean(req.json),
            temperature,
            maxTokens,
            seed: req.seed,
          });
    if (key && cache && (mode === 'use' || mode === 'replay')) {
      const hit = cache.get(key);
      if (hit) {
        const latencyMs = performance.now() - started;
        meter?.recordCacheHit(this.config, latencyMs);
        return {
          content: hit.content,
          toolCalls: hit.toolCalls,
          usage: hit.usage,
          model: hit.model,
          cached: true,
          latencyMs,
          retries: 0,
        };
      }
      if (mode === 'replay') {
        throw new OdysseyError(
          'llm-cache-miss',
          `Replay asked ${this.config.name}/${this.config.model} for a reply that is not in the cache.`,
          'The prompt, model or parameters differ from the recorded run; replay only reruns an analysis exactly, or run again without replay to call the model.',
        );
      }
    }
    const { reply, retries } = await this.limit.run(
      () => this.callWithRetries(req, started, signal),
      signal,
    );
    const latencyMs = performance.now() - started;
    if (key && cache)
      cache.put(key, { provider: this.config.name, model: this.config.model }, reply);
    meter?.recordCall(this.config, reply.usage, latencyMs, retries);
    return {
      content: reply.content,
      toolCalls: reply.toolCalls,
      usage: reply.usage,
      model: reply.model,
      cached: false,
      latencyMs,
      retries,
    };
  }

  private async callWithRetries(
    req: ChatRequest,
    started: number,
    signal?: AbortSignal,
  ): Promise<{ reply: WireReply; retries: number }> {
    const backoff = this.config.backoff ?? DEFAULT_BACKOFF;
    let entry: PayloadEntry | undefined;
    const onSend: SendListener = (url, body) => {
      if (entry) entry.attempts++;
      else if (this.options.recorder)
        entry = this.options.recorder.record({
          provider: this.config.name,
          model: this.config.model,
          url,
          body,
        });
    };
    for (let attempt = 0; ; attempt++) {
      const deadline = AbortSignal.timeout(this.config.timeoutMs);
      const attemptSignal = signal ? AbortSignal.any([signal, deadline]) : deadline;
      try {
        const reply = await sending.run(onSend, () => this.attempt(req, attemptSignal));
        return { reply, retries: attempt };
      } catch (e) {
        if (signal?.aborted) throw abortError(signal);
        const failure = classifyFailure(e, deadline.aborted);
        if (!failure.retryable || attempt >= this.config.maxRetries) {
          this.options.meter?.recordFailure(this.config, performance.now() - started, attempt);
          throw failureError(this.config, failure, attempt + 1);
        }
        await sleep(backoffDelay(attempt, backoff, retryAfterMs(failure.headers)), signal);
      }
    }
  }

  private async attempt(req: ChatRequest, signal: AbortSignal): Promise<WireReply> {
    const params = buildParams(this.config, req);
    const opts = { signal, timeout: this.config.timeoutMs, maxRetries: 0 };
    if (params.stream) {
      const stream = await this.sdk.chat.completions.create(params, opts);
      const acc = new StreamAccumulator();
      for await (const chunk of stream) acc.add(chunk);
      // The SDK ends a stream quietly when it is aborted; an unfinished reply is never an answer.
      if (!acc.complete) throw new BrokenStreamError();
      return acc.reply(this.config.model);
    }
    const completion = await this.sdk.chat.completions.create(params, opts);
    return fromCompletion(completion, this.config.model);
  }
}

/**
 * Builds a client for one provider. Refuses, before any network use, a non-loopback provider
 * under local-only mode, and a remote provider whose API key variable is empty.
 */
export function createLlmClient(config: ProviderConfig, options: LlmClientOptions = {}): LlmClient {
  const env = options.env ?? process.env;
  if (options.cacheMode === 'replay' && !options.cache) {
    throw new OdysseyError(
      'llm-cache-miss',
      'Replay answers only from the response cache, and no cache was given.',
      'Open the cache (llm-cache.db in the store folder) to replay an analysis.',
    );
  }
  assertLocalAllowed(config, Boolean(options.localOnly) || envForcesLocalOnly(env));
  try {
    new URL(config.baseURL);
  } catch {
    throw new OdysseyError(
      'provider-config',
      `The base URL of ${config.name}, "${config.baseURL}", is not a URL.`,
      'Give a full URL such as http://127.0.0.1:11434/v1.',
    );
  }
  const sdk = makeSdk(config, apiKeyFor(config, env));
  return new OpenAICompatibleClient(config, sdk, options);
}
