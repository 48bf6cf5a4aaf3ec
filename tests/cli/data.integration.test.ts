import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from './run-cli.js';
import { tempDir } from '../helpers.js';

const BIN = fileURLToPath(new URL('../../bin/odyssey.js', import.meta.url));

describe('odyssey data', () => {
  it('status --json shows versions, paths and the HPO acknowledgement', async () => {
    const { code, out } = await runCli('data', 'status', '--json');
    expect(code).toBe(0);
    const s = JSON.parse(out);
    expect(s.complete).toBe(true);
    const hp = s.datasets.find((d: { id: string }) => d.id === 'hp.obo');
    expect(hp).toMatchObject({ version: '2026-02-16', installed: true });
    expect(hp.path).toMatch(/hpo-2026-02-16\/hp\.obo(\.gz)?$/);
    expect(s.datasets.find((d: { id: string }) => d.id === 'phenotype.hpoa').version).toBe('2025-05-06');
    expect(s.acknowledgement).toMatch(/This product uses the Human Phenotype Ontology \(version 2026-02-16\)/);
  });

  it('status prints a readable table', async () => {
    const { out } = await runCli('data', 'status');
    expect(out).toMatch(/✓ Human Phenotype Ontology\s+2026-02-16/);
    expect(out).toMatch(/Human Phenotype Ontology \(version 2026-02-16\)/);
  });

  // A real child process with an empty data folder: what `npm start` / `npm test` show a user.
  const empty = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ODYSSEY_DATA_DIR: tempDir(), ODYSSEY_DATA_MIRROR: '', ...env } });

  it('check names every missing file and the fix, without a stack trace', () => {
    const r = empty(['data', 'check']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/reference data is incomplete/);
    for (const f of ['hp.obo', 'genes_to_phenotype.txt', 'phenotype.hpoa', 'genes_to_disease.txt', 'hgnc_complete_set.txt']) expect(r.stderr).toContain(f);
    expect(r.stderr).toMatch(/fix: .*ODYSSEY_DATA_MIRROR/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('search without data says what is missing', () => {
    const r = empty(['search', 'seizure']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Human Phenotype Ontology \(hp\.obo, version 2026-02-16\) is not installed/);
  });

  it('install with no source reachable explains how to supply a mirror', () => {
    const r = empty(['data', 'install', '--no-download', '--from', '/nonexistent/folder']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--from folder \/nonexistent\/folder is not a folder/);
    expect(r.stderr).toMatch(/fix: .*ODYSSEY_DATA_MIRROR/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('install --from a mirror folder works into a fresh data folder', () => {
    const mirror = process.env.ODYSSEY_DATA_MIRROR || fileURLToPath(new URL('../../../shared/data', import.meta.url));
    const dir = tempDir();
    const r = spawnSync(process.execPath, [BIN, 'data', 'install', '--from', mirror, '--no-download'], { encoding: 'utf8', env: { ...process.env, ODYSSEY_DATA_DIR: dir } });
    expect(r.stderr).toMatch(/✓ Human Phenotype Ontology 2026-02-16: installed/);
    expect(r.status).toBe(0);
    const status = spawnSync(process.execPath, [BIN, 'data', 'status', '--json'], { encoding: 'utf8', env: { ...process.env, ODYSSEY_DATA_DIR: dir } });
    expect(JSON.parse(status.stdout).complete).toBe(true);
  });
});
