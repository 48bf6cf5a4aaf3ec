import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { PhenotypeScorer, type ScoringParams } from './phenotype-scorer.js';
import type { PreparedQuery, Ranker, RankerInfo, Scores } from './types.js';
import { diseaseOnsetSpans, onsetConflicts, onsetRange } from './onset.js';

export interface PhenotypeRankerConfig {
  name: string;
  version: string;
  description: string;
  scoring: ScoringParams;
  /**
   * A disease shared by n genes gives each of them its score minus geneShare·ln(n): with
   * geneShare 1 this is P(gene | disease) = 1/n, so a broad disease grouping dozens of genes
   * does not lift them all to the top in a tie.
   */
  geneShare: number;
  /** Subtracted from diseases whose annotated onset grossly contradicts the patient's onset. */
  onsetPenalty: number;
}

/**
 * Odyssey's knowledge ranker. Parameters are global (never per gene, disease or case); they were
 * chosen on the phenopacket-store dev cases and their effect is documented in bench/RESULTS.md.
 */
export const KNOWLEDGE_RANKER: PhenotypeRankerConfig = {
  name: 'knowledge',
  version: '2',
  description: 'Frequency-aware Resnik likelihood score with partial-match, NOT-annotation, annotation-volume and onset corrections, re-ranked by how well the disease profile is reflected in the patient; gene score from its diseases shared by gene count',
  scoring: {
    unknownFrequency: 0.3,
    frequencyWeight: 0.3,
    partialPenalty: 1.5,
    floor: 1,
    exclusionStrength: 0,
    negationPenalty: 2,
    sizePenalty: 0.25,
    reverseWeight: 0.5,
    reverseDepth: 300,
  },
  geneShare: 1,
  onsetPenalty: 1,
};

/** The plain reference: Resnik best-match average, patient → disease, gene = best disease. */
export const RESNIK_RANKER: PhenotypeRankerConfig = {
  name: 'resnik',
  version: '1',
  description: 'Reference: plain Resnik best-match average (patient → disease); gene score = best disease',
  scoring: {
    unknownFrequency: 1,
    frequencyWeight: 0,
    partialPenalty: 0,
    floor: 0,
    exclusionStrength: 0,
    negationPenalty: 0,
    sizePenalty: 0,
  },
  geneShare: 0,
  onsetPenalty: 0,
};

export class PhenotypeRanker implements Ranker {
  readonly info: RankerInfo;
  readonly scorer: PhenotypeScorer;
  readonly explanationParams: ScoringParams;
  private readonly geneDiseases: Int32Array[];
  private readonly diseaseShare: Float64Array;
  private readonly onsetSpans: ([number, number] | undefined)[];

  constructor(
    readonly kb: KnowledgeBase,
    readonly config: PhenotypeRankerConfig,
  ) {
    this.info = { name: config.name, version: config.version, description: config.description, params: { ...config.scoring, geneShare: config.geneShare, onsetPenalty: config.onsetPenalty } };
    this.scorer = new PhenotypeScorer(kb, config.scoring);
    this.explanationParams = config.scoring;
    this.geneDiseases = kb.genes.map((g) => Int32Array.from(g.diseases.map((d) => kb.diseaseIndex(d)!)));
    this.diseaseShare = Float64Array.from(kb.diseases, (d) => config.geneShare * Math.log(Math.max(1, d.genes.length)));
    this.onsetSpans = config.onsetPenalty ? diseaseOnsetSpans(kb) : [];
  }

  /** True when disease d's annotated onset grossly contradicts the patient's. */
  onsetConflict(query: PreparedQuery, d: number): boolean {
    const onset = this.patientOnset(query);
    const span = (this.onsetSpans.length ? this.onsetSpans : diseaseOnsetSpans(this.kb))[d];
    return Boolean(onset && span && onsetConflicts(span, onset));
  }

  private patientOnset(query: PreparedQuery): [number, number] | undefined {
    if (query.onsetYears !== undefined) return [query.onsetYears, query.onsetYears];
    return query.onsetTerm ? onsetRange(this.kb.hpo.ontology, query.onsetTerm) : undefined;
  }

  async score(query: PreparedQuery): Promise<Scores> {
    return this.scoreNow(query);
  }

  /** The same scores synchronously: the knowledge ranker does no I/O. */
  scoreNow(query: PreparedQuery): Scores {
    let mask: Uint8Array | undefined;
    if (query.candidateGenes) {
      mask = new Uint8Array(this.kb.diseases.length);
      for (const g of query.candidateGenes) for (const d of this.geneDiseases[g]!) mask[d] = 1;
    }
    const diseases = this.scorer.score({ observed: query.observed, excluded: query.excluded, ...(mask ? { mask } : {}) });
    const onset = this.config.onsetPenalty ? this.patientOnset(query) : undefined;
    if (onset) {
      this.onsetSpans.forEach((span, d) => {
        if (span && onsetConflicts(span, onset)) diseases[d] = diseases[d]! - this.config.onsetPenalty;
      });
    }
    const n = this.kb.genes.length;
    const genes = new Float64Array(n).fill(-Infinity);
    const geneBestDisease = new Int32Array(n).fill(-1);
    const which = query.candidateGenes ?? Array.from({ length: n }, (_, i) => i);
    for (const g of which) {
      let best = -Infinity;
      let bestD = -1;
      for (const d of this.geneDiseases[g]!) {
        const v = diseases[d]! - this.diseaseShare[d]!;
        if (v > best) [best, bestD] = [v, d];
      }
      genes[g] = best;
      geneBestDisease[g] = bestD;
    }
    return { diseases, genes, geneBestDisease };
  }
}
