import { afterEach, describe, expect, it } from 'vitest';
import { createLlmClient } from '../../../core/agents/providers/client.js';
import { PayloadRecorder } from '../../../core/agents/providers/payload-recorder.js';
import { UsageMeter } from '../../../core/agents/providers/usage-meter.js';
import type { ChatRequest } from '../../../core/agents/providers/types.js';
import { OdysseyError } from '../../../core/errors.js';
import {
  brokenStream,
  content,
  hang,
  raw,
  scriptedConfig,
  startScriptedServer,
  status,
  toolCall,
  type ScriptedServer,
} from './scripted-llm-server.js';

const ask: ChatRequest = { messages: [{ role: 'user', content: 'Say ok.' }] };
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the call to fail');
}

describe('createLlmClient: calls and retries', () => {
  it('answers a plain call and sends the OpenAI request body', async () => {
    server = await startScriptedServer([content('ok', { prompt: 7, completion: 1 })]);
    const client = createLlmClient(scriptedConfig(server.url), { env: {} });
    const r = await client.chat({ ...ask, seed: 3, json: true });
    expect(r).toMatchObject({
      content: 'ok',
      toolCalls: [],
      usage: { promptTokens: 7, completionTokens: 1 },
      model: 'scripted-model',
      cached: false,
      retries: 0,
    });
    const body = server.requests[0]!.body;
    expect(body).toMatchObject({
      model: 'scripted-model',
      messages: [{ role: 'user', content: 'Say ok.' }],
      temperature: 0,
      max_tokens: 256,
      seed: 3,
      response_format: { type: 'json_object' },
    });
    expect(server.requests[0]!.headers.authorization).toBe('Bearer not-needed');
  });

  it('retries a 429 and waits at least the Retry-After the server asked for', async () => {
    server = await startScriptedServer([status(429, { 'retry-after': '0.2' }), content('ok')]);
    const client = createLlmClient(scriptedConfig(server.url), { env: {} });
    const t0 = performance.now();
    const r = await client.chat(ask);
    expect(r.retries).toBe(1);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(195);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(195);
  });

  it('honours retry-after-ms and an HTTP-date Retry-After', async () => {
    const date = new Date(Date.now() + 1500).toUTCString(); // whole seconds, so 0.5–1.5 s from now
    server = await startScriptedServer([
      status(503, { 'retry-after-ms': '120' }),
      status(429, { 'retry-after': date }),
      content('ok'),
    ]);
    const client = createLlmClient(scriptedConfig(server.url), { env: {} });
    const r = await client.chat(ask);
    expect(r.retries).toBe(2);
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(115);
    expect(server.requests[2]!.at - server.requests[1]!.at).toBeGreaterThanOrEqual(300);
  });

  it('retries 500s and timeouts, then answers', async () => {
    server = await startScriptedServer([status(500), hang(), content('late but fine')]);
    const client = createLlmClient(scriptedConfig(server.url, { timeoutMs: 150 }), { env: {} });
    const r = await client.chat(ask);
    expect(r.content).toBe('late but fine');
    expect(r.retries).toBe(2);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 400, and says what the server said', async () => {
    server = await startScriptedServer([
      status(400, {}, { error: { message: 'tools are not supported by this model' } }),
      content('never'),
    ]);
    const client = createLlmClient(scriptedConfig(server.url), { env: {} });
    const e = await rejection(client.chat(ask));
    expect(e).toBeInstanceOf(OdysseyError);
    expect((e as OdysseyError).code).toBe('llm-rejected');
    expect(e.message).toMatch(/HTTP 400.*tools are not supported/);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxRetries with a clear error', async () => {
    server = await startScriptedServer(() => status(503));
    const meter = new UsageMeter();
    const client = createLlmClient(scriptedConfig(server.url, { maxRetries: 2 }), {
      env: {},
      meter,
    });
    const e = (await rejection(client.chat(ask))) as OdysseyError;
    expect(e.code).toBe('llm-server-error');
    expect(e.message).toMatch(/HTTP 503 after 3 attempts/);
    expect(e.hint).toBeTruthy();
    expect(server.requests).toHaveLength(3);
    expect(meter.snapshot()).toMatchObject({ calls: 0, failures: 1, retries: 2 });
  });

  it('a timeout that never recovers is reported as a timeout', async () => {
    server = await startScriptedServer(() => hang());
    const client = createLlmClient(scriptedConfig(server.url, { timeoutMs: 80, maxRetries: 1 }), {
      env: {},
    });
    const e = (await rejection(client.chat(ask))) as OdysseyError;
    expect(e.code).toBe('llm-timeout');
    expect(server.requests).toHaveLength(2);
  });

  it('an unreachable local server gets a hint on how to start it', async () => {
    server = await startScriptedServer([]);
    const url = server.url;
    await server.close();
    server = undefined;
    const client = createLlmClient(
      scriptedConfig(url, { name: 'ollama', preset: 'ollama', maxRetries: 0 }),
      { env: {} },
    );
    const e = (await rejection(client.chat(ask))) as OdysseyError;
    expect(e.code).toBe('llm-unreachable');
    expect(e.hint).toMatch(/ollama serve/);
  });

  it('a reply that is not a chat completion is a clear, unretried error', async () => {
    server = await startScriptedServer([
      raw('<html>proxy error</html>'),
      // A 200 carrying an error object instead of choices is not an (empty) answer either.
      raw('{"error":{"message":"model is loading"}}'),
      content('never'),
    ]);
    const client = createLlmClient(scriptedConfig(server.url), { env: {} });
    const e = (await rejection(client.chat(ask))) as OdysseyError;
    expect(e.code).toBe('llm-bad-response');
    const e2 = (await rejection(client.chat(ask))) as OdysseyError;
    expect(e2.code).toBe('llm-bad-response');
    expect(e2.message).toMatch(/no choices.*model is loading/);
    expect(server.requests).toHaveLength(2);
  });
});

describe('createLlmClient: streaming', () => {
  it('puts a streamed reply back together, with usage', async () => {
    server = await startScriptedServer([
      content('The answer is forty-two.', { prompt: 12, completion: 6 }),
    ]);
    const client = createLlmClient(scriptedConfig(server.url), { env: {} });
    const r = await client.chat({ ...ask, stream: true });
    expect(r.content).toBe('The answer is forty-two.');
    expect(r.usage).toEqual({ promptTokens: 12, completionTokens: 6 });
    expect(server.requests[0]!.body.stream).toBe(true);
  });

  it('streams tool calls whose arguments arrive in pieces', async () => {
    server = await startScriptedServer([toolCall('gene_phenotypes', { symbol: 'FBN1' })]);
    const client = createLlmClient(scriptedConfig(server.url), { env: {} });
    const r = await client.chat({ ...ask, stream: true });
    expect(r.toolCalls).toEqual([
      { id: 'call_gene_phenotypes', name: 'gene_phenotypes', arguments: '{"symbol":"FBN1"}' },
    ]);
  });

  it('retries a stream that breaks off and never returns the partial content', async () => {
    server = await startScriptedServer([
      brokenStream('The answer', ' is'),
      content('complete answer'),
    ]);
    const client = createLlmClient(scriptedConfig(server.url), { env: {} });
    const r = await client.chat({ ...ask, stream: true });
    expect(r.content).toBe('complete answer');
    expect(r.retries).toBe(1);
  });

  it('a stream that keeps breaking off fails instead of returning part of a reply', async () => {
    server = await startScriptedServer(() => brokenStream('partial'));
    const client = createLlmClient(scriptedConfig(server.url, { maxRetries: 1 }), { env: {} });
    const e = (await rejection(client.chat({ ...ask, stream: true }))) as OdysseyError;
    expect(e.code).toBe('llm-broken-stream');
    expect(server.requests).toHaveLength(2);
  });

  it('a non-streamed body cut off mid-way is retried too', async () => {
    server = await startScriptedServer([brokenStream('half a'), content('whole')]);
    const client = createLlmClient(scriptedConfig(server.url), { env: {} });
    expect((await client.chat(ask)).content).toBe('whole');
  });
});

describe('createLlmClient: cancellation and concurrency', () => {
  it('aborting stops in-flight and queued calls at once, and the server sees the disconnect', async () => {
    server = await startScriptedServer(() => hang());
    const client = createLlmClient(
      scriptedConfig(server.url, { concurrency: 2, timeoutMs: 10_000 }),
      { env: {} },
    );
    const controller = new AbortController();
    const calls = Array.from({ length: 5 }, () =>
      client.chat(ask, controller.signal).then(
        () => 'answered',
        (e: Error) => e.name,
      ),
    );
    while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    const t0 = performance.now();
    controller.abort();
    const outcomes = await Promise.all(calls);
    expect(performance.now() - t0).toBeLessThan(500); // vs a 10 s deadline: it did not wait
    expect(outcomes).toEqual(Array(5).fill('AbortError'));
    expect(server.requests).toHaveLength(2); // the 3 queued calls never went out
    for (let i = 0; i < 100 && server.clientAborts < 2; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(server.clientAborts).toBe(2);
  });

  it('aborting during a backoff wait rejects promptly', async () => {
    server = await startScriptedServer(() => status(429, { 'retry-after': '5' }));
    const client = createLlmClient(
      scriptedConfig(server.url, { backoff: { baseMs: 5, maxMs: 20, retryAfterMaxMs: 10_000 } }),
      { env: {} },
    );
    const controller = new AbortController();
    const call = client.chat(ask, controller.signal);
    while (server.requests.length < 1) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 50)); // the 429 is in; the client now waits 5 s
    const t0 = performance.now();
    controller.abort();
    expect((await rejection(call)).name).toBe('AbortError');
    expect(performance.now() - t0).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
  });

  it('an already-aborted signal sends nothing', async () => {
    server = await startScriptedServer([content('never')]);
    const client = createLlmClient(scriptedConfig(server.url), { env: {} });
    expect((await rejection(client.chat(ask, AbortSignal.abort()))).name).toBe('AbortError');
    expect(server.requests).toHaveLength(0);
  });

  it('never has more than `concurrency` calls in flight', async () => {
    server = await startScriptedServer(() => content('ok', undefined, 40));
    const client = createLlmClient(scriptedConfig(server.url, { concurrency: 3 }), { env: {} });
    const results = await Promise.all(Array.from({ length: 10 }, () => client.chat(ask)));
    expect(results).toHaveLength(10);
    expect(server.maxActive).toBe(3);
  });
});

describe('createLlmClient: recording, keys and local-only', () => {
  it('records each payload once, byte for byte as received, without the key', async () => {
    server = await startScriptedServer([status(500), content('ok')]);
    const recorder = new PayloadRecorder();
    const client = createLlmClient(scriptedConfig(server.url, { apiKeyEnv: 'SCRIPTED_KEY' }), {
      env: { SCRIPTED_KEY: 'sk-secret-123' },
      recorder,
    });
    await client.chat(ask);
    const [entry, ...rest] = recorder.entries();
    expect(rest).toEqual([]);
    expect(entry).toMatchObject({
      provider: 'scripted',
      model: 'scripted-model',
      url: `${server.url}/chat/completions`,
      attempts: 2,
    });
    expect(Buffer.from(entry!.body, 'utf8').equals(server.requests[0]!.raw)).toBe(true);
    expect(Buffer.from(entry!.body, 'utf8').equals(server.requests[1]!.raw)).toBe(true);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-secret-123');
    expect(JSON.stringify(recorder.entries())).not.toContain('sk-secret-123');
    expect(JSON.stringify(client.config)).not.toContain('sk-secret-123');
  });

  it('speaks Azure OpenAI: deployment path, api-version and api-key header', async () => {
    server = await startScriptedServer([content('ok')]);
    const config = scriptedConfig(server.url, {
      apiKeyEnv: 'AZURE_OPENAI_API_KEY',
      azure: { apiVersion: '2024-10-21' },
      model: 'gpt-4o-mini',
    });
    await createLlmClient(config, { env: { AZURE_OPENAI_API_KEY: 'az-key' } }).chat(ask);
    const req = server.requests[0]!;
    expect(req.url).toBe('/v1/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21');
    expect(req.headers['api-key']).toBe('az-key');
  });

  it('a remote provider without its key is refused, naming the variable', () => {
    expect(() =>
      createLlmClient(
        scriptedConfig('https://api.openai.com/v1', { apiKeyEnv: 'OPENAI_API_KEY' }),
        { env: {} },
      ),
    ).toThrow(/OPENAI_API_KEY/);
  });

  it('local-only refuses a remote URL before any network use', () => {
    const t0 = performance.now();
    const attempt =
      (url: string, env: NodeJS.ProcessEnv = {}, localOnly = true) =>
      () =>
        createLlmClient(scriptedConfig(url), { env, localOnly });
    expect(attempt('http://10.255.255.1/v1')).toThrow(
      expect.objectContaining({ code: 'llm-local-only' }),
    );
    expect(attempt('https://api.openai.com/v1')).toThrow(/Local-only mode is on/);
    expect(attempt('http://127.0.0.1.example.com/v1')).toThrow(/Local-only/);
    expect(attempt('http://10.255.255.1/v1', { ODYSSEY_LOCAL_ONLY: '1' }, false)).toThrow(
      /Local-only/,
    );
    expect(performance.now() - t0).toBeLessThan(100);
    expect(attempt('http://localhost:11434/v1')).not.toThrow();
    expect(attempt('http://[::1]:8080/v1')).not.toThrow();
  });
});
