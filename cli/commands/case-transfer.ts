/** `odyssey case import` and `odyssey case export`: GA4GH Phenopacket v2 in and out of the store. */
import type { Command } from 'commander';
import { OdysseyError } from '../../core/errors.js';
import { exportCases } from '../../core/store/export.js';
import { importCases } from '../../core/store/import.js';
import { CASE_STATUSES, type CaseStatus } from '../../core/store/types.js';
import { type CliIO, printJson } from '../io.js';
import { parseCaseId, withStore } from './store-helpers.js';

export function registerCaseTransfer(cases: Command, io: CliIO): void {
  cases
    .command('import <path>')
    .description('import phenopackets (a .json file, a folder, a .tar.gz archive or JSONL); importing the same case twice adds it once')
    .option('--as-unsolved', 'keep the cases unsolved even when the file gives a diagnosis (it is still stored)')
    .option('--json', 'print {imported, skipped, failed, warnings} as JSON')
    .action(async (path: string, o: { asUnsolved?: boolean; json?: boolean }) => {
      await withStore(async (store) => {
        const report = await importCases(store, path, { asUnsolved: Boolean(o.asUnsolved) });
        if (o.json) {
          printJson(io, { ...report, failed: report.failed.map((f) => ({ source: f.source, code: f.error.code, error: f.error.message, fix: f.error.hint })) });
        } else {
          for (const w of report.warnings) io.err(`warning: ${w}`);
          for (const f of report.failed) {
            io.err(`error: ${f.error.message}`);
            if (f.error.hint) io.err(`  fix: ${f.error.hint}`);
          }
          const ids = report.imported.map((c) => c.caseId);
          const range = ids.length ? ` (case${ids.length > 1 ? `s ${ids[0]}–${ids[ids.length - 1]}` : ` ${ids[0]}`})` : '';
          io.out(`Imported ${report.imported.length} case(s)${range}; ${report.skipped.length} already in the store; ${report.failed.length} could not be read.`);
        }
        if (report.failed.length) {
          throw new OdysseyError(
            'import-partial',
            `${report.failed.length} of ${report.failed.length + report.imported.length + report.skipped.length} case file(s) could not be imported (listed above); the others were.`,
            'Correct the files named above and import again: cases already imported are skipped.',
          );
        }
      });
    });

  cases
    .command('export [ids...]')
    .description('export cases as Phenopacket v2: one case to .json, several to .jsonl, .tar.gz or a folder/')
    .requiredOption('--out <path>', 'file.json (one case), file.jsonl, file.tar.gz, or a folder ending in /')
    .option('--all', 'every case')
    .option('--status <status>', `every case with this status (${CASE_STATUSES.join(', ')})`)
    .option('--yes', 'replace an existing file')
    .action(async (ids: string[], o: { out: string; all?: boolean; status?: string; yes?: boolean }) => {
      const chosen = [ids.length > 0, Boolean(o.all), o.status !== undefined].filter(Boolean).length;
      if (chosen !== 1) throw new OdysseyError('bad-option', 'Say which cases to export: case ids, --all or --status STATUS (one of them).', 'For example: odyssey case export 12 --out case-12.json, or odyssey case export --all --out cases.jsonl');
      if (o.status !== undefined && !CASE_STATUSES.includes(o.status as CaseStatus)) throw new OdysseyError('bad-option', `--status must be one of ${CASE_STATUSES.join(', ')}, not "${o.status}".`, 'For example: --status unsolved');
      const caseIds = ids.map((x) => parseCaseId(x));
      await withStore(async (store) => {
        let selected = caseIds;
        if (!selected.length) {
          selected = (
            o.status ? store.db.prepare('SELECT id FROM cases WHERE status = ? ORDER BY id').pluck().all(o.status) : store.db.prepare('SELECT id FROM cases ORDER BY id').pluck().all()
          ) as number[];
        }
        for (const id of selected) store.cases.require(id);
        if (!selected.length) throw new OdysseyError('nothing-to-export', 'No case matches, so nothing was exported.', 'List the cases with `odyssey case list`.');
        const r = await exportCases(store, selected, o.out, { overwrite: Boolean(o.yes) });
        io.out(`Exported ${r.count} case(s) to ${o.out} (${r.format}).`);
      });
    });
}
