/** `odyssey report --case ID [--analysis ID]`: reports of stored analyses, in a temporary ODYSSEY_HOME. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

let home: string;
beforeEach(() => {
  home = tempDir('odyssey-report-home-');
  process.env.ODYSSEY_HOME = home;
});

describe('odyssey report --case', () => {
  it('reports the latest stored analysis, or a chosen one, with the case notes', async () => {
    expect((await runCli('case', 'add', '--label', 'Patient R', '--hpo', 'HP:0001250,HP:0001263,HP:0000252', '--notes', 'reported from the store')).code).toBe(0);
    const none = await runCli('report', '--case', '1', '--out', join(home, 'r.html'));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/Case 1 has no analysis yet[\s\S]*fix: Run `odyssey analyze --case 1`/);
    expect((await runCli('analyze', '--case', '1')).code).toBe(0);
    const out = join(home, 'r.json');
    const r = await runCli('report', '--case', '1', '--out', out, '--top', '5');
    expect(r.code, r.err).toBe(0);
    const report = JSON.parse(readFileSync(out, 'utf8'));
    expect(report.analysis.id).toBe('1');
    expect(report.case.notes).toBe('reported from the store');
    expect(report.ranking.genes).toHaveLength(5);
    const html = join(home, 'r.html');
    expect((await runCli('report', '--case', '1', '--analysis', '1', '--out', html)).code).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('Patient R');
    const wrong = await runCli('report', '--case', '1', '--analysis', '99', '--out', html);
    expect(wrong.code).toBe(2);
    expect(wrong.err).toMatch(/Analysis 99 does not belong to case 1/);
  });

  it('refuses --case with --phenopacket, and --analysis alone', async () => {
    const both = await runCli('report', '--case', '1', '--phenopacket', 'x.json', '--out', join(home, 'x.pdf'));
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/either --case or --phenopacket/);
    const alone = await runCli('report', '--analysis', '3', '--out', join(home, 'x.pdf'));
    expect(alone.err).toMatch(/--analysis needs --case/);
  });
});
