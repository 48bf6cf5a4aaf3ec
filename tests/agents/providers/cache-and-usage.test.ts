import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLlmClient } from '../../../core/agents/providers/client.js';
import {
  cacheKey,
  canonicalJson,
  openResponseCache,
  type ResponseCache,
} from '../../../core/agents/providers/response-cache.js';
import { UsageMeter } from '../../../core/agents/providers/usage-meter.js';
import type { ChatRequest } from '../../../core/agents/providers/types.js';
import { tempDir } from '../../helpers.js';
import {
  content,
  scriptedConfig,
  startScriptedServer,
  toolCall,
  type ScriptedServer,
} from './scripted-llm-server.js';

const ask: ChatRequest = {
  messages: [
    { role: 'system', content: 'You rank genes.' },
    { role: 'user', content: 'Rank FBN1, TGFBR2.' },
  ],
  seed: 1,
};
let server: ScriptedServer | undefined;
let cache: ResponseCache | undefined;
afterEach(async () => {
  await server?.close();
  cache?.close();
  server = undefined;
  cache = undefined;
});

describe('response cache', () => {
  it('serves a second identical call from the cache without reaching the server', async () => {
    server = await startScriptedServer([
      content('FBN1 > TGFBR2', { prompt: 20, completion: 4 }),
      content('second'),
    ]);
    cache = openResponseCache(join(tempDir(), 'llm-cache.db'));
    const meter = new UsageMeter();
    const client = createLlmClient(scriptedConfig(server.url), { env: {}, cache, meter });
    const first = await client.chat(ask);
    const second = await client.chat({ ...ask, messages: ask.messages.map((m) => ({ ...m })) });
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({
      cached: true,
      content: 'FBN1 > TGFBR2',
      usage: { promptTokens: 20, completionTokens: 4 },
      retries: 0,
    });
    expect(server.requests).toHaveLength(1);
    expect(meter.snapshot()).toMatchObject({ calls: 1, cacheHits: 1, promptTokens: 20 });
    // A different parameter is a different request.
    expect((await client.chat({ ...ask, temperature: 0.7 })).content).toBe('second');
    expect(server.requests).toHaveLength(2);
  });

  it('keeps tool calls, and survives reopening the file', async () => {
    server = await startScriptedServer([toolCall('gene_phenotypes', { symbol: 'FBN1' })]);
    const path = join(tempDir(), 'llm-cache.db');
    cache = openResponseCache(path);
    await createLlmClient(scriptedConfig(server.url), { env: {}, cache }).chat(ask);
    cache.close();
    cache = openResponseCache(path);
    const replayed = await createLlmClient(scriptedConfig(server.url), {
      env: {},
      cache,
      cacheMode: 'replay',
    }).chat(ask);
    expect(replayed.toolCalls).toEqual([
      { id: 'call_gene_phenotypes', name: 'gene_phenotypes', arguments: '{"symbol":"FBN1"}' },
    ]);
    expect(server.requests).toHaveLength(1);
  });

  it('replay mode: a miss is an error and nothing is sent', async () => {
    server = await startScriptedServer([content('never')]);
    cache = openResponseCache(join(tempDir(), 'llm-cache.db'));
    const client = createLlmClient(scriptedConfig(server.url), {
      env: {},
      cache,
      cacheMode: 'replay',
    });
    await expect(client.chat(ask)).rejects.toMatchObject({ code: 'llm-cache-miss' });
    expect(() =>
      createLlmClient(scriptedConfig(server!.url), { env: {}, cacheMode: 'replay' }),
    ).toThrow(/no cache was given/);
    expect(server.requests).toHaveLength(0);
  });

  it('refresh mode calls again and overwrites; off mode neither reads nor writes', async () => {
    server = await startScriptedServer([content('old'), content('new'), content('uncached')]);
    cache = openResponseCache(join(tempDir(), 'llm-cache.db'));
    const config = scriptedConfig(server.url);
    await createLlmClient(config, { env: {}, cache }).chat(ask);
    expect(
      (await createLlmClient(config, { env: {}, cache, cacheMode: 'refresh' }).chat(ask)).content,
    ).toBe('new');
    expect(
      (await createLlmClient(config, { env: {}, cache, cacheMode: 'off' }).chat(ask)).content,
    ).toBe('uncached');
    expect((await createLlmClient(config, { env: {}, cache }).chat(ask)).content).toBe('new');
    expect(server.requests).toHaveLength(3);
    expect(cache.size).toBe(1);
  });

  it('the key ignores object key order but not content, model or provider', () => {
    const id = {
      provider: 'p',
      model: 'm',
      messages: [{ role: 'user' as const, content: 'x' }],
      tools: undefined,
      json: false,
      temperature: 0,
      maxTokens: 10,
      seed: undefined,
    };
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
    expect(cacheKey(id)).toBe(
      cacheKey({
        seed: undefined,
        maxTokens: 10,
        temperature: 0,
        json: false,
        tools: undefined,
        messages: [{ content: 'x', role: 'user' }],
        model: 'm',
        provider: 'p',
      }),
    );
    expect(cacheKey(id)).not.toBe(cacheKey({ ...id, model: 'm2' }));
    expect(cacheKey(id)).not.toBe(cacheKey({ ...id, provider: 'q' }));
    expect(cacheKey(id)).not.toBe(cacheKey({ ...id, messages: [{ role: 'user', content: 'y' }] }));
  });
});

describe('usage meter', () => {
  it('totals tokens, calls, latency and cost from the pricing', async () => {
    server = await startScriptedServer([
      content('a', { prompt: 1000, completion: 200 }),
      content('b', { prompt: 3000, completion: 800 }),
    ]);
    const meter = new UsageMeter();
    const client = createLlmClient(
      scriptedConfig(server.url, { pricing: { inputPerMTok: 0.15, outputPerMTok: 0.6 } }),
      { env: {}, meter },
    );
    await client.chat(ask);
    await client.chat({ ...ask, seed: 2 });
    const s = meter.snapshot();
    expect(s).toMatchObject({
      calls: 2,
      cacheHits: 0,
      failures: 0,
      retries: 0,
      promptTokens: 4000,
      completionTokens: 1000,
    });
    expect(s.costUsd).toBeCloseTo((4000 * 0.15 + 1000 * 0.6) / 1e6, 12);
    expect(s.latencyMs).toBeGreaterThan(0);
    expect(s.byModel['scripted/scripted-model']).toMatchObject({ calls: 2, promptTokens: 4000 });
  });

  it('unknown pricing makes the cost unknown, not zero', async () => {
    server = await startScriptedServer([content('a'), content('b')]);
    const meter = new UsageMeter();
    await createLlmClient(
      scriptedConfig(server.url, { pricing: { inputPerMTok: 1, outputPerMTok: 1 } }),
      { env: {}, meter },
    ).chat(ask);
    expect(meter.snapshot().costUsd).toBeGreaterThan(0);
    await createLlmClient(scriptedConfig(server.url, { name: 'other' }), { env: {}, meter }).chat(
      ask,
    );
    const s = meter.snapshot();
    expect(s.costUsd).toBeNull();
    expect(s.byModel['scripted/scripted-model']!.costUsd).toBeGreaterThan(0);
    expect(s.byModel['other/scripted-model']!.costUsd).toBeNull();
  });
});
