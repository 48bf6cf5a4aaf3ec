import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, retryAfterMs } from '../../../core/agents/providers/retry-policy.js';
import { openLlmSession } from '../../../core/agents/providers/session.js';
import { tempDir } from '../../helpers.js';
import { content, startScriptedServer, type ScriptedServer } from './scripted-llm-server.js';

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('retry policy', () => {
  const backoff = { baseMs: 100, maxMs: 1000, retryAfterMaxMs: 5000 };
  it('full jitter: uniform up to base·2^attempt, capped', () => {
    expect(backoffDelay(0, backoff, undefined, () => 0.999)).toBe(99);
    expect(backoffDelay(2, backoff, undefined, () => 0.5)).toBe(200);
    expect(backoffDelay(10, backoff, undefined, () => 0.999)).toBe(999);
    expect(backoffDelay(3, backoff, undefined, () => 0)).toBe(0);
  });
  it('a server-given wait wins, up to the cap', () => {
    expect(backoffDelay(0, backoff, 2500)).toBe(2500);
    expect(backoffDelay(0, backoff, 60_000)).toBe(5000);
  });
  it('reads retry-after-ms, Retry-After seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250.5', 'retry-after': '9' }), now)).toBe(
      250.5,
    );
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(
      3000,
    );
    expect(retryAfterMs(new Headers({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }), now)).toBe(
      0,
    );
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe('openLlmSession', () => {
  it('wires settings, cache in the store folder, meter and recorder into one record', async () => {
    server = await startScriptedServer([content('ok', { prompt: 9, completion: 2 })]);
    const home = tempDir();
    const session = openLlmSession(
      'ollama',
      { model: 'llama3.1', baseURL: server.url },
      { home, env: {} },
    );
    try {
      await session.client.chat({ messages: [{ role: 'user', content: 'hi' }] });
      const again = await session.client.chat({ messages: [{ role: 'user', content: 'hi' }] });
      expect(again.cached).toBe(true);
      const record = session.record();
      expect(record.provider).toMatchObject({
        name: 'ollama',
        model: 'llama3.1',
        baseURL: server.url,
      });
      expect(record).toMatchObject({
        cacheMode: 'use',
        localOnly: false,
        usage: { calls: 1, cacheHits: 1, promptTokens: 9, costUsd: 0 },
      });
      expect(record.payloads).toHaveLength(1);
      expect(existsSync(join(home, 'llm-cache.db'))).toBe(true);
    } finally {
      session.close();
    }
  });

  it("cacheMode 'off' opens no cache file", () => {
    const home = tempDir();
    const session = openLlmSession(
      'ollama',
      { model: 'llama3.1' },
      { home, cacheMode: 'off', env: {} },
    );
    expect(session.cache).toBeUndefined();
    expect(existsSync(join(home, 'llm-cache.db'))).toBe(false);
    session.close();
  });
});
