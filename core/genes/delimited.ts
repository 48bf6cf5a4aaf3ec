import { pipeline, Readable } from 'node:stream';
import { CsvError, parse, type Info, type Options } from 'csv-parse';
import { parse as parseLine } from 'csv-parse/sync';
import { OdysseyError } from '../errors.js';

// Tables are parsed by csv-parse (RFC 4180 quoting, line-spanning cells) rather than by hand.

export type Delimiter = '\t' | ',' | ';';

const DELIMITERS: readonly Delimiter[] = ['\t', ',', ';'];

const options = (delimiter: Delimiter): Options => ({
  delimiter,
  // Spreadsheets and hand edits pad cells ("a, b"); quoted content is kept as written.
  trim: true,
  // A stray quote inside an unquoted cell is text, not an error, as spreadsheets read it.
  relax_quotes: true,
  // Rows shorter or longer than the header are the caller's to judge, not a parse error.
  relax_column_count: true,
  // '##' lines carry export metadata; comment_no_infix keeps a '#gene' header and '##' in cells.
  comment: '##',
  comment_no_infix: true,
});

function fieldCount(line: string, delimiter: Delimiter): number {
  try {
    return parseLine(line, options(delimiter))[0]?.length ?? 0;
  } catch {
    // Broken or line-spanning quoting: count naively; parsing the whole table reports real errors.
    return line.split(delimiter).length;
  }
}

/**
 * The delimiter of a header line: the one splitting it into the most fields, preferring tab,
 * then comma, then semicolon (spreadsheets in some locales export ';'). Undefined means the line
 * is a single column. Our own rule, since csv-parse's delimiter_auto cannot answer "none".
 */
export function detectDelimiter(headerLine: string): Delimiter | undefined {
  let best: Delimiter | undefined;
  let bestCount = 1;
  for (const d of DELIMITERS) {
    const count = fieldCount(headerLine, d);
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/** What csv-parse emits per row with `info: true`. */
interface ParsedRow {
  record: string[];
  info: Info;
}

export interface DelimitedRow {
  /** The line the row starts on; a quoted cell may carry it over several lines. */
  lineNo: number;
  cells: string[];
}

async function* withLineEnds(lines: AsyncIterable<string>): AsyncGenerator<string> {
  for await (const line of lines) yield `${line}\n`;
}

/**
 * Streams the rows of a table given as its lines without line ends (e.g. readLines of a plain or
 * gzipped file), skipping blank rows and '##' lines. Malformed quoting becomes an OdysseyError
 * naming `source`.
 */
export async function* delimitedRows(
  lines: AsyncIterable<string>,
  delimiter: Delimiter,
  source: string,
): AsyncGenerator<DelimitedRow> {
  // pipeline, unlike pipe, passes a read error (e.g. a corrupt gzip) on to the loop below, which
  // reports it; the callback has nothing left to do.
  const parser: AsyncIterable<ParsedRow> = pipeline(
    Readable.from(withLineEnds(lines)),
    parse({ ...options(delimiter), info: true }),
    () => {},
  );
  try {
    for await (const { record, info } of parser) {
      if (record.every((c) => c === '')) continue;
      // info.lines is the line the row ends on; its cells' line breaks say how far back it began.
      const spanned = record.join('').split('\n').length - 1;
      yield { lineNo: info.lines - spanned, cells: record };
    }
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    throw new OdysseyError(
      'table-malformed',
      `${source} is not a well-formed table (${e.message}).`,
      'A cell that starts with a double quote must end with one, and a quote inside it is written twice ("").',
      { cause: e },
    );
  }
}
