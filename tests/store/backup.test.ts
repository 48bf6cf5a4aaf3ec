import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { backupStore, inspectBackup, restoreStore } from '../../core/store/backup.js';
import { SCHEMA_VERSION } from '../../core/store/migrations.js';
import { openStore } from '../../core/store/store.js';
import { tempDir } from '../helpers.js';
import { tempStore } from './helpers.js';

describe('backup and restore', () => {
  it('backs up a store in use to one self-contained file, and restores it with a safety copy of the current one', async () => {
    const { store, home } = tempStore();
    store.cases.create({ label: 'kept' }, [{ id: 'HP:0001250' }]);
    const file = join(tempDir(), 'backup.db');
    // A second connection holds an open read transaction while the backup runs.
    const reader = openStore({ home, readonly: true });
    const hold = reader.db.prepare('SELECT * FROM cases').iterate();
    hold.next();
    const info = await backupStore(store, file);
    hold.return?.(undefined);
    reader.close();
    expect(info).toMatchObject({ path: file, schemaVersion: SCHEMA_VERSION, cases: 1, analyses: 0 });
    expect(readdirSync(join(file, '..'))).toEqual(['backup.db']);
    await expect(backupStore(store, file)).rejects.toThrow(/already exists/);

    store.cases.create({ label: 'added after the backup' });
    store.close();
    await expect(restoreStore(home, file)).rejects.toThrow(/Restoring would replace the case database/);
    const r = await restoreStore(home, file, { overwrite: true });
    expect(r.restored.cases).toBe(1);
    expect(existsSync(r.safetyCopy!)).toBe(true);

    const restored = openStore({ home });
    expect(restored.list().items.map((c) => c.label)).toEqual(['kept']);
    expect(restored.audit.list().length).toBeGreaterThan(0);
    restored.close();
    // Nothing is lost: the safety copy holds the store as it was before the restore.
    expect(inspectBackup(r.safetyCopy!).cases).toBe(2);
  });

  it('restores into an empty home without asking', async () => {
    const { store } = tempStore();
    store.cases.create({ label: 'moved' });
    const file = join(tempDir(), 'b.db');
    await backupStore(store, file);
    store.close();
    const home = join(tempDir(), 'new-home');
    const r = await restoreStore(home, file);
    expect(r.safetyCopy).toBeUndefined();
    const s = openStore({ home });
    expect(s.list().items.map((c) => c.label)).toEqual(['moved']);
    s.close();
  });

  it('refuses files that are not Odyssey backups of a known version, and changes nothing', async () => {
    const { store, home } = tempStore();
    store.cases.create({ label: 'untouched' });
    store.close();
    const dir = tempDir();
    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database '.repeat(100));
    const foreign = join(dir, 'foreign.db');
    new Database(foreign).exec('CREATE TABLE x (y)');
    const newer = join(dir, 'newer.db');
    const s = openStore({ home: join(dir, 'newer') });
    await backupStore(s, newer);
    s.close();
    const n = new Database(newer);
    n.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    n.close();

    await expect(restoreStore(home, join(dir, 'missing.db'), { overwrite: true })).rejects.toThrow(/Backup file not found/);
    await expect(restoreStore(home, text, { overwrite: true })).rejects.toThrow(/notes\.txt is not a usable Odyssey backup: it is not an SQLite database/);
    await expect(restoreStore(home, foreign, { overwrite: true })).rejects.toThrow(/foreign\.db is not a usable Odyssey backup: it holds tables but no Odyssey schema version/);
    await expect(restoreStore(home, newer, { overwrite: true })).rejects.toThrow(/newer\.db is not a usable Odyssey backup: its schema version \d+ is newer/);
    const after = openStore({ home });
    expect(after.list().items.map((c) => c.label)).toEqual(['untouched']);
    after.close();
    expect(existsSync(join(home, 'safety'))).toBe(false);
  });
});
