import { z } from 'zod';
import { OdysseyError } from '../errors.js';
import type { GeneInfo, GeneRecord } from './identity.js';

// Column order of the serialised form; lists are '|'-joined and absent values are '', which
// keeps the cache for the full HGNC set to a few megabytes of flat arrays.
const COLUMNS = [
  'symbol',
  'hgncId',
  'ncbiId',
  'ensemblId',
  'name',
  'locusGroup',
  'omimIds',
  'previousSymbols',
  'aliasSymbols',
] as const;

export interface GeneIdentityJson {
  format: 'odyssey.gene-identity';
  version: 1;
  columns: string[];
  genes: string[][];
}

const EnvelopeSchema = z.object({
  format: z.literal('odyssey.gene-identity'),
  version: z.literal(1),
  columns: z.array(z.string()),
  // Rows are checked by hand: a schema per row costs more than the rest of the load.
  genes: z.array(z.unknown()),
});

/** The error for a cache that is not what `genesToJson` wrote. */
export function damagedCache(detail: string, cause?: unknown): OdysseyError {
  return new OdysseyError(
    'gene-identity-invalid',
    `The stored gene identity table is damaged: ${detail}.`,
    'Delete the knowledge-base cache so it is rebuilt from the HGNC file.',
    cause === undefined ? undefined : { cause },
  );
}

export function genesToJson(genes: readonly GeneInfo[]): GeneIdentityJson {
  const opt = (s: string | undefined): string => s ?? '';
  return {
    format: 'odyssey.gene-identity',
    version: 1,
    columns: [...COLUMNS],
    genes: genes.map((g) => [
      g.symbol,
      opt(g.hgncId),
      opt(g.ncbiId),
      opt(g.ensemblId),
      opt(g.name),
      opt(g.locusGroup),
      g.omimIds.join('|'),
      g.previousSymbols.join('|'),
      g.aliasSymbols.join('|'),
    ]),
  };
}

function isStringRow(row: unknown): row is string[] {
  return (
    Array.isArray(row) && row.length === COLUMNS.length && row.every((c) => typeof c === 'string')
  );
}

const list = (s: string): string[] => (s === '' ? [] : s.split('|'));

/** Gene records from `genesToJson` output, in order; anything else is a damaged cache. */
export function genesFromJson(json: unknown): GeneRecord[] {
  const parsed = EnvelopeSchema.safeParse(json);
  if (!parsed.success || parsed.data.columns.join(',') !== COLUMNS.join(',')) {
    throw damagedCache('it is not in the odyssey.gene-identity version 1 format');
  }
  return parsed.data.genes.map((row, i) => {
    if (!isStringRow(row))
      throw damagedCache(`entry ${i} is not a row of ${COLUMNS.length} strings`);
    const [
      symbol = '',
      hgncId,
      ncbiId,
      ensemblId,
      name,
      locusGroup,
      omim = '',
      prev = '',
      alias = '',
    ] = row;
    return {
      symbol,
      hgncId,
      ncbiId,
      ensemblId,
      name,
      locusGroup,
      omimIds: list(omim),
      previousSymbols: list(prev),
      aliasSymbols: list(alias),
    };
  });
}
