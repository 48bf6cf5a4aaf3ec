/**
 * One entry point for every report format, and writing a report to disk atomically: a reader
 * (or a crash) never sees half a PDF, and an existing report is only replaced by a complete one.
 */
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { OdysseyError } from '../errors.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderPdf } from './render-pdf.js';
import { renderTsv } from './render-tsv.js';
import { REPORT_FORMATS, type ReportFormat, type ReportInput } from './types.js';

/** PDF is binary; the other formats are UTF-8 text. Async because pdfkit streams its output. */
export function renderReport(input: ReportInput, format: 'pdf'): Promise<Buffer>;
export function renderReport(input: ReportInput, format: 'html' | 'tsv' | 'json'): Promise<string>;
export function renderReport(input: ReportInput, format: ReportFormat): Promise<Buffer | string>;
export async function renderReport(input: ReportInput, format: ReportFormat): Promise<Buffer | string> {
  switch (format) {
    case 'pdf':
      return renderPdf(input);
    case 'html':
      return renderHtml(input);
    case 'tsv':
      return renderTsv(input);
    case 'json':
      return renderJson(input);
  }
}

export function isReportFormat(s: string): s is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(s);
}

/** The format named by `--format`, or else by the output file's extension. */
export function reportFormat(format: string | undefined, outPath: string): ReportFormat {
  const given = format?.trim().toLowerCase();
  if (given !== undefined) {
    if (isReportFormat(given)) return given;
    throw new OdysseyError('bad-option', `There is no report format "${format}".`, `Choose one of: ${REPORT_FORMATS.join(', ')}.`);
  }
  const ext = extname(outPath).slice(1).toLowerCase();
  const byExt = ext === 'htm' ? 'html' : ext;
  if (isReportFormat(byExt)) return byExt;
  throw new OdysseyError(
    'bad-option',
    `Cannot tell the report format from "${basename(outPath)}".`,
    `Give --format ${REPORT_FORMATS.join('|')}, or an --out file ending in .${REPORT_FORMATS.join(', .')}.`,
  );
}

function unwritable(outPath: string, e: NodeJS.ErrnoException): OdysseyError {
  const dir = dirname(resolve(outPath));
  const why: Record<string, [string, string]> = {
    ENOENT: [`the folder ${dir} does not exist`, 'Create the folder first, or choose an --out path in an existing folder.'],
    ENOTDIR: [`part of the path ${dir} is a file, not a folder`, 'Choose an --out path whose folders exist.'],
    EACCES: [`there is no permission to write in ${dir}`, 'Choose a folder you can write to, e.g. your home or documents folder.'],
    EPERM: [`there is no permission to write in ${dir}`, 'Choose a folder you can write to, e.g. your home or documents folder.'],
    EROFS: [`${dir} is on a read-only file system`, 'Choose a folder on a writable disk.'],
    EISDIR: [`${outPath} is a folder`, 'Give a file name, e.g. --out report.pdf.'],
    ENOSPC: ['the disk is full', 'Free some space or choose another disk.'],
  };
  const [reason, hint] = why[e.code ?? ''] ?? [e.message, 'Choose another --out path.'];
  return new OdysseyError('report-unwritable', `Cannot write the report to ${outPath}: ${reason}.`, hint, { cause: e });
}

/**
 * Fails now, with the reason, if a report could not be written to `outPath`, so a caller can
 * check before spending time on an analysis. Writing can still fail later (a full disk).
 */
export function checkWritable(outPath: string): void {
  const dir = dirname(resolve(outPath));
  let isDir = false;
  try {
    isDir = statSync(outPath).isDirectory();
  } catch {
    // Not there yet: the usual case.
  }
  if (isDir) throw unwritable(outPath, Object.assign(new Error('is a directory'), { code: 'EISDIR' }));
  try {
    accessSync(dir, constants.W_OK);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (e) {
    throw unwritable(outPath, e as NodeJS.ErrnoException);
  }
}

/**
 * Renders and writes a report. The bytes go to a temporary file beside the target, which is
 * then renamed over it, so the target is either the old file or the complete new one.
 */
export async function writeReport(input: ReportInput, format: ReportFormat, outPath: string): Promise<void> {
  checkWritable(outPath);
  const content = await renderReport(input, format);
  const tmp = join(dirname(outPath), `.${basename(outPath)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, outPath);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // Nothing was created, or it cannot be removed either; the write error below says why.
    }
    throw unwritable(outPath, e as NodeJS.ErrnoException);
  }
}
