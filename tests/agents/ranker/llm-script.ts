/**
 * Test code: scripted-model behaviour for the LLM divide-and-conquer tests, on top of the scripted
 * OpenAI-compatible server. Replies are computed from what the request really carried (the
 * candidate genes of the chunk), like a model would, never from the expected answer.
 */
import type { LlmRankerOptions } from '../../../core/agents/rankers.js';
import type { RecordedRequest, Reply, WireBody } from '../providers/scripted-llm-server.js';
import { jsonContent } from '../providers/scripted-llm-server.js';

export interface ChunkPrompt {
  patient: { observed: { id: string; label: string }[]; excluded: { id: string; label: string }[]; sex?: string; ageBand?: string; [k: string]: unknown };
  mostSpecificFindings: string[];
  organSystems: string[];
  candidates: { gene: string; knowledgeBase: Record<string, unknown> }[];
  task: string;
  [k: string]: unknown;
}

/** The chunk prompt (the first user message) of a request. */
export function chunkPrompt(body: WireBody): ChunkPrompt {
  const user = body.messages.find((m) => m.role === 'user');
  return JSON.parse(user!.content!) as ChunkPrompt;
}

export const candidatesOf = (body: WireBody): string[] => chunkPrompt(body).candidates.map((c) => c.gene);

/** Is this a first ask (not a repair round and not a turn after a tool result)? */
export const isFirstAsk = (body: WireBody): boolean => body.messages.length === 2;

/** A model that orders genes by a fixed preference (earlier in the list is better; others after, alphabetically). */
export function preferring(preference: readonly string[]): (body: WireBody) => Reply {
  const place = (g: string) => {
    const i = preference.indexOf(g);
    return i < 0 ? preference.length : i;
  };
  return (body) => jsonContent({ ranking: [...candidatesOf(body)].sort((a, b) => place(a) - place(b) || a.localeCompare(b)).map((gene) => ({ gene, reason: 'scripted' })) });
}

/** Provider settings pointing the llm ranker at a scripted server, fast timeouts and backoff. */
export function scriptedLlm(url: string, home: string, extra: Partial<LlmRankerOptions> = {}, overrides: LlmRankerOptions['overrides'] = {}): LlmRankerOptions {
  return {
    provider: 'ollama',
    overrides: { model: 'test-model', baseURL: url, timeoutMs: 2_000, maxRetries: 2, concurrency: 4, backoff: { baseMs: 1, maxMs: 5, retryAfterMaxMs: 2_000 }, ...overrides },
    home,
    cacheMode: 'off',
    env: {},
    ...extra,
  };
}

/** Request bodies as the server received them, byte for byte. */
export const rawBodies = (requests: readonly RecordedRequest[]): string[] => requests.map((r) => r.raw.toString('utf8'));

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Starts a ranking, aborts it once `inFlight` calls are hanging at the server, and measures how
 * long the promise took to reject after the abort. `error` is 'resolved' if it did not reject.
 */
export async function abortWhileHanging(server: { readonly active: number }, score: (signal: AbortSignal) => Promise<unknown>, inFlight: number): Promise<{ error: unknown; elapsedMs: number }> {
  const controller = new AbortController();
  const outcome = score(controller.signal).then(
    () => 'resolved',
    (e: unknown) => e,
  );
  while (server.active < inFlight) await sleep(5);
  const t0 = performance.now();
  controller.abort();
  const error = await outcome;
  return { error, elapsedMs: performance.now() - t0 };
}
