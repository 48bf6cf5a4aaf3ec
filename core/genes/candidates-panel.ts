import { OdysseyError } from '../errors.js';
import { readLines } from '../io/lines.js';
import { buildCandidateSet, type CandidateSet } from './candidate-set.js';
import { splitGeneList } from './candidates-list.js';
import { detectDelimiter, splitDelimitedLine, type Delimiter } from './delimited.js';
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

/** Non-blank lines, without a UTF-8 BOM and without '##' comment lines (a '#gene' header stays). */
async function readPanelLines(path: string): Promise<PanelLine[]> {
  const lines: PanelLine[] = [];
  let lineNo = 0;
  for await (const raw of readLines(path)) {
    lineNo++;
    const text = (lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (text === '' || text.startsWith('##')) continue;
    lines.push({ lineNo, text });
  }
  return lines;
}

function namesFromColumn(lines: PanelLine[], delimiter: Delimiter, column: number, path: string) {
  const names: string[] = [];
  const shortLines: number[] = [];
  for (const { lineNo, text } of lines) {
    const cells = splitDelimitedLine(text, delimiter);
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

/**
 * A candidate set from a panel file: TSV/CSV (delimiter detected from the header) with a gene
 * column found by name, or a single column of genes with or without a header.
 */
export async function candidatesFromPanel(
  identity: GeneIdentity,
  path: string,
): Promise<CandidateSet> {
  await assertReadableFile(path, 'Gene panel file');
  const lines = await readPanelLines(path);
  const [first, ...rest] = lines;
  let names: string[] = [];
  let notes: string[] = [];
  if (first) {
    const delimiter = detectDelimiter(first.text);
    const header = delimiter ? splitDelimitedLine(first.text, delimiter) : [first.text];
    const column = findGeneColumn(header);
    if (delimiter && column >= 0) {
      ({ names, notes } = namesFromColumn(rest, delimiter, column, path));
    } else if (!delimiter) {
      names = (column >= 0 ? rest : lines).flatMap((l) => splitGeneList(l.text));
    } else {
      throw new OdysseyError(
        'panel-no-gene-column',
        `${path} has no recognisable gene column: the header (line ${first.lineNo}) has ${header.map((h) => `"${h}"`).join(', ')}.`,
        'Name the column that holds gene symbols "gene", "symbol", "gene_symbol" or "hgnc_symbol", or give a plain list with one gene per line.',
      );
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
