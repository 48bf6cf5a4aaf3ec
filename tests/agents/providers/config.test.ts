import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultProviderName,
  localOnlyMode,
  resolveProvider,
} from '../../../core/agents/providers/config.js';
import { listProviders } from '../../../core/agents/providers/provider-list.js';
import { tempDir } from '../../helpers.js';

function home(file?: unknown): string {
  const dir = tempDir();
  if (file !== undefined)
    writeFileSync(
      join(dir, 'providers.json'),
      typeof file === 'string' ? file : JSON.stringify(file),
    );
  return dir;
}

describe('resolveProvider', () => {
  it('fills a preset with the model given', () => {
    const c = resolveProvider('ollama', { model: 'llama3.1' }, home(), {});
    expect(c).toMatchObject({
      name: 'ollama',
      preset: 'ollama',
      baseURL: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
      share: { identifiers: false, freeText: false },
      pricing: { inputPerMTok: 0, outputPerMTok: 0 },
    });
    expect(resolveProvider('openai', { model: 'gpt-4o-mini' }, home(), {})).toMatchObject({
      baseURL: 'https://api.openai.com/v1',
      apiKeyEnv: 'OPENAI_API_KEY',
      maxTokensParam: 'max_completion_tokens',
    });
    expect(resolveProvider('openai', { model: 'gpt-4o-mini' }, home(), {}).pricing).toBeUndefined();
  });

  it('merges preset ← providers.json ← overrides', () => {
    const h = home({
      providers: {
        ollama: { model: 'qwen2.5', timeoutMs: 5000, share: { freeText: true } },
        'lab-vllm': { preset: 'vllm', baseURL: 'http://127.0.0.1:9000/v1/', model: 'meditron' },
        gateway: {
          baseURL: 'https://llm.example.org/v1',
          apiKeyEnv: 'LAB_KEY',
          model: 'big',
          pricing: { inputPerMTok: 1, outputPerMTok: 2 },
        },
      },
    });
    expect(resolveProvider('ollama', {}, h, {})).toMatchObject({
      model: 'qwen2.5',
      timeoutMs: 5000,
      share: { identifiers: false, freeText: true },
    });
    expect(
      resolveProvider(
        'ollama',
        { model: 'llama3.1', baseURL: 'http://localhost:12345/v1', share: { identifiers: true } },
        h,
        {},
      ),
    ).toMatchObject({
      model: 'llama3.1',
      baseURL: 'http://localhost:12345/v1',
      share: { identifiers: true, freeText: true },
    });
    expect(resolveProvider('lab-vllm', {}, h, {})).toMatchObject({
      preset: 'vllm',
      baseURL: 'http://127.0.0.1:9000/v1',
      concurrency: 2,
    });
    expect(resolveProvider('gateway', {}, h, {})).toMatchObject({
      apiKeyEnv: 'LAB_KEY',
      pricing: { inputPerMTok: 1, outputPerMTok: 2 },
      concurrency: 4,
    });
  });

  it('says what is wrong and how to fix it', () => {
    const h = home();
    expect(() => resolveProvider('ollamma', { model: 'x' }, h, {})).toThrow(
      expect.objectContaining({
        code: 'provider-unknown',
        hint: expect.stringMatching(/openai, azure, ollama, llamacpp, vllm, lmstudio/),
      }),
    );
    expect(() => resolveProvider('ollama', {}, h, {})).toThrow(
      expect.objectContaining({
        code: 'provider-no-model',
        hint: expect.stringMatching(/--model llama3.1/),
      }),
    );
    expect(() => resolveProvider('azure', { model: 'gpt-4o' }, h, {})).toThrow(
      expect.objectContaining({ message: expect.stringMatching(/no base URL/) }),
    );
    expect(() =>
      resolveProvider(
        'azure',
        { model: 'gpt-4o', baseURL: 'https://r.openai.azure.com/openai' },
        h,
        {},
      ),
    ).toThrow(/API version/);
    expect(
      resolveProvider(
        'azure',
        {
          model: 'gpt-4o',
          baseURL: 'https://r.openai.azure.com/openai',
          azure: { apiVersion: '2024-10-21' },
        },
        h,
        {},
      ).azure,
    ).toEqual({ apiVersion: '2024-10-21' });
    expect(() =>
      resolveProvider('ollama', { model: 'x', baseURL: 'ftp://host/v1' }, h, {}),
    ).toThrow(/http\(s\) URL/);
    expect(() => resolveProvider('ollama', { model: 'x' }, home('{ not json'), {})).toThrow(
      /not valid JSON/,
    );
    expect(() =>
      resolveProvider(
        'ollama',
        { model: 'x' },
        home({ providers: { ollama: { modle: 'x' } } }),
        {},
      ),
    ).toThrow(/modle/);
    expect(() =>
      resolveProvider(
        'openai',
        { model: 'x' },
        home({ providers: { openai: { apiKeyEnv: 'sk-abc123-secret' } } }),
        {},
      ),
    ).toThrow(/environment variable name/);
    expect(() =>
      resolveProvider('x', {}, home({ providers: { x: { preset: 'nope', model: 'm' } } }), {}),
    ).toThrow(/unknown preset "nope"/);
  });

  it('local-only from the file or ODYSSEY_LOCAL_ONLY refuses remote providers', () => {
    const h = home({ localOnly: true });
    expect(localOnlyMode(h, {})).toBe(true);
    expect(localOnlyMode(home(), { ODYSSEY_LOCAL_ONLY: '1' })).toBe(true);
    expect(localOnlyMode(home(), {})).toBe(false);
    expect(() => resolveProvider('openai', { model: 'gpt-4o-mini' }, h, {})).toThrow(
      expect.objectContaining({ code: 'llm-local-only' }),
    );
    expect(() =>
      resolveProvider('openai', { model: 'gpt-4o-mini' }, home(), { ODYSSEY_LOCAL_ONLY: '1' }),
    ).toThrow(/Local-only/);
    expect(resolveProvider('ollama', { model: 'llama3.1' }, h, {}).baseURL).toBe(
      'http://127.0.0.1:11434/v1',
    );
  });
});

describe('defaultProviderName', () => {
  it('reads "default" from providers.json and checks it names a provider', () => {
    expect(defaultProviderName(home())).toBeUndefined();
    expect(defaultProviderName(home({ default: 'ollama' }))).toBe('ollama');
    expect(() => defaultProviderName(home({ default: 'olama' }))).toThrow(/no such provider/);
  });
});

describe('listProviders', () => {
  it('lists presets and configured providers, whether local, whether the key is set, never the key', () => {
    const h = home({
      providers: {
        gateway: { baseURL: 'https://llm.example.org/v1', apiKeyEnv: 'LAB_KEY', model: 'big' },
      },
    });
    const list = listProviders(h, { OPENAI_API_KEY: 'sk-should-not-appear' });
    expect(list.map((p) => p.name)).toEqual([
      'openai',
      'azure',
      'ollama',
      'llamacpp',
      'vllm',
      'lmstudio',
      'gateway',
    ]);
    expect(list.find((p) => p.name === 'openai')).toMatchObject({
      local: false,
      apiKeyEnv: 'OPENAI_API_KEY',
      keySet: true,
    });
    expect(list.find((p) => p.name === 'ollama')).toMatchObject({ local: true, keySet: false });
    expect(list.find((p) => p.name === 'gateway')).toMatchObject({
      configured: true,
      model: 'big',
      keySet: false,
    });
    expect(JSON.stringify(list)).not.toContain('sk-should-not-appear');
  });
});
