/**
 * Opening the case database: create the folder, set the connection up (WAL so readers never
 * wait for a writer, foreign keys, full fsync on commit), check the file really is an Odyssey
 * database, and migrate it to the current schema.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database, { type Database as Db } from 'better-sqlite3';
import { OdysseyError } from '../errors.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion } from './migrations.js';

export interface OpenOptions {
  readonly?: boolean;
  /** How long a writer waits for another process's write lock before giving up (ms). */
  busyTimeoutMs?: number;
}

function sqliteError(path: string, e: unknown): OdysseyError {
  const err = e as { code?: string; message?: string };
  if (err.code === 'SQLITE_NOTADB' || err.code === 'SQLITE_CORRUPT') {
    return new OdysseyError(
      'store-corrupt',
      `${path} is not a readable SQLite database (${err.message}).`,
      'Restore the latest backup with `odyssey restore FILE`, or move the file away to start an empty store.',
      { cause: e },
    );
  }
  return new OdysseyError(
    'store-unreadable',
    `Cannot open the case database ${path} (${err.message}).`,
    'Check the folder exists and is writable (set ODYSSEY_HOME to move it), and that no other program holds the file.',
    { cause: e },
  );
}

/** Why `db` is not an Odyssey database, or undefined when it is one (or is still empty). */
export function foreignDatabaseReason(db: Db): string | undefined {
  const version = schemaVersion(db);
  const appId = db.pragma('application_id', { simple: true }) as number;
  if (version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
    return tables.n > 0 ? 'it holds tables but no Odyssey schema version' : undefined;
  }
  if (appId !== APPLICATION_ID) return `its application id is ${appId}, not Odyssey's (${APPLICATION_ID})`;
  return undefined;
}

/** Opens (creating if needed) and migrates the database at `path`. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  let db: Db;
  try {
    if (!options.readonly) mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false, timeout: options.busyTimeoutMs ?? 10_000 });
  } catch (e) {
    throw sqliteError(path, e);
  }
  try {
    const foreign = foreignDatabaseReason(db);
    if (foreign) {
      throw new OdysseyError(
        'store-foreign',
        `${path} is not an Odyssey case database (${foreign}).`,
        'Point ODYSSEY_HOME at a folder of its own; Odyssey will create odyssey.db there.',
      );
    }
    db.pragma('foreign_keys = ON');
    if (options.readonly) {
      if (schemaVersion(db) !== SCHEMA_VERSION) {
        throw new OdysseyError(
          'store-version',
          `${path} has schema version ${schemaVersion(db)}; this Odyssey reads version ${SCHEMA_VERSION}.`,
          'Open it once for writing (any `odyssey case` command) so it is migrated, then retry.',
        );
      }
      return db;
    }
    // WAL: readers see the last committed state while a writer works, and a killed writer
    // leaves only an uncommitted tail in the log, which the next open discards.
    db.pragma('journal_mode = WAL');
    // FULL syncs the log on every commit, so a committed case survives a power cut, not just a crash.
    db.pragma('synchronous = FULL');
    migrate(db, { migrations: MIGRATIONS });
    return db;
  } catch (e) {
    db.close();
    if (e instanceof OdysseyError) throw e;
    throw sqliteError(path, e);
  }
}
