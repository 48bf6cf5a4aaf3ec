/**
 * Sorting a failed attempt into transient (retry) or final, and turning a final failure into an
 * OdysseyError that says what went wrong with which provider and what the user can do about it.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { OdysseyError } from '../../errors.js';
import { isRetryableStatus } from './retry-policy.js';
import { isLoopback } from './privacy.js';
import type { ProviderConfig } from './types.js';

/** A stream that ended before the model said it had finished. */
export class BrokenStreamError extends Error {
  constructor(message = 'the reply stream ended before the model finished') {
    super(message);
    this.name = 'BrokenStreamError';
  }
}

export type FailureKind = 'status' | 'timeout' | 'connection' | 'broken-stream' | 'bad-response';

export interface Failure {
  kind: FailureKind;
  retryable: boolean;
  status?: number;
  headers?: Headers;
  /** Low-level error code from the network stack, e.g. ECONNREFUSED. */
  code?: string;
  message: string;
  cause: unknown;
}

function networkCode(e: unknown): string | undefined {
  for (
    let c: unknown = e, depth = 0;
    c && depth < 6;
    c = (c as { cause?: unknown }).cause, depth++
  ) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
  }
  return undefined;
}

/** `timedOut` says whether this attempt's own deadline fired (the SDK then reports a user abort). */
export function classifyFailure(e: unknown, timedOut: boolean): Failure {
  const message = e instanceof Error ? e.message : String(e);
  if (timedOut || e instanceof APIConnectionTimeoutError)
    return { kind: 'timeout', retryable: true, message, cause: e };
  if (e instanceof APIUserAbortError)
    return { kind: 'timeout', retryable: true, message, cause: e };
  if (e instanceof APIConnectionError) {
    const code = networkCode(e);
    return { kind: 'connection', retryable: true, message, cause: e, ...(code ? { code } : {}) };
  }
  if (e instanceof APIError && typeof e.status === 'number') {
    return {
      kind: 'status',
      retryable: isRetryableStatus(e.status),
      status: e.status,
      headers: e.headers as Headers,
      message,
      cause: e,
    };
  }
  if (e instanceof BrokenStreamError)
    return { kind: 'broken-stream', retryable: true, message, cause: e };
  // A body cut off after the headers arrived surfaces as undici's "terminated" or a socket error.
  const code = networkCode(e);
  if (code || (e instanceof TypeError && /terminated|socket/i.test(message))) {
    return { kind: 'broken-stream', retryable: true, message, cause: e, ...(code ? { code } : {}) };
  }
  return { kind: 'bad-response', retryable: false, message, cause: e };
}

/** How to start each local server; shown when it cannot be reached. */
const START_HINTS: Record<string, (model: string) => string> = {
  ollama: (m) =>
    `Start Ollama with \`ollama serve\` (and once \`ollama pull ${m}\`), or pass --base-url if it listens elsewhere.`,
  llamacpp: () =>
    'Start the llama.cpp server with `llama-server -m MODEL.gguf --port 8080`, or pass --base-url.',
  vllm: (m) => `Start vLLM with \`vllm serve ${m} --port 8000\`, or pass --base-url.`,
  lmstudio: () =>
    'Start the LM Studio local server (Developer tab → Start server, or `lms server start`), or pass --base-url.',
};

const CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused: nothing listens there',
  ENOTFOUND: 'host name not found',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
};

function unreachableHint(config: ProviderConfig): string {
  const preset = config.preset ?? config.name;
  const start = START_HINTS[preset];
  if (start) return start(config.model);
  if (isLoopback(config.baseURL))
    return `Start the server that should listen at ${config.baseURL}, or pass --base-url with its address.`;
  return `Check the network and the base URL (${config.baseURL}); it should end in /v1 for most servers.`;
}

/** The final error for a call that will not be retried (any more). */
export function failureError(config: ProviderConfig, f: Failure, attempts: number): OdysseyError {
  const who = `${config.name} (${config.model} at ${config.baseURL})`;
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const opts = { cause: f.cause };
  switch (f.kind) {
    case 'timeout':
      return new OdysseyError(
        'llm-timeout',
        `${who} did not answer within ${config.timeoutMs / 1000} s${tries}.`,
        'Raise timeoutMs for this provider in providers.json, or use a smaller or faster model.',
        opts,
      );
    case 'connection':
      return new OdysseyError(
        'llm-unreachable',
        `Could not reach ${config.name} at ${config.baseURL} (${f.code ? (CODES[f.code] ?? f.code) : f.message})${tries}.`,
        unreachableHint(config),
        opts,
      );
    case 'broken-stream':
      return new OdysseyError(
        'llm-broken-stream',
        `The reply from ${who} broke off${tries}: ${f.message}`,
        'The connection or server is unstable; try again, or turn streaming off.',
        opts,
      );
    case 'bad-response':
      return new OdysseyError(
        'llm-bad-response',
        `${who} sent a reply that is not an OpenAI chat completion: ${f.message}`,
        'Check that the base URL points to an OpenAI-compatible API (usually ending in /v1).',
        opts,
      );
    case 'status':
      return statusError(config, who, f, tries);
  }
}

function statusError(config: ProviderConfig, who: string, f: Failure, tries: string): OdysseyError {
  const status = f.status ?? 0;
  const opts = { cause: f.cause };
  const said = f.message ? `: ${f.message}` : '';
  if (status === 401 || status === 403) {
    const hint = config.apiKeyEnv
      ? `Check the API key in the environment variable ${config.apiKeyEnv} and that it may use ${config.model}.`
      : 'This server wants an API key: set apiKeyEnv for the provider in providers.json.';
    return new OdysseyError(
      'llm-auth',
      `${who} refused the credentials (HTTP ${status})${said}`,
      hint,
      opts,
    );
  }
  if (status === 404) {
    const preset = config.preset ?? config.name;
    const hint =
      preset === 'ollama'
        ? `Download the model with \`ollama pull ${config.model}\`, or check --model.`
        : 'Check --model (the name the server knows the model by) and that --base-url ends in /v1.';
    return new OdysseyError(
      'llm-not-found',
      `${who} answered 404: no such model or endpoint${said}`,
      hint,
      opts,
    );
  }
  if (status === 429)
    return new OdysseyError(
      'llm-rate-limited',
      `${who} kept rate-limiting the requests (HTTP 429)${tries}${said}`,
      'Wait a minute, or lower concurrency for this provider in providers.json.',
      opts,
    );
  if (status >= 500)
    return new OdysseyError(
      'llm-server-error',
      `${who} failed with HTTP ${status}${tries}${said}`,
      'The server had a problem; try again later, or check its log.',
      opts,
    );
  return new OdysseyError(
    'llm-rejected',
    `${who} rejected the request (HTTP ${status})${said}`,
    'The server says what it did not accept; check the model name and its supported parameters (e.g. tools, JSON mode).',
    opts,
  );
}
