import type { GeneIdentity } from './identity.js';

export type CandidateSourceKind = 'list' | 'panel' | 'vcf';

/** What the VCF reader saw, so a report can say how the gene set was derived. */
export interface VcfSourceStats {
  records: number;
  /** Records left out because FILTER was neither PASS nor '.'. */
  filteredOut: number;
  annotations: ('CSQ' | 'ANN' | 'GENEINFO')[];
}

export interface CandidateSource {
  kind: CandidateSourceKind;
  path?: string;
  /** SHA-256 of the file bytes as stored. */
  sha256?: string;
  /** Distinct gene names read from the source (case-insensitive), before resolution. */
  inputCount: number;
  vcf?: VcfSourceStats;
}

export interface CandidateSet {
  /** Approved symbols, deduplicated, in the order the source first mentions them. */
  genes: string[];
  warnings: string[];
  source: CandidateSource;
}

/** Resolves raw gene names into a candidate set; `notes` are source-level warnings listed first. */
export function buildCandidateSet(
  identity: GeneIdentity,
  names: readonly string[],
  source: Omit<CandidateSource, 'inputCount'>,
  notes: readonly string[] = [],
): CandidateSet {
  const distinct = new Set(names.map((n) => n.trim().toUpperCase()).filter((n) => n !== ''));
  const resolved = identity.resolveMany(names);
  return {
    genes: resolved.symbols,
    warnings: [...notes, ...resolved.warnings],
    source: { ...source, inputCount: distinct.size },
  };
}
