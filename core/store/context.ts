import type { Database } from 'better-sqlite3';

/** What every repository shares: the connection, who is making changes, and the clock. */
export interface StoreContext {
  readonly db: Database;
  /** Recorded as "who" on every change: a user name, or a tool such as "odyssey-import". */
  readonly actor: string;
  now(): string;
}

/** JSON for a column, or null for an absent value. */
export const jsonOrNull = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** A copy without undefined or null members, so records compare and print without empty keys. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out as T;
}
