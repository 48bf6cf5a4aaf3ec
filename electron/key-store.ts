/**
 * API keys kept with Electron's safeStorage (the OS keychain: Keychain, DPAPI, or libsecret /
 * KWallet on Linux), encrypted in a file in the user's data folder. Where safeStorage can only
 * keep plain text (Linux without a keyring: the 'basic_text' backend) it refuses, and the user is
 * told to use an environment variable instead. Written against the few safeStorage calls it
 * needs, so it is tested without Electron.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OdysseyError } from '../core/errors.js';
import type { ApiKeyStore, KeyStoreStatus } from '../core/api/key-store.js';

/** The part of Electron's safeStorage this uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: which secret store backs the encryption. */
  getSelectedStorageBackend?(): string;
}

export const KEYS_FILE = 'provider-keys.json';

interface KeysFile {
  version: 1;
  /** Environment variable name → base64 of the encrypted key. */
  keys: Record<string, string>;
}

export class SafeKeyStore implements ApiKeyStore {
  private readonly path: string;

  constructor(
    private readonly safe: SafeStorageLike,
    folder: string,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {
    this.path = join(folder, KEYS_FILE);
  }

  status(): KeyStoreStatus {
    if (!this.safe.isEncryptionAvailable())
      return {
        available: false,
        reason:
          'This computer offers no encrypted storage for secrets, so Odyssey will not keep API keys. Set the key in the environment variable shown for the provider before starting Odyssey.',
      };
    if (this.platform === 'linux' && this.safe.getSelectedStorageBackend?.() === 'basic_text')
      return {
        available: false,
        reason:
          'This computer has no keyring (such as GNOME Keyring or KWallet), so a key could only be saved as plain text, which Odyssey refuses to do. Set the key in the environment variable shown for the provider before starting Odyssey, or install and unlock a keyring.',
      };
    return { available: true };
  }

  private read(): KeysFile {
    if (!existsSync(this.path)) return { version: 1, keys: {} };
    const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<KeysFile>;
    return { version: 1, keys: { ...(parsed.keys ?? {}) } };
  }

  load(): Record<string, string> {
    if (!this.status().available) return {};
    const out: Record<string, string> = {};
    for (const [env, b64] of Object.entries(this.read().keys)) {
      try {
        out[env] = this.safe.decryptString(Buffer.from(b64, 'base64'));
      } catch {
        // A key encrypted under another login or machine cannot be read; it is simply not set.
      }
    }
    return out;
  }

  save(envName: string, key: string | null): void {
    const s = this.status();
    if (!s.available)
      throw new OdysseyError(
        'key-storage-unavailable',
        s.reason ?? 'Keys cannot be kept here.',
        'Use the environment variable instead.',
      );
    const file = this.read();
    if (key === null) delete file.keys[envName];
    else file.keys[envName] = this.safe.encryptString(key).toString('base64');
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, this.path);
  }
}
