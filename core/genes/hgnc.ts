import { OdysseyError } from '../errors.js';
import { readLines } from '../io/lines.js';
import { assertReadableFile } from './file-source.js';
import { GeneIdentity } from './identity.js';

export { GeneIdentity, describeUnresolved } from './identity.js';
export type {
  GeneRecord,
  GeneInfo,
  GeneResolution,
  GeneResolutionStatus,
  GeneIdKind,
  ResolvedGenes,
  GeneIdentityJson,
} from './identity.js';

const REQUIRED_COLUMNS = ['hgnc_id', 'symbol'] as const;
const OPTIONAL_COLUMNS = [
  'name',
  'locus_group',
  'status',
  'alias_symbol',
  'prev_symbol',
  'entrez_id',
  'ensembl_gene_id',
  'omim_id',
] as const;
type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

const REINSTALL_HINT =
  'Use the HGNC "complete set" download (hgnc_complete_set.txt from genenames.org), or reinstall it with `odyssey data install`.';

// Most genes have no previous symbol or OMIM id; sharing one empty list spares 40k allocations.
const NONE: readonly string[] = Object.freeze([]);

/** HGNC writes multi-valued cells as `"A|B"`; a single value comes unquoted. */
export function splitHgncCell(cell: string | undefined): readonly string[] {
  if (!cell) return NONE;
  const unquoted =
    cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1) : cell;
  return unquoted
    .split('|')
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

const cellAt = (cells: readonly string[], index: number): string =>
  index >= 0 ? (cells[index] ?? '').trim() : '';

function columnIndex(header: string[], path: string): Record<Column, number> {
  const names = header.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !names.includes(c));
  if (missing.length > 0) {
    throw new OdysseyError(
      'hgnc-invalid',
      `${path} is not an HGNC complete set file: its header (line 1) has no ${missing.map((c) => `"${c}"`).join(' or ')} column.`,
      REINSTALL_HINT,
    );
  }
  const index = {} as Record<Column, number>;
  for (const c of [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]) index[c] = names.indexOf(c);
  return index;
}

/**
 * The gene identity table for an HGNC complete set file, plain or gzipped (the product passes
 * `requireDataFile('hgnc')`). Only rows with status "Approved" are kept: the complete set has no
 * others today, but a withdrawn row must never become a resolvable gene.
 */
export async function loadGeneIdentity(path: string): Promise<GeneIdentity> {
  await assertReadableFile(path, 'HGNC gene file');
  const identity = new GeneIdentity();
  let col: Record<Column, number> | undefined;
  let lineNo = 0;
  for await (const line of readLines(path)) {
    lineNo++;
    if (line.trim() === '') continue;
    const cells = line.split('\t');
    if (!col) {
      col = columnIndex(cells, path);
      continue;
    }
    if (col.status >= 0 && cellAt(cells, col.status) !== 'Approved') continue;
    const symbol = cellAt(cells, col.symbol);
    const hgncId = cellAt(cells, col.hgnc_id);
    if (!/^HGNC:\d+$/.test(hgncId)) {
      throw new OdysseyError(
        'hgnc-invalid',
        `${path} line ${lineNo}: "hgnc_id" is "${hgncId}", expected HGNC:<number>.`,
        REINSTALL_HINT,
      );
    }
    try {
      identity.add({
        symbol,
        hgncId,
        ncbiId: cellAt(cells, col.entrez_id),
        ensemblId: cellAt(cells, col.ensembl_gene_id),
        name: cellAt(cells, col.name),
        locusGroup: cellAt(cells, col.locus_group),
        omimIds: splitHgncCell(cellAt(cells, col.omim_id)),
        previousSymbols: splitHgncCell(cellAt(cells, col.prev_symbol)),
        aliasSymbols: splitHgncCell(cellAt(cells, col.alias_symbol)),
      });
    } catch (e) {
      // add() rejects an unusable or repeated symbol; the line number makes that actionable.
      const problem = (e as Error).message;
      throw new OdysseyError(
        'hgnc-invalid',
        `${path} line ${lineNo}: ${problem}.`,
        REINSTALL_HINT,
        {
          cause: e,
        },
      );
    }
  }
  if (!col) {
    throw new OdysseyError(
      'hgnc-invalid',
      `${path} is empty: expected the HGNC complete set with a header row.`,
      REINSTALL_HINT,
    );
  }
  return identity;
}
