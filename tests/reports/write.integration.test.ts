import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOdysseyError, type OdysseyError } from '../../core/errors.js';
import { reportFormat, writeReport } from '../../core/reports/render.js';
import type { ReportInput } from '../../core/reports/types.js';
import { runCli } from '../cli/run-cli.js';
import { tempDir } from '../helpers.js';
import { fixtureReport, REPORT_CASE } from './fixtures.js';

async function writeError(input: ReportInput, path: string): Promise<OdysseyError> {
  try {
    await writeReport(input, 'json', path);
  } catch (e) {
    if (isOdysseyError(e)) return e;
    throw e;
  }
  throw new Error(`writing ${path} did not fail`);
}

describe('reportFormat', () => {
  it('takes --format, or else the output extension, and names the choices otherwise', () => {
    expect(reportFormat('PDF', 'x.html')).toBe('pdf');
    expect(reportFormat(undefined, 'out/case.html')).toBe('html');
    expect(reportFormat(undefined, 'case.HTM')).toBe('html');
    expect(reportFormat(undefined, 'genes.tsv')).toBe('tsv');
    expect(() => reportFormat('docx', 'x.docx')).toThrow(/There is no report format "docx"/);
    expect(() => reportFormat(undefined, 'report')).toThrow(expect.objectContaining({ code: 'bad-option', hint: expect.stringContaining('--format pdf|html|tsv|json') }));
  });
});

describe('writeReport', () => {
  it('writes atomically: replaces an existing report and leaves no temporary file', async () => {
    const input = await fixtureReport();
    const dir = tempDir('odyssey-report-write-');
    const path = join(dir, 'case.json');
    writeFileSync(path, 'old report');
    await writeReport(input, 'json', path);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(input);
    expect(readdirSync(dir)).toEqual(['case.json']);
  });

  it('says why a path cannot be written, and what to do', async () => {
    const input = await fixtureReport();
    const dir = tempDir('odyssey-report-write-');
    const missing = await writeError(input, join(dir, 'no-such-folder', 'case.json'));
    expect(missing.code).toBe('report-unwritable');
    expect(missing.message).toMatch(/^Cannot write the report to .*case\.json: the folder .*no-such-folder does not exist\.$/);
    expect(missing.hint).toMatch(/Create the folder first/);

    mkdirSync(join(dir, 'a-folder'));
    const folder = await writeError(input, join(dir, 'a-folder'));
    expect(folder.message).toMatch(/a-folder is a folder\.$/);
    expect(folder.hint).toMatch(/Give a file name/);

    writeFileSync(join(dir, 'a-file'), '');
    const notDir = await writeError(input, join(dir, 'a-file', 'case.json'));
    expect(notDir.message).toMatch(/is a file, not a folder\.$/);
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'a-folder']); // nothing left behind
  });
});

describe('odyssey report --phenopacket', () => {
  it('ranks the phenopacket and writes the report in the format of the --out extension', async () => {
    const dir = tempDir('odyssey-report-cli-');
    const out = join(dir, 'kcnt1.tsv');
    const r = await runCli('report', '--phenopacket', REPORT_CASE, '--out', out, '--top', '5');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`Wrote TSV report for case odyssey-report-kcnt1 (5 genes, KCNT1 first) to ${out}\n`);
    expect(r.err).toMatch(/warning: Observed term: HP:0001366 is an alternative id of HP:0000252/);
    expect(readFileSync(out, 'utf8').trimEnd().split('\n')).toHaveLength(6);

    const html = join(dir, 'kcnt1.report');
    const h = await runCli('report', '--phenopacket', REPORT_CASE, '--format', 'html', '--out', html);
    expect(h.code, h.err).toBe(0);
    expect(readFileSync(html, 'utf8')).toContain('<h2>3. Evidence for the top 10 genes</h2>');
  });

  it('fails with the problem and its fix, before any work, for bad options and paths', async () => {
    const dir = tempDir('odyssey-report-cli-');
    const badFormat = await runCli('report', '--phenopacket', REPORT_CASE, '--format', 'docx', '--out', join(dir, 'x.docx'));
    expect(badFormat.code).toBe(2);
    expect(badFormat.err).toBe('error: There is no report format "docx".\n  fix: Choose one of: pdf, html, tsv, json.\n');

    const nothing = await runCli('report', '--out', join(dir, 'x.pdf'));
    expect(nothing.code).toBe(2);
    expect(nothing.err).toMatch(/error: Nothing to report: give --case ID \(a stored case\) or --phenopacket FILE\.\n {2}fix: For example: odyssey report --phenopacket/);

    const noOut = await runCli('report', '--phenopacket', REPORT_CASE);
    expect(noOut.code).toBe(1);
    expect(noOut.err).toMatch(/required option '--out <file>' not specified/);

    const badTop = await runCli('report', '--phenopacket', REPORT_CASE, '--out', join(dir, 'x.pdf'), '--top', '0');
    expect(badTop.code).toBe(2);
    expect(badTop.err).toMatch(/--top must be a whole number/);

    const unwritable = await runCli('report', '--phenopacket', REPORT_CASE, '--out', join(dir, 'missing', 'x.pdf'));
    expect(unwritable.code).toBe(2);
    expect(unwritable.err).toMatch(/error: Cannot write the report to .*x\.pdf: the folder .*missing does not exist\.\n {2}fix: /);
    expect(unwritable.err).not.toMatch(/\n\s+at /); // no stack trace

    const missingCase = await runCli('report', '--phenopacket', join(dir, 'nope.json'), '--out', join(dir, 'x.pdf'));
    expect(missingCase.code).toBe(2);
    expect(existsSync(join(dir, 'x.pdf'))).toBe(false);
  });
});
