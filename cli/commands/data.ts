import type { Command } from 'commander';
import { installData } from '../../core/data/installer.js';
import { dataStatus, hpoAcknowledgement, missingRequired, INSTALL_HINT } from '../../core/data/installed.js';
import { dataDir, ontologyDir } from '../../core/data/paths.js';
import { OdysseyError } from '../../core/errors.js';
import { loadHpo } from '../../core/hpo/hpo-cache.js';
import { type CliIO, printJson } from '../io.js';

export function registerData(program: Command, io: CliIO): void {
  const data = program.command('data').description('install and inspect the reference data (HPO, annotations, HGNC)');

  data
    .command('install')
    .description('install the release files, verified against the manifest')
    .option('--from <dir>', 'folder holding the release files (tried first)')
    .option('--force', 'reinstall files that are already present')
    .option('--no-download', 'do not try the official release locations')
    .action(async (opts: { from?: string; force?: boolean; download: boolean }) => {
      io.err(`Installing reference data into ${ontologyDir()}`);
      const outcomes = await installData({
        ...(opts.from ? { from: opts.from } : {}),
        ...(process.env.ODYSSEY_DATA_MIRROR ? { mirror: process.env.ODYSSEY_DATA_MIRROR } : {}),
        force: Boolean(opts.force),
        download: opts.download,
        log: (l) => io.err(l),
      });
      const skipped = outcomes.filter((o) => o.status === 'failed');
      for (const o of skipped) io.err(`note: optional ${o.id} not installed (${o.problems.at(-1) ?? 'no source'})`);
      // Build the derived ontology cache now so the first search or analysis starts fast.
      const hpo = await loadHpo();
      io.err(`Ontology cache ready (${hpo.from === 'cache' ? 'up to date' : `built in ${(hpo.ms / 1000).toFixed(1)} s`}).`);
      io.err(hpoAcknowledgement());
    });

  data
    .command('status')
    .description('show installed versions, file paths and the HPO acknowledgement')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      const status = dataStatus();
      const ack = hpoAcknowledgement();
      if (opts.json) {
        printJson(io, {
          dataDir: dataDir(),
          complete: missingRequired().length === 0,
          datasets: status.map(({ dataset: d, installed }) => ({
            id: d.id,
            title: d.title,
            version: d.version,
            required: d.required,
            installed: Boolean(installed),
            path: installed?.absPath ?? null,
            source: installed?.source ?? null,
            installedAt: installed?.installedAt ?? null,
            sha256: d.sha256,
            licence: d.licence,
          })),
          acknowledgement: ack,
        });
        return;
      }
      io.out(`Data folder: ${dataDir()}`);
      for (const { dataset: d, installed } of status) {
        const mark = installed ? '✓' : d.required ? '✗' : '–';
        io.out(`${mark} ${d.title.padEnd(42)} ${d.version.padEnd(11)} ${installed ? installed.absPath : d.required ? 'MISSING' : 'not installed (optional)'}`);
      }
      io.out('');
      io.out(ack);
    });

  data
    .command('check')
    .description('exit non-zero, naming what is missing, unless every required file is installed')
    .action(() => {
      const missing = missingRequired();
      if (missing.length === 0) return;
      const list = missing.map((d) => `  - ${d.title}: ${d.file} (version ${d.version})`).join('\n');
      throw new OdysseyError('data-missing', `Odyssey's reference data is incomplete. Missing in ${ontologyDir()}:\n${list}`, INSTALL_HINT);
    });
}
