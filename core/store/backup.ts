/**
 * Online backup and restore with SQLite's backup API: a backup is a consistent copy taken while
 * the store stays in use; a restore checks the file is an Odyssey database of a schema this
 * version knows, keeps a safety copy of the current database, then copies the backup in page by
 * page under SQLite's locks (so another open connection sees either the old or the new data).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { OdysseyError } from '../errors.js';
import { databasePath } from './home.js';
import { foreignDatabaseReason } from './database.js';
import { SCHEMA_VERSION, schemaVersion } from './migrations.js';
import type { Store } from './store.js';

export interface BackupInfo {
  path: string;
  schemaVersion: number;
  cases: number;
  analyses: number;
}

/**
 * A backup copies the live database's header, WAL flag included; switching the copy to a rollback
 * journal makes it one self-contained file that opens without -wal/-shm companions.
 */
function makeSelfContained(path: string): void {
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/** Copies the open store to `file` (refusing to replace a file unless `overwrite`). */
export async function backupStore(store: Store, file: string, options: { overwrite?: boolean } = {}): Promise<BackupInfo> {
  if (existsSync(file) && !options.overwrite) {
    throw new OdysseyError('file-exists', `${file} already exists.`, 'Choose another file name, or pass --yes to replace it.');
  }
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await store.db.backup(tmp);
    makeSelfContained(tmp);
    const info = inspectBackup(tmp);
    renameSync(tmp, file);
    return { ...info, path: file };
  } catch (e) {
    if (e instanceof OdysseyError) throw e;
    throw new OdysseyError('backup-failed', `Could not write the backup to ${file} (${(e as Error).message}).`, 'Check the folder exists, is writable and has room, then retry.', { cause: e });
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** What a backup file holds, after checking it is a sound Odyssey database this version reads. */
export function inspectBackup(file: string): BackupInfo {
  if (!existsSync(file)) throw new OdysseyError('file-missing', `Backup file not found: ${file}`, 'Give the path of a file written by `odyssey backup`.');
  const bad = (why: string, cause?: unknown): OdysseyError =>
    new OdysseyError('backup-invalid', `${file} is not a usable Odyssey backup: ${why}.`, 'Give a file written by `odyssey backup`; nothing was changed.', { cause });
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw bad((e as Error).message, e);
  }
  try {
    let version: number;
    try {
      version = schemaVersion(db);
    } catch (e) {
      throw bad('it is not an SQLite database', e);
    }
    const foreign = foreignDatabaseReason(db);
    if (foreign) throw bad(foreign);
    if (version === 0) throw bad('it is empty');
    if (version > SCHEMA_VERSION) throw bad(`its schema version ${version} is newer than this Odyssey knows (${SCHEMA_VERSION}); update Odyssey first`);
    const check = db.pragma('quick_check', { simple: true }) as string;
    if (check !== 'ok') throw bad(`the integrity check failed (${check})`);
    const count = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return { path: file, schemaVersion: version, cases: count('cases'), analyses: count('analyses') };
  } finally {
    db.close();
  }
}

export interface RestoreResult {
  restored: BackupInfo;
  /** Copy of the database as it was before the restore, when there was one. */
  safetyCopy?: string;
}

/**
 * Replaces the database in `home` with the backup `file`. The current database, if any, is first
 * copied to `home/safety/`; without `overwrite` an existing database is left untouched.
 * Close any Store on this home in this process first; the next open migrates an older backup.
 */
export async function restoreStore(home: string, file: string, options: { overwrite?: boolean } = {}): Promise<RestoreResult> {
  const restored = inspectBackup(file);
  const live = databasePath(home);
  let safetyCopy: string | undefined;
  if (existsSync(live)) {
    if (!options.overwrite) {
      throw new OdysseyError('restore-needs-confirmation', `Restoring would replace the case database ${live}.`, 'Pass --yes to replace it; a safety copy of the current database is kept in the safety/ folder next to it.');
    }
    const current = new Database(live, { fileMustExist: true });
    try {
      mkdirSync(join(home, 'safety'), { recursive: true });
      safetyCopy = join(home, 'safety', `odyssey-before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}.db`);
      await current.backup(safetyCopy);
      makeSelfContained(safetyCopy);
    } finally {
      current.close();
    }
  } else {
    mkdirSync(home, { recursive: true });
  }
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(live);
  } finally {
    source.close();
  }
  return { restored, ...(safetyCopy ? { safetyCopy } : {}) };
}
