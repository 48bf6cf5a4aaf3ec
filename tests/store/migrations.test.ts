import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { openDatabase } from '../../core/store/database.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, migrate, schemaVersion, type Migration } from '../../core/store/migrations.js';
import { openStore } from '../../core/store/store.js';
import { schemaOf, tempStore } from './helpers.js';

describe('migrations', () => {
  it('numbers migrations 1, 2, 3, ... without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('gives a database migrated one version at a time, with data at each step, the same schema as a fresh one', () => {
    const { store: fresh } = tempStore();
    const home = tempDir('odyssey-migrate-');
    const path = join(home, 'odyssey.db');
    for (let v = 1; v <= SCHEMA_VERSION; v++) {
      const db = new Database(path);
      expect(migrate(db, { to: v })).toEqual([v]);
      expect(schemaVersion(db)).toBe(v);
      db.close();
      // Each step is reopened with rows in it, as a user's database would be.
      const store = openStore({ home, actor: 'old-version' });
      store.cases.create({ label: `made at version ${v}` }, [{ id: 'HP:0001250' }]);
      store.close();
    }
    const migrated = openStore({ home });
    expect(schemaOf(migrated)).toEqual(schemaOf(fresh));
    expect(schemaOf(fresh).filter((x) => x.type === 'table').map((x) => x.name)).toEqual(['analyses', 'analysis_genes', 'analysis_results', 'audit', 'cases', 'gene_sets', 'phenotypes']);
    expect(migrated.db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(migrated.list().total).toBe(SCHEMA_VERSION);
    migrated.close();
    fresh.close();
  });

  it('opens in WAL mode with foreign keys on and full sync', () => {
    const { store } = tempStore();
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
    store.close();
  });

  it('rolls a failing migration back whole and keeps the previous version', () => {
    const path = join(tempDir(), 'x.db');
    const db = new Database(path);
    const broken: Migration[] = [
      ...MIGRATIONS,
      {
        version: SCHEMA_VERSION + 1,
        description: 'adds a table, then fails',
        up: (d) => {
          d.exec('CREATE TABLE half_done (x INTEGER)');
          d.exec('INSERT INTO no_such_table VALUES (1)');
        },
      },
    ];
    expect(() => migrate(db, { migrations: broken })).toThrow(/no_such_table/);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'").pluck().get()).toBe(0);
    db.close();
  });

  it('refuses a database written by a newer Odyssey, and one that is not Odyssey\'s', () => {
    const home = tempDir();
    const path = join(home, 'odyssey.db');
    openStore({ home }).close();
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openDatabase(path)).toThrow(`schema version ${SCHEMA_VERSION + 1}, newer than this Odyssey knows`);

    const other = join(tempDir(), 'other.db');
    const o = new Database(other);
    o.exec('CREATE TABLE notes (x TEXT)');
    o.close();
    expect(() => openDatabase(other)).toThrow(/is not an Odyssey case database \(it holds tables but no Odyssey schema version\)/);

    const junk = join(tempDir(), 'junk.db');
    writeFileSync(junk, 'this is not a database at all, just some text long enough to have a header'.repeat(20));
    expect(() => openDatabase(junk)).toThrow(/is not a readable SQLite database/);
  });
});
