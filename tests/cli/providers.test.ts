import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import {
  content,
  startScriptedServer,
  status,
  type ScriptedServer,
} from '../agents/providers/scripted-llm-server.js';
import { runCli } from './run-cli.js';

const cli = runCli;

const testOllama = (url: string, ...extra: string[]) =>
  cli('providers', 'test', 'ollama', '--model', 'llama3.1', '--base-url', url, ...extra);

let server: ScriptedServer | undefined;
const saved = {
  home: process.env.ODYSSEY_HOME,
  local: process.env.ODYSSEY_LOCAL_ONLY,
  key: process.env.OPENAI_API_KEY,
};
beforeEach(() => {
  process.env.ODYSSEY_HOME = tempDir();
  delete process.env.ODYSSEY_LOCAL_ONLY;
  delete process.env.OPENAI_API_KEY;
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const [k, v] of [
    ['ODYSSEY_HOME', saved.home],
    ['ODYSSEY_LOCAL_ONLY', saved.local],
    ['OPENAI_API_KEY', saved.key],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('odyssey providers', () => {
  it('test: reports model, latency and tokens from a live endpoint', async () => {
    server = await startScriptedServer([content('ok', { prompt: 14, completion: 1 })]);
    const r = await testOllama(server.url);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ok: ollama answered in \d+ ms/);
    expect(r.out).toContain('tokens: 14 prompt + 1 completion');
    expect(r.out).toContain('model:  llama3.1');
    expect(server.requests[0]!.body.model).toBe('llama3.1');
  });

  it('test --json, and a model the server does not have', async () => {
    server = await startScriptedServer([
      content('ok'),
      status(404, {}, { error: { message: 'model "nope" not found, try pulling it first' } }),
    ]);
    const ok = await testOllama(server.url, '--json');
    expect(JSON.parse(ok.out)).toMatchObject({
      provider: 'ollama',
      model: 'llama3.1',
      usage: { promptTokens: 10, completionTokens: 5 },
      reply: 'ok',
      costUsd: 0,
    });
    const missing = await cli(
      'providers',
      'test',
      'ollama',
      '--model',
      'nope',
      '--base-url',
      server.url,
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/404/);
    expect(missing.err).toMatch(/ollama pull nope/);
  });

  it('test: a server that is not running gets a fix that says how to start it', async () => {
    server = await startScriptedServer([]);
    const url = server.url;
    await server.close();
    server = undefined;
    const r = await testOllama(url);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Could not reach ollama/);
    expect(r.err).toMatch(/ollama serve/);
  });

  it('test: errors for a missing key, a missing model and local-only mode, without calling out', async () => {
    expect((await cli('providers', 'test', 'openai', '--model', 'gpt-4o-mini')).err).toMatch(
      /OPENAI_API_KEY/,
    );
    expect((await cli('providers', 'test', 'ollama')).err).toMatch(/--model/);
    writeFileSync(
      join(process.env.ODYSSEY_HOME!, 'providers.json'),
      JSON.stringify({ localOnly: true }),
    );
    process.env.OPENAI_API_KEY = 'sk-test';
    const r = await cli('providers', 'test', 'openai', '--model', 'gpt-4o-mini');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Local-only mode is on/);
  });

  it('list: presets and configured providers, key status but never the key', async () => {
    process.env.OPENAI_API_KEY = 'sk-very-secret';
    writeFileSync(
      join(process.env.ODYSSEY_HOME!, 'providers.json'),
      JSON.stringify({
        providers: {
          'lab-vllm': { preset: 'vllm', baseURL: 'http://127.0.0.1:9000/v1', model: 'meditron' },
        },
      }),
    );
    const r = await cli('providers', 'list');
    expect(r.code).toBe(0);
    for (const s of [
      'openai',
      'ollama',
      'http://127.0.0.1:11434/v1',
      'OPENAI_API_KEY (set)',
      'lab-vllm',
      'meditron',
    ])
      expect(r.out).toContain(s);
    expect(r.out).not.toContain('sk-very-secret');
    const json = JSON.parse((await cli('providers', 'list', '--json')).out) as {
      localOnly: boolean;
      providers: { name: string }[];
    };
    expect(json.localOnly).toBe(false);
    expect(json.providers.map((p) => p.name)).toContain('lab-vllm');
  });
});
