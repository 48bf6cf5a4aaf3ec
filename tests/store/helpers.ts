import { join } from 'node:path';
import { tempDir } from '../helpers.js';
import { openStore, type Store } from '../../core/store/store.js';

/** A store in a fresh temporary ODYSSEY_HOME: a real SQLite database, nothing mocked. */
export function tempStore(actor = 'tester'): { store: Store; home: string } {
  const home = tempDir('odyssey-store-');
  return { store: openStore({ home, actor }), home };
}

export const dbFile = (home: string): string => join(home, 'odyssey.db');

/** Normalised schema (tables, indexes, triggers, views) for comparing databases. */
export function schemaOf(store: Store): { type: string; name: string; sql: string }[] {
  return (store.db.prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[]).map(
    (r) => ({ type: r.type, name: r.name, sql: (r.sql ?? '').replace(/\s+/g, ' ').trim() }),
  );
}
