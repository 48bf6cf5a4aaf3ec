/**
 * API keys in the desktop app: encrypted with safeStorage (a stand-in for the OS keychain, the
 * process boundary), refused where only plain-text storage exists, handed to the providers as
 * their key variables, and never returned by the API.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiContext } from '../../core/api/context.js';
import { dispatch } from '../../core/api/handlers.js';
import { KEYS_FILE, SafeKeyStore, type SafeStorageLike } from '../../electron/key-store.js';
import { tempDir } from '../helpers.js';

const KEY = 'sk-live-abcdefghijklmnop';

/** Reversible, but not plain: the file must never hold the key as written. */
function keychain(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => Buffer.from(`enc:${Buffer.from(s).toString('hex')}`),
    decryptString: (b) => Buffer.from(b.toString().slice(4), 'hex').toString(),
    getSelectedStorageBackend: () => backend,
  };
}

const contexts: ApiContext[] = [];
afterEach(() => contexts.splice(0).forEach((c) => c.close()));

function context(safe: SafeStorageLike) {
  const home = tempDir('odyssey-keys-');
  const ctx = new ApiContext({ home, env: {}, keyStore: new SafeKeyStore(safe, home, 'linux') });
  contexts.push(ctx);
  return { home, ctx };
}

describe('API keys with safeStorage', () => {
  it('stores a key encrypted, gives it to the provider as its variable, never returns it', async () => {
    const { home, ctx } = context(keychain());
    const before = await dispatch(ctx, 'listProviders', {});
    expect(before).toMatchObject({
      ok: true,
      data: { keyStorage: { mode: 'encrypted', available: true } },
    });
    const r = await dispatch(ctx, 'setProviderKey', { provider: 'openai', key: KEY });
    expect(r.ok).toBe(true);
    expect(JSON.stringify(r)).not.toContain(KEY);
    const listed = (r as { data: { providers: { name: string; keySet: boolean }[] } }).data
      .providers;
    expect(listed.find((p) => p.name === 'openai')!.keySet).toBe(true);
    expect(ctx.providerEnv().OPENAI_API_KEY).toBe(KEY);
    expect(readFileSync(join(home, KEYS_FILE), 'utf8')).not.toContain(KEY);
    // A new window (a restart) reads it back.
    const again = new ApiContext({
      home,
      env: {},
      keyStore: new SafeKeyStore(keychain(), home, 'linux'),
    });
    contexts.push(again);
    expect(again.providerEnv().OPENAI_API_KEY).toBe(KEY);
    // Forgetting it.
    await dispatch(ctx, 'setProviderKey', { provider: 'openai', key: null });
    expect(ctx.providerEnv().OPENAI_API_KEY).toBeUndefined();
  });

  it("refuses when Linux offers only plain-text storage ('basic_text')", async () => {
    const { ctx } = context(keychain(true, 'basic_text'));
    const list = await dispatch(ctx, 'listProviders', {});
    expect(list).toMatchObject({ ok: true, data: { keyStorage: { available: false } } });
    const r = await dispatch(ctx, 'setProviderKey', { provider: 'openai', key: KEY });
    expect(r).toMatchObject({ ok: false, error: { code: 'key-storage-unavailable' } });
    expect(JSON.stringify(r)).toMatch(/plain text/);
  });

  it('refuses when no encryption is available at all', async () => {
    const { ctx } = context(keychain(false));
    const r = await dispatch(ctx, 'setProviderKey', { provider: 'openai', key: KEY });
    expect(r).toMatchObject({ ok: false, error: { code: 'key-storage-unavailable' } });
  });

  it('needs a key variable for a custom provider', async () => {
    const { ctx } = context(keychain());
    await dispatch(ctx, 'saveProvider', {
      name: 'lab',
      baseURL: 'https://llm.lab.example/v1',
      model: 'm',
    });
    const r = await dispatch(ctx, 'setProviderKey', { provider: 'lab', key: KEY });
    expect(r).toMatchObject({ ok: false, error: { code: 'provider-no-key-variable' } });
    await dispatch(ctx, 'saveProvider', { name: 'lab', apiKeyEnv: 'LAB_LLM_KEY' });
    expect((await dispatch(ctx, 'setProviderKey', { provider: 'lab', key: KEY })).ok).toBe(true);
    expect(ctx.providerEnv().LAB_LLM_KEY).toBe(KEY);
  });
});
