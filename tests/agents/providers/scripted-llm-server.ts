/**
 * A real OpenAI-compatible HTTP server for tests (test code only, never imported by product
 * code). It listens on 127.0.0.1 on a random port, answers POST /v1/chat/completions from a
 * script, streaming (SSE) or not as the request asks, and records every request's raw bytes and
 * headers. Replies can be content, tool calls, raw malformed text, an HTTP status with headers,
 * a hang (no answer at all), or a stream that breaks off.
 *
 *   const server = await startScriptedServer([content('hi'), status(429, { 'retry-after': '0.2' })]);
 *   ... createLlmClient({ ...config, baseURL: server.url }) ...
 *   await server.close();
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ProviderConfig } from '../../../core/agents/providers/types.js';

export interface ScriptUsage {
  prompt: number;
  completion: number;
}

export type Reply =
  | { kind: 'content'; content: string; usage?: ScriptUsage; model?: string; delayMs?: number }
  | {
      kind: 'tool-calls';
      calls: { id?: string; name: string; arguments: string }[];
      content?: string;
      usage?: ScriptUsage;
      delayMs?: number;
    }
  /** A 200 (or given status) whose body is this text as-is, e.g. not JSON at all. */
  | { kind: 'raw'; body: string; status?: number; contentType?: string; delayMs?: number }
  | {
      kind: 'status';
      status: number;
      headers?: Record<string, string>;
      body?: unknown;
      delayMs?: number;
    }
  /** Never answers; the connection stays open until the client gives up or the server closes. */
  | { kind: 'hang' }
  /** Sends these content pieces (SSE when streaming, else a partial JSON body), then destroys the socket. */
  | { kind: 'broken-stream'; chunks: string[] };

/** The parsed request body (an OpenAI chat-completions request). */
export interface WireBody {
  model: string;
  messages: {
    role: string;
    content: string | null;
    tool_calls?: unknown[];
    tool_call_id?: string;
  }[];
  stream?: boolean;
  tools?: unknown[];
  response_format?: { type: string };
  [key: string]: unknown;
}

export type Script = Reply[] | ((body: WireBody, callIndex: number) => Reply | Promise<Reply>);

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  raw: Buffer;
  body: WireBody;
  at: number;
}

export interface ScriptedServer {
  /** Base URL including /v1, ready for the client's baseURL. */
  url: string;
  requests: RecordedRequest[];
  /** Requests being handled right now, and the most there ever were at once. */
  readonly active: number;
  readonly maxActive: number;
  /** Requests whose client went away before the reply was finished (cancelled, timed out). */
  readonly clientAborts: number;
  close(): Promise<void>;
}

// Builders for script entries.
export const content = (
  text: string,
  usage: ScriptUsage = { prompt: 10, completion: 5 },
  delayMs?: number,
): Reply => ({ kind: 'content', content: text, usage, ...(delayMs ? { delayMs } : {}) });
export const jsonContent = (value: unknown, usage?: ScriptUsage): Reply =>
  content(JSON.stringify(value), usage);
export const toolCall = (name: string, args: unknown, id = `call_${name}`): Reply => ({
  kind: 'tool-calls',
  calls: [{ id, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) }],
});
export const status = (
  code: number,
  headers: Record<string, string> = {},
  body?: unknown,
): Reply => ({ kind: 'status', status: code, headers, body });
export const raw = (body: string, code = 200): Reply => ({ kind: 'raw', body, status: code });
export const hang = (): Reply => ({ kind: 'hang' });
export const brokenStream = (...chunks: string[]): Reply => ({ kind: 'broken-stream', chunks });

/** A provider config pointing at a scripted server, with short timeouts and backoff for tests. */
export function scriptedConfig(
  url: string,
  overrides: Partial<ProviderConfig> = {},
): ProviderConfig {
  return {
    name: 'scripted',
    baseURL: url,
    model: 'scripted-model',
    temperature: 0,
    maxTokens: 256,
    timeoutMs: 2_000,
    concurrency: 4,
    maxRetries: 3,
    share: { identifiers: false, freeText: false },
    backoff: { baseMs: 5, maxMs: 20, retryAfterMaxMs: 2_000 },
    ...overrides,
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function completion(body: WireBody, reply: Extract<Reply, { kind: 'content' | 'tool-calls' }>) {
  const usage = reply.usage ?? { prompt: 10, completion: 5 };
  const toolCalls =
    reply.kind === 'tool-calls'
      ? reply.calls.map((c, i) => ({
          id: c.id ?? `call_${i}`,
          type: 'function',
          function: { name: c.name, arguments: c.arguments },
        }))
      : undefined;
  return {
    id: 'chatcmpl-scripted',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: (reply.kind === 'content' && reply.model) || body.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: reply.content ?? null,
          ...(toolCalls ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: toolCalls ? 'tool_calls' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: usage.prompt,
      completion_tokens: usage.completion,
      total_tokens: usage.prompt + usage.completion,
    },
  };
}

function chunk(
  model: string,
  delta: Record<string, unknown>,
  finish: string | null = null,
  usage?: ScriptUsage,
) {
  return {
    id: 'chatcmpl-scripted',
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: usage ? [] : [{ index: 0, delta, finish_reason: finish }],
    ...(usage
      ? {
          usage: {
            prompt_tokens: usage.prompt,
            completion_tokens: usage.completion,
            total_tokens: usage.prompt + usage.completion,
          },
        }
      : {}),
  };
}

/** Splits text into a few pieces so a streamed reply really arrives in parts. */
function pieces(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

function sse(res: ServerResponse, data: unknown): void {
  res.write(`data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
}

function sendStream(
  res: ServerResponse,
  body: WireBody,
  reply: Extract<Reply, { kind: 'content' | 'tool-calls' }>,
): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  sse(res, chunk(body.model, { role: 'assistant', content: '' }));
  for (const p of pieces(reply.content ?? '')) sse(res, chunk(body.model, { content: p }));
  if (reply.kind === 'tool-calls') {
    reply.calls.forEach((c, i) => {
      const half = Math.ceil(c.arguments.length / 2);
      sse(
        res,
        chunk(body.model, {
          tool_calls: [
            {
              index: i,
              id: c.id ?? `call_${i}`,
              type: 'function',
              function: { name: c.name, arguments: c.arguments.slice(0, half) },
            },
          ],
        }),
      );
      sse(
        res,
        chunk(body.model, {
          tool_calls: [{ index: i, function: { arguments: c.arguments.slice(half) } }],
        }),
      );
    });
  }
  sse(res, chunk(body.model, {}, reply.kind === 'tool-calls' ? 'tool_calls' : 'stop'));
  if (body.stream_options)
    sse(res, chunk(body.model, {}, null, reply.usage ?? { prompt: 10, completion: 5 }));
  sse(res, '[DONE]');
  res.end();
}

export async function startScriptedServer(script: Script): Promise<ScriptedServer> {
  const requests: RecordedRequest[] = [];
  let calls = 0;
  let active = 0;
  let maxActive = 0;
  let clientAborts = 0;
  const next = async (body: WireBody, index: number): Promise<Reply> => {
    if (typeof script === 'function') return script(body, index);
    return (
      script.shift() ??
      status(500, {}, { error: { message: 'scripted server: the script has no more replies' } })
    );
  };

  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on('data', (b: Buffer) => parts.push(b));
    req.on('end', () => {
      void (async () => {
        const rawBody = Buffer.concat(parts);
        const url = req.url ?? '/';
        if (
          req.method !== 'POST' ||
          !new URL(url, 'http://x').pathname.endsWith('/chat/completions')
        ) {
          res
            .writeHead(404, { 'content-type': 'application/json' })
            .end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
          return;
        }
        const body = JSON.parse(rawBody.toString('utf8')) as WireBody;
        requests.push({
          method: req.method,
          url,
          headers: req.headers,
          raw: rawBody,
          body,
          at: Date.now(),
        });
        active++;
        maxActive = Math.max(maxActive, active);
        let finished = false;
        res.on('close', () => {
          active--;
          if (!finished && !res.writableFinished) clientAborts++;
        });
        const reply = await next(body, calls++);
        if ('delayMs' in reply && reply.delayMs) await wait(reply.delayMs);
        if (res.destroyed) return;
        switch (reply.kind) {
          case 'hang':
            return;
          case 'status':
            res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
            res.end(
              JSON.stringify(
                reply.body ?? {
                  error: { message: `scripted status ${reply.status}`, type: 'scripted' },
                },
              ),
            );
            break;
          case 'raw':
            res.writeHead(reply.status ?? 200, {
              'content-type': reply.contentType ?? 'application/json',
            });
            res.end(reply.body);
            break;
          case 'broken-stream':
            if (body.stream) {
              res.writeHead(200, { 'content-type': 'text/event-stream' });
              for (const c of reply.chunks) sse(res, chunk(body.model, { content: c }));
            } else {
              res.writeHead(200, { 'content-type': 'application/json', 'content-length': '10000' });
              res.write(
                `{"id":"chatcmpl-scripted","choices":[{"message":{"content":${JSON.stringify(reply.chunks.join(''))}`,
              );
            }
            await wait(20);
            finished = true; // the server broke it off, not the client
            res.socket?.destroy();
            return;
          default:
            if (body.stream) sendStream(res, body, reply);
            else
              res
                .writeHead(200, { 'content-type': 'application/json' })
                .end(JSON.stringify(completion(body, reply)));
        }
        finished = true;
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    get active() {
      return active;
    },
    get maxActive() {
      return maxActive;
    },
    get clientAborts() {
      return clientAborts;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
