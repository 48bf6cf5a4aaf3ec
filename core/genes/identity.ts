import {
  damagedCache,
  genesFromJson,
  genesToJson,
  type GeneIdentityJson,
} from './identity-json.js';

export type { GeneIdentityJson } from './identity-json.js';

/** One gene as the identity table knows it; `symbol` is its approved (or, for extras, NCBI) symbol. */
export interface GeneRecord {
  symbol: string;
  hgncId?: string; // "HGNC:11998"
  ncbiId?: string; // "7157"
  ensemblId?: string; // "ENSG00000141510"
  name?: string;
  locusGroup?: string;
  omimIds?: readonly string[];
  previousSymbols?: readonly string[];
  aliasSymbols?: readonly string[];
}

export interface GeneInfo {
  readonly symbol: string;
  readonly hgncId?: string;
  readonly ncbiId?: string;
  readonly ensemblId?: string;
  readonly name?: string;
  readonly locusGroup?: string;
  readonly omimIds: readonly string[];
  readonly previousSymbols: readonly string[];
  readonly aliasSymbols: readonly string[];
}

/** The mutable form kept inside the table; callers only ever see it as GeneInfo. */
interface StoredGene {
  symbol: string;
  hgncId?: string;
  ncbiId?: string;
  ensemblId?: string;
  name?: string;
  locusGroup?: string;
  omimIds: readonly string[];
  previousSymbols: readonly string[];
  aliasSymbols: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

export type GeneResolutionStatus =
  'approved' | 'alias' | 'previous' | 'id' | 'ambiguous' | 'unknown';
export type GeneIdKind = 'ncbi' | 'hgnc' | 'ensembl';

export interface GeneResolution {
  input: string;
  status: GeneResolutionStatus;
  symbol?: string;
  candidates?: string[];
  hgncId?: string;
  ncbiId?: string;
  /** Set when the input was read as an identifier rather than a symbol. */
  idKind?: GeneIdKind;
}

export interface ResolvedGenes {
  symbols: string[];
  warnings: string[];
  unresolved: GeneResolution[];
}

const NCBI_ID = /^(?:ncbigene:)?(\d+)$/i;
const HGNC_ID = /^hgnc:(\d+)$/i;
const ENSEMBL_ID = /^(ENSG\d+)(?:\.\d+)?$/i;

const ID_LABEL: Record<GeneIdKind, string> = {
  ncbi: 'NCBI Gene id',
  hgnc: 'HGNC id',
  ensembl: 'Ensembl gene id',
};

/**
 * A symbol we can hand back as a gene's key. "-" (which NCBI uses for unnamed records), blanks,
 * bare numbers and id-shaped strings would either collide or be misread as identifiers.
 */
function isUsableSymbol(symbol: string): boolean {
  const s = symbol.trim();
  return isKeySymbol(s) && !NCBI_ID.test(s) && !HGNC_ID.test(s) && !ENSEMBL_ID.test(s);
}

/** A string that can key a gene: the "NCBIGene:<id>" keys addKnown makes qualify, "-" does not. */
function isKeySymbol(s: string): boolean {
  return s !== '' && s !== '-' && !/[\s,;]/.test(s);
}

const key = (s: string): string => s.trim().toUpperCase();

/** `{ [name]: value }` for a non-empty value, else `{}`, so absent fields stay absent. */
function optional<K extends string>(name: K, value: string | undefined): { [P in K]?: string } {
  return value ? ({ [name]: value } as { [P in K]?: string }) : {};
}

/**
 * Name → gene index(es). Almost every name belongs to one gene, so a lone index is stored bare;
 * allocating an array per name made loading the full HGNC set several times slower.
 */
type IndexMap = Map<string, number | number[]>;

function pushIndex(map: IndexMap, k: string, index: number): void {
  const found = map.get(k);
  if (found === undefined) map.set(k, index);
  else if (typeof found === 'number') {
    if (found !== index) map.set(k, [found, index]);
  } else if (!found.includes(index)) found.push(index);
}

const asList = (found: number | number[] | undefined): readonly number[] | undefined =>
  typeof found === 'number' ? [found] : found;

/**
 * Maps whatever a clinician or a file calls a gene onto one approved symbol. Lookups are
 * case-insensitive; an approved symbol beats a previous symbol, which beats an alias, and a name
 * shared by several genes at the winning tier is reported as ambiguous instead of guessed.
 */
export class GeneIdentity {
  private readonly genes: StoredGene[] = [];
  private readonly approved = new Map<string, number>();
  private readonly previous: IndexMap = new Map();
  private readonly alias: IndexMap = new Map();
  private readonly ids: Record<GeneIdKind, IndexMap> = {
    ncbi: new Map(),
    hgnc: new Map(),
    ensembl: new Map(),
  };

  constructor(records: Iterable<GeneRecord> = []) {
    for (const r of records) this.add(r);
  }

  get size(): number {
    return this.genes.length;
  }

  /** Adds a gene; throws when its symbol is unusable or already an approved symbol. */
  add(record: GeneRecord): void {
    const symbol = record.symbol.trim();
    if (!isKeySymbol(symbol)) {
      throw new Error(
        `gene symbol "${symbol}" is empty, "-" or contains a space, comma or semicolon`,
      );
    }
    const symbolKey = key(symbol);
    if (this.approved.has(symbolKey)) throw new Error(`approved symbol "${symbol}" appears twice`);
    const index = this.genes.length;
    const gene: StoredGene = {
      symbol,
      // Lists are shared with the caller, not copied: the table never mutates them in place.
      omimIds: record.omimIds ?? NONE,
      previousSymbols: record.previousSymbols ?? NONE,
      aliasSymbols: record.aliasSymbols ?? NONE,
    };
    // Absent fields stay absent (not `undefined`) so resolutions and JSON compare cleanly.
    if (record.hgncId) gene.hgncId = record.hgncId;
    if (record.ncbiId) gene.ncbiId = record.ncbiId;
    if (record.ensemblId) gene.ensemblId = record.ensemblId;
    if (record.name) gene.name = record.name;
    if (record.locusGroup) gene.locusGroup = record.locusGroup;
    this.genes.push(gene);
    this.approved.set(symbolKey, index);
    for (const p of gene.previousSymbols) pushIndex(this.previous, key(p), index);
    for (const a of gene.aliasSymbols) pushIndex(this.alias, key(a), index);
    if (gene.ncbiId) pushIndex(this.ids.ncbi, gene.ncbiId, index);
    const hgncNumber = gene.hgncId ? HGNC_ID.exec(gene.hgncId)?.[1] : undefined;
    if (hgncNumber) pushIndex(this.ids.hgnc, hgncNumber, index);
    if (gene.ensemblId) pushIndex(this.ids.ensembl, key(gene.ensemblId), index);
  }

  /**
   * Registers a gene another source (e.g. the HPO annotations) knows by NCBI id and symbol, and
   * returns the symbol it resolves to. A known id keeps its approved symbol and gains `symbol` as
   * an alias (those sources are often newer than the HGNC release). An unknown id becomes a gene
   * of its own; when its symbol is unusable ("-") or taken, it is keyed as "NCBIGene:<id>".
   */
  addKnown(symbol: string, ncbiId: string | number): string {
    const id = String(ncbiId)
      .trim()
      .replace(/^ncbigene:/i, '');
    if (!/^\d+$/.test(id)) throw new Error(`Not an NCBI Gene id: "${ncbiId}"`);
    const existing = this.ids.ncbi.get(id);
    const s = symbol.trim();
    if (typeof existing === 'number') {
      const index = existing;
      const gene = this.genes[index] as StoredGene;
      const names = [gene.symbol, ...gene.previousSymbols, ...gene.aliasSymbols].map(key);
      if (isUsableSymbol(s) && !names.includes(key(s))) {
        gene.aliasSymbols = [...gene.aliasSymbols, s];
        pushIndex(this.alias, key(s), index);
      }
      return gene.symbol;
    }
    if (existing) throw new Error(`NCBI Gene id ${id} already belongs to several genes`);
    const own = isUsableSymbol(s) && !this.approved.has(key(s)) ? s : `NCBIGene:${id}`;
    this.add({ symbol: own, ncbiId: id });
    return own;
  }

  /** Every gene in the table, in the order added. */
  all(): readonly GeneInfo[] {
    return this.genes;
  }

  /** The gene whose approved symbol is `symbol` (case-insensitive), if any. */
  info(symbol: string): GeneInfo | undefined {
    const index = this.approved.get(key(symbol));
    return index === undefined ? undefined : this.genes[index];
  }

  resolve(input: string): GeneResolution {
    const text = input.trim();
    if (text === '') return { input: text, status: 'unknown' };
    const idMatch = this.matchId(text);
    if (idMatch) {
      const [kind, idKey] = idMatch;
      return this.fromIndices(text, asList(this.ids[kind].get(idKey)), 'id', kind);
    }
    const k = key(text);
    const approved = this.approved.get(k);
    if (approved !== undefined) return this.fromIndices(text, [approved], 'approved');
    const previous = this.previous.get(k);
    if (previous !== undefined) return this.fromIndices(text, asList(previous), 'previous');
    return this.fromIndices(text, asList(this.alias.get(k)), 'alias');
  }

  /**
   * Resolves a batch, keeping the first occurrence of each gene in input order and one
   * readable warning per distinct unknown or ambiguous input.
   */
  resolveMany(inputs: Iterable<string>): ResolvedGenes {
    const symbols: string[] = [];
    const seenSymbols = new Set<string>();
    const seenInputs = new Set<string>();
    const warnings: string[] = [];
    const unresolved: GeneResolution[] = [];
    for (const input of inputs) {
      const k = key(input);
      if (k === '' || seenInputs.has(k)) continue;
      seenInputs.add(k);
      const r = this.resolve(input);
      if (r.symbol !== undefined) {
        if (!seenSymbols.has(r.symbol)) {
          seenSymbols.add(r.symbol);
          symbols.push(r.symbol);
        }
      } else {
        unresolved.push(r);
        warnings.push(describeUnresolved(r));
      }
    }
    return { symbols, warnings, unresolved };
  }

  toJSON(): GeneIdentityJson {
    return genesToJson(this.genes);
  }

  /** Rebuilds a table from `toJSON()` output; anything else is rejected as a damaged cache. */
  static fromJSON(json: unknown): GeneIdentity {
    const identity = new GeneIdentity();
    genesFromJson(json).forEach((record, i) => {
      try {
        identity.add(record);
      } catch (e) {
        throw damagedCache(`entry ${i}: ${(e as Error).message}`, e);
      }
    });
    return identity;
  }

  private matchId(text: string): [GeneIdKind, string] | undefined {
    const ncbi = NCBI_ID.exec(text);
    if (ncbi?.[1]) return ['ncbi', ncbi[1]];
    const hgnc = HGNC_ID.exec(text);
    if (hgnc?.[1]) return ['hgnc', hgnc[1]];
    const ensembl = ENSEMBL_ID.exec(text);
    if (ensembl?.[1]) return ['ensembl', ensembl[1].toUpperCase()];
    return undefined;
  }

  private fromIndices(
    input: string,
    indices: readonly number[] | undefined,
    status: 'approved' | 'previous' | 'alias' | 'id',
    idKind?: GeneIdKind,
  ): GeneResolution {
    const base = idKind ? { input, idKind } : { input };
    if (!indices || indices.length === 0) return { ...base, status: 'unknown' };
    if (indices.length > 1) {
      const candidates = indices.map((i) => (this.genes[i] as StoredGene).symbol).sort();
      return { ...base, status: 'ambiguous', candidates };
    }
    const gene = this.genes[indices[0] as number] as StoredGene;
    return {
      ...base,
      status,
      symbol: gene.symbol,
      ...optional('hgncId', gene.hgncId),
      ...optional('ncbiId', gene.ncbiId),
    };
  }
}

/** One line a person can act on for an input that did not resolve to a single gene. */
export function describeUnresolved(r: GeneResolution): string {
  if (r.status === 'ambiguous') {
    const what = r.idKind ? ID_LABEL[r.idKind] : 'gene symbol';
    const fix = r.idKind
      ? 'use the approved symbol of the gene you mean'
      : 'use the approved symbol';
    return `Ambiguous ${what} "${r.input}": could be ${(r.candidates ?? []).join(', ')}; ${fix}`;
  }
  if (r.idKind) {
    return `Unknown ${ID_LABEL[r.idKind]} "${r.input}" — not in the HGNC gene set; check the id, or give the gene symbol instead`;
  }
  return `Unknown gene symbol "${r.input}" — not an HGNC approved, previous or alias symbol; check the spelling`;
}
