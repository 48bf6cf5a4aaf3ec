/**
 * Batch reanalysis as a user runs it: the built `odyssey` in its own process, interrupted with
 * Ctrl-C (SIGINT) part-way, then resumed on two worker threads. Uses the build in dist/
 * (npm test builds it first) and real Phenopacket Store cases imported as unsolved.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../core/store/store.js';
import { tempDir } from '../helpers.js';
import { archiveSlice } from '../store/archive-slice.js';

const BIN = fileURLToPath(new URL('../../bin/odyssey.js', import.meta.url));
const CASES = 24;

describe('odyssey reanalyze --all-unsolved', () => {
  it('stops cleanly on SIGINT after the case in progress, and a rerun on 2 cores resumes without repeating a case', async () => {
    const home = tempDir('odyssey-batch-');
    const env = { ...process.env, ODYSSEY_HOME: home };
    const imported = spawnSync(process.execPath, [BIN, 'case', 'import', await archiveSlice(CASES), '--as-unsolved'], { env, encoding: 'utf8' });
    expect(imported.status, imported.stderr).toBe(0);

    const child = spawn(process.execPath, [BIN, 'reanalyze', '--all-unsolved'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if ((out.match(/^Case \d+: analysis/gm) ?? []).length >= 3) resolve();
      });
      child.on('exit', () => resolve());
    });
    child.kill('SIGINT');
    expect(await exited, err).toBe(0);
    expect(err).toMatch(/interrupted: finishing the case\(s\) in progress; run the same command again to resume/);
    const stopped = new RegExp(`(\\d+) analysed, 0 skipped, 0 failed; stopped after (\\d+) of ${CASES} cases \\(rerun to resume\\)`).exec(out);
    expect(stopped, out).not.toBeNull();
    const done = Number(stopped![1]);
    expect(done).toBeLessThan(CASES);

    const resumed = spawnSync(process.execPath, [BIN, 'reanalyze', '--all-unsolved', '--jobs', '2'], { env, encoding: 'utf8' });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`^${CASES - done} analysed, ${done} skipped, 0 failed\\.$`, 'm'));

    const store = openStore({ home, readonly: true });
    try {
      expect(store.db.prepare("SELECT count(DISTINCT case_id) FROM analyses WHERE status = 'done'").pluck().get()).toBe(CASES);
      expect(store.db.prepare('SELECT count(*) FROM analyses').pluck().get()).toBe(CASES);
    } finally {
      store.close();
    }
  });
});
