import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import { explainDisease } from '../../genes/ranking/explain.js';
import type { PhenotypeRanker } from '../../genes/ranking/phenotype-ranker.js';
import type { PreparedQuery, Scores } from '../../genes/ranking/types.js';

/**
 * Features of a (case, gene) pair for the learning-to-rank model, all computed from the
 * knowledge base. Excluded-term conflicts are deliberately left out: in the phenopacket-store
 * training cases curators record as excluded the features of the true disease, so a model would
 * learn that curation habit rather than medicine (see bench/RESULTS.md, issue 3).
 */
export const FEATURE_NAMES = [
  'knowledge_score',
  'knowledge_margin_to_best',
  'resnik_mean_ic',
  'resnik_margin_to_best',
  'knowledge_reciprocal_rank',
  'resnik_reciprocal_rank',
  'log_disease_annotations',
  'log_disease_genes',
  'matched_fraction',
  'max_matched_ic',
  'mean_contribution',
  'log_observed_terms',
  'reverse_similarity',
  'onset_conflict',
  'negated_conflict_fraction',
  'disease_is_omim',
  'knowledge_gap_to_median',
  'second_disease_margin',
  'log_gene_diseases',
  'log_close_diseases',
  'frequency_weighted_matched_ic',
  'category_coverage',
  'category_jaccard',
] as const;
export const FEATURE_COUNT = FEATURE_NAMES.length;

export interface CandidateFeatures {
  /** Gene indexes, in the knowledge ranker's order. */
  genes: number[];
  /** Row-major [genes.length × FEATURE_COUNT]. */
  x: Float32Array;
}

/** Some columns, in the given order, of row-major features [rows × width]. */
export function selectColumns(x: Float32Array, rows: number, columns: readonly number[], width: number = FEATURE_COUNT): Float32Array {
  if (columns.length === width && columns.every((c, i) => c === i)) return x;
  const out = new Float32Array(rows * columns.length);
  for (let r = 0; r < rows; r++) columns.forEach((c, j) => (out[r * columns.length + j] = x[r * width + c]!));
  return out;
}

function popcount(v: number): number {
  let c = 0;
  for (let x = v >>> 0; x; x &= x - 1) c++;
  return c;
}

function median(values: number[]): number {
  const s = values.slice().sort((a, b) => a - b);
  return s.length ? s[s.length >> 1]! : 0;
}

/** How the gene's other diseases score: the margin of its second best to its best, and how many come close. */
function otherDiseases(kb: KnowledgeBase, gene: number, best: number, scores: Float64Array): { secondMargin: number; close: number } {
  const top = scores[best]!;
  let second = -Infinity;
  let close = 0;
  for (const id of kb.genes[gene]!.diseases) {
    const d = kb.diseaseIndex(id);
    if (d === undefined || d === best) continue;
    const v = scores[d]!;
    if (v > second) second = v;
    if (v >= top - 2) close++;
  }
  // Genes with one disease get the same value as a far-behind second disease.
  return { secondMargin: Math.max(-10, second - top), close };
}

function reciprocalRanks(genes: readonly number[], scores: Float64Array): Map<number, number> {
  const sorted = genes.slice().sort((a, b) => scores[b]! - scores[a]!);
  const out = new Map<number, number>();
  sorted.forEach((g, k) => out.set(g, 1 / (k + 1)));
  return out;
}

/** The top `k` genes by the knowledge score and their features. */
export function candidateFeatures(
  kb: KnowledgeBase,
  knowledge: PhenotypeRanker,
  query: PreparedQuery,
  kScores: Scores,
  rScores: Scores,
  k: number,
): CandidateFeatures {
  const pool = query.candidateGenes ?? Array.from({ length: kb.genes.length }, (_, i) => i);
  const finite = pool.filter((g) => kScores.genes[g]! > -Infinity);
  const genes = finite.sort((a, b) => kScores.genes[b]! - kScores.genes[a]! || a - b).slice(0, k);
  const n = query.observed.length;
  const bestK = kScores.genes[genes[0]!] ?? 0;
  let bestR = -Infinity;
  for (const g of genes) bestR = Math.max(bestR, rScores.genes[g]!);
  const kMedian = median(genes.map((g) => kScores.genes[g]!));
  const o = kb.hpo.ontology;
  const termMasks = query.observed.map((t) => o.categoryMask(t));
  const patientMask = termMasks.reduce((a, b) => a | b, 0);
  const kRank = reciprocalRanks(genes, kScores.genes);
  const rRank = reciprocalRanks(genes, rScores.genes);
  const x = new Float32Array(genes.length * FEATURE_COUNT);
  genes.forEach((g, row) => {
    const d = kScores.geneBestDisease[g]!;
    const disease = kb.diseases[d]!;
    const e = explainDisease(kb, disease, query, knowledge.explanationParams);
    const contributions = e.matches.map((m) => m.contribution);
    const others = otherDiseases(kb, g, d, kScores.diseases);
    let diseaseMask = 0;
    for (const p of disease.phenotypes) {
      const t = o.indexOf(p.id);
      if (t !== undefined) diseaseMask |= o.categoryMask(t);
    }
    const covered = termMasks.filter((m) => (m & diseaseMask) !== 0).length;
    const union = popcount(patientMask | diseaseMask);
    const f = [
      kScores.genes[g]!,
      kScores.genes[g]! - bestK,
      rScores.genes[g]! / n,
      (rScores.genes[g]! - bestR) / n,
      kRank.get(g)!,
      rRank.get(g)!,
      Math.log(1 + disease.phenotypes.length),
      Math.log(Math.max(1, disease.genes.length)),
      e.matches.length / n,
      e.matches.reduce((m, x) => Math.max(m, x.commonAncestor?.ic ?? 0), 0),
      contributions.length ? contributions.reduce((a, b) => a + b, 0) / n : 0,
      Math.log(n),
      knowledge.scorer.reverseSimilarity(query.observed, d),
      knowledge.onsetConflict(query, d) ? 1 : 0,
      e.negatedConflicts.length / n,
      disease.id.startsWith('OMIM:') ? 1 : 0,
      kScores.genes[g]! - kMedian,
      others.secondMargin,
      Math.log(Math.max(1, kb.genes[g]!.diseases.length)),
      Math.log(1 + others.close),
      e.matches.reduce((a, m) => a + (m.commonAncestor?.ic ?? 0) * (m.diseaseTerm?.frequency ?? 0.5), 0) / n,
      covered / n,
      union ? popcount(patientMask & diseaseMask) / union : 0,
    ];
    x.set(f, row * FEATURE_COUNT);
  });
  return { genes, x };
}
