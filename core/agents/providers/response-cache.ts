/**
 * The response cache: one SQLite file (<store home>/llm-cache.db) mapping a request's identity to
 * the reply the model gave. With it an analysis can be replayed exactly (cacheMode 'replay'),
 * and re-running a benchmark does not pay for the same prompt twice. WAL mode lets several
 * processes read while one writes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { OdysseyError } from '../../errors.js';
import { resolveStoreHome } from '../../store/home.js';
import type { ChatMessage, ToolCall, ToolSpec, Usage } from './types.js';

export const CACHE_FILE = 'llm-cache.db';

/** Everything that decides what a model answers; the key is a hash of it. */
export interface CacheIdentity {
  provider: string;
  model: string;
  messages: ChatMessage[];
  tools: ToolSpec[] | undefined;
  json: boolean;
  temperature: number;
  maxTokens: number;
  seed: number | undefined;
}

export interface CachedReply {
  content: string;
  toolCalls: ToolCall[];
  usage: Usage;
  model: string;
  createdAt: string;
}

/** JSON with object keys sorted and undefined dropped, so equal requests hash equally. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
          a < b ? -1 : a > b ? 1 : 0,
        ),
      );
    }
    return v;
  });
}

export function cacheKey(identity: CacheIdentity): string {
  return createHash('sha256').update(canonicalJson(identity)).digest('hex');
}

export function defaultCachePath(home?: string): string {
  return join(resolveStoreHome(home), CACHE_FILE);
}

export class ResponseCache {
  private readonly getStmt: Database.Statement<[string], { reply: string; created_at: string }>;
  private readonly putStmt: Database.Statement<[string, string, string, string, string]>;

  constructor(private readonly db: Database.Database) {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(`CREATE TABLE IF NOT EXISTS llm_responses (
      key TEXT PRIMARY KEY,
      provider TEXT NOT NULL,
      model TEXT NOT NULL,
      reply TEXT NOT NULL,
      created_at TEXT NOT NULL
    )`);
    this.getStmt = db.prepare('SELECT reply, created_at FROM llm_responses WHERE key = ?');
    this.putStmt = db.prepare(
      'INSERT OR REPLACE INTO llm_responses (key, provider, model, reply, created_at) VALUES (?, ?, ?, ?, ?)',
    );
  }

  get(key: string): CachedReply | undefined {
    const row = this.getStmt.get(key);
    if (!row) return undefined;
    const reply = JSON.parse(row.reply) as Omit<CachedReply, 'createdAt'>;
    return { ...reply, createdAt: row.created_at };
  }

  put(
    key: string,
    identity: Pick<CacheIdentity, 'provider' | 'model'>,
    reply: Omit<CachedReply, 'createdAt'>,
  ): void {
    const { content, toolCalls, usage, model } = reply;
    this.putStmt.run(
      key,
      identity.provider,
      identity.model,
      JSON.stringify({ content, toolCalls, usage, model }),
      new Date().toISOString(),
    );
  }

  get size(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM llm_responses').get() as { n: number }).n;
  }

  close(): void {
    this.db.close();
  }
}

/** Opens (creating if needed) the cache file; defaults to <store home>/llm-cache.db. */
export function openResponseCache(path: string = defaultCachePath()): ResponseCache {
  try {
    mkdirSync(dirname(path), { recursive: true });
    return new ResponseCache(new Database(path));
  } catch (e) {
    throw new OdysseyError(
      'llm-cache-open',
      `Could not open the LLM response cache ${path}: ${(e as Error).message}`,
      'Check that the folder is writable, or run without the cache.',
      { cause: e },
    );
  }
}
