/**
 * The provider layer's contract: an OpenAI-compatible chat client that the agents call. The
 * shapes are provider-neutral so an analysis can record them and replay them from the cache.
 */

export interface ToolCall {
  id: string;
  name: string;
  /** The raw JSON text the model produced; it may be malformed, so callers parse and check it. */
  arguments: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  toolCallId?: string;
  toolCalls?: ToolCall[];
}

export interface ToolSpec {
  name: string;
  description: string;
  /** JSON schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolSpec[];
  /** Ask for a JSON object reply (response_format json_object). */
  json?: boolean;
  temperature?: number;
  maxTokens?: number;
  seed?: number;
  stream?: boolean;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
}

export interface ChatResponse {
  content: string;
  toolCalls: ToolCall[];
  usage: Usage;
  model: string;
  cached: boolean;
  latencyMs: number;
  retries: number;
}

/** What the user may opt in to send, per provider. Both default to false. */
export interface ShareSettings {
  /** Case label and case id. */
  identifiers: boolean;
  /** Free-text notes. */
  freeText: boolean;
}

/** How long to wait between attempts: full jitter over baseMs·2^attempt, capped at maxMs. */
export interface BackoffSettings {
  baseMs: number;
  maxMs: number;
  /** The longest Retry-After a server may ask for before we wait only this long instead. */
  retryAfterMaxMs: number;
}

export interface ProviderConfig {
  name: string;
  /** The built-in preset this provider derives from (openai, azure, ollama, ...), if any. */
  preset?: string;
  baseURL: string;
  model: string;
  /** Environment variable holding the API key; the key itself is never stored or recorded. */
  apiKeyEnv?: string;
  temperature: number;
  maxTokens: number;
  timeoutMs: number;
  concurrency: number;
  maxRetries: number;
  pricing?: { inputPerMTok: number; outputPerMTok: number };
  share: ShareSettings;
  azure?: { apiVersion: string; deployment?: string };
  backoff?: BackoffSettings;
  /** OpenAI's newer models take max_completion_tokens; most local servers only know max_tokens. */
  maxTokensParam?: 'max_tokens' | 'max_completion_tokens';
}

export interface LlmClient {
  /** The resolved config; it never holds the API key. */
  readonly config: ProviderConfig;
  chat(req: ChatRequest, signal?: AbortSignal): Promise<ChatResponse>;
}

export type CacheMode = 'use' | 'refresh' | 'replay' | 'off';
