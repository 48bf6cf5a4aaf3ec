/**
 * Where the app keeps LLM provider API keys. Core never stores keys itself: the Electron shell
 * supplies a store backed by the operating system's encryption (safeStorage); in browser mode
 * there is none and keys come only from environment variables set before `odyssey serve`.
 * A stored key reaches the provider as the value of the provider's key variable, in this process.
 */
export interface KeyStoreStatus {
  /** False when keys cannot be kept encrypted here (e.g. Linux with plain-text storage only). */
  available: boolean;
  /** Why not, and what to do instead. */
  reason?: string;
}

export interface ApiKeyStore {
  status(): KeyStoreStatus;
  /** Every stored key, decrypted, by the environment variable it stands for. */
  load(): Record<string, string>;
  /** Encrypts and keeps `key` for `envName`; null forgets it. Throws when unavailable. */
  save(envName: string, key: string | null): void;
}
