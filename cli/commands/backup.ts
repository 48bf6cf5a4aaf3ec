/** `odyssey backup FILE` and `odyssey restore FILE`: consistent online copies of the case store. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { backupStore, inspectBackup, restoreStore } from '../../core/store/backup.js';
import { databasePath, resolveStoreHome } from '../../core/store/home.js';
import { openStore } from '../../core/store/store.js';
import type { CliIO } from '../io.js';
import { confirm, withStore } from './store-helpers.js';

export function registerBackup(program: Command, io: CliIO): void {
  program
    .command('backup <file>')
    .description('copy the case store to FILE while it stays in use (SQLite online backup)')
    .option('--yes', 'replace FILE if it exists')
    .action(async (file: string, o: { yes?: boolean }) => {
      await withStore(async (store) => {
        const info = await backupStore(store, file, { overwrite: Boolean(o.yes) });
        io.out(`Backed up ${info.cases} case(s) and ${info.analyses} analyses to ${file} (schema version ${info.schemaVersion}).`);
      });
    });

  program
    .command('restore <file>')
    .description('replace the case store with a backup (keeps a safety copy of the current one)')
    .option('--yes', 'replace the current case store without asking')
    .action(async (file: string, o: { yes?: boolean }) => {
      const home = resolveStoreHome();
      const info = inspectBackup(file);
      if (existsSync(databasePath(home))) await confirm(io, `Replace the case store in ${home} with ${file} (${info.cases} cases, ${info.analyses} analyses)?`, o.yes, `Restoring ${file} over the current case store`);
      const r = await restoreStore(home, file, { overwrite: true });
      // Opening once migrates a backup from an older Odyssey to the current schema.
      openStore({ home }).close();
      io.out(`Restored ${r.restored.cases} case(s) and ${r.restored.analyses} analyses from ${file}.${r.safetyCopy ? ` The previous case store was saved as ${r.safetyCopy}.` : ''}`);
    });
}
