import { OdysseyError } from '../errors.js';
import { readLines } from '../io/lines.js';
import { buildCandidateSet, type CandidateSet } from './candidate-set.js';
import { splitGeneList } from './candidates-list.js';
import { delimitedRows, detectDelimiter, type DelimitedRow } from './delimited.js';
import { assertReadableFile, sha256File } from './file-source.js';
import type { GeneIdentity } from './identity.js';

/**
 * Header names that hold gene symbols (or ids GeneIdentity understands), compared after
 * lower-casing and dropping spaces, '_', '-', '.' and a leading '#'. Earlier names win when a
 * file has several, so "gene_symbol" is preferred over a "gene_id" next to it.
 */
const GENE_COLUMN_NAMES = [
  'hgncsymbol',
  'approvedsymbol',
  'hgncgenesymbol',
  'genesymbol',
  'symbol',
  'gene',
  'genes',
  'genename',
  'genenames',
  'hgncid',
  'geneid',
  'entrezid',
  'ncbigeneid',
];

const normaliseHeader = (h: string): string =>
  h
    .toLowerCase()
    .replace(/^#/, '')
    .replace(/[\s_.-]+/g, '');

/** Index of the gene column in a header row, or -1 when none is recognised. */
export function findGeneColumn(header: readonly string[]): number {
  const names = header.map(normaliseHeader);
  for (const wanted of GENE_COLUMN_NAMES) {
    const i = names.indexOf(wanted);
    if (i >= 0) return i;
  }
  return -1;
}

interface PanelLine {
  lineNo: number;
  text: string;
}

/** A line's text without a UTF-8 BOM; undefined for blank and '##' comment lines ('#gene' stays). */
function panelText(raw: string): string | undefined {
  const text = raw.replace(/^\uFEFF/, '').trim();
  return text === '' || text.startsWith('##') ? undefined : text;
}

/** The first line that counts, read without closing `lines` so the rest can follow in one pass. */
async function firstPanelLine(lines: AsyncIterator<string>): Promise<PanelLine | undefined> {
  for (let lineNo = 1, r = await lines.next(); !r.done; lineNo++, r = await lines.next()) {
    const text = panelText(r.value);
    if (text !== undefined) return { lineNo, text };
  }
  return undefined;
}

/** A single column of genes; its first line is a header when it names a gene column. */
async function namesFromList(first: PanelLine, rest: AsyncIterable<string>): Promise<string[]> {
  const names = findGeneColumn([first.text]) >= 0 ? [] : splitGeneList(first.text);
  for await (const raw of rest) names.push(...splitGeneList(panelText(raw) ?? ''));
  return names;
}

/**
 * The header and rows of a table. Lines before the header are blank or comments: empty stand-ins
 * for them keep csv-parse's line numbers (in rows and errors) those of the file.
 */
async function* tableLines(first: PanelLine, rest: AsyncIterable<string>) {
  for (let i = 1; i < first.lineNo; i++) yield '';
  yield first.text;
  yield* rest;
}

async function namesFromTable(rows: AsyncIterable<DelimitedRow>, path: string) {
  let column: number | undefined;
  const names: string[] = [];
  const shortLines: number[] = [];
  for await (const { lineNo, cells } of rows) {
    if (column === undefined) {
      column = findGeneColumn(cells);
      if (column < 0) throw noGeneColumn(path, lineNo, cells);
      continue;
    }
    const cell = cells[column];
    // A "genes" cell may hold several symbols; symbols never contain the list separators.
    if (cell === undefined) shortLines.push(lineNo);
    else names.push(...splitGeneList(cell));
  }
  const notes =
    shortLines.length === 0
      ? []
      : [
          `${path}: ${shortLines.length} row(s) have no gene column (line ${shortLines.slice(0, 5).join(', ')}${shortLines.length > 5 ? ', …' : ''}); they were skipped`,
        ];
  return { names, notes };
}

const noGeneColumn = (path: string, lineNo: number, header: string[]) =>
  new OdysseyError(
    'panel-no-gene-column',
    `${path} has no recognisable gene column: the header (line ${lineNo}) has ${header.map((h) => `"${h}"`).join(', ')}.`,
    'Name the column that holds gene symbols "gene", "symbol", "gene_symbol" or "hgnc_symbol", or give a plain list with one gene per line.',
  );

/**
 * A candidate set from a panel file: TSV/CSV (delimiter detected from the header) with a gene
 * column found by name, or a single column of genes with or without a header.
 */
export async function candidatesFromPanel(
  identity: GeneIdentity,
  path: string,
): Promise<CandidateSet> {
  await assertReadableFile(path, 'Gene panel file');
  const lines = readLines(path);
  const first = await firstPanelLine(lines);
  let names: string[] = [];
  let notes: string[] = [];
  if (first) {
    const delimiter = detectDelimiter(first.text);
    if (delimiter) {
      const rows = delimitedRows(tableLines(first, lines), delimiter, path);
      ({ names, notes } = await namesFromTable(rows, path));
    } else {
      names = await namesFromList(first, lines);
    }
  }
  if (names.length === 0) {
    throw new OdysseyError(
      'candidates-empty',
      `${path} lists no genes${first ? '' : ': the file is empty'}.`,
      'Give a panel with one gene per line, or a TSV/CSV file with a "gene" column and at least one row.',
    );
  }
  return buildCandidateSet(
    identity,
    names,
    { kind: 'panel', path, sha256: await sha256File(path) },
    notes,
  );
}
