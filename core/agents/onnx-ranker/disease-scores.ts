/**
 * The ONNX ranker's verdict on genes, carried down to diseases. The model re-orders genes, but a
 * differential is a list of diseases: each disease's knowledge score is shifted by how far the
 * model lifts or lowers its gene within the re-ordered list (centred on the list's mean), so a
 * disease of a gene the model favours rises, and a gene's own diseases keep their knowledge order.
 * Genes outside the list take the list's lowest shift. One global weight, fitted out of fold by
 * models/ranker/tune-disease-weight.ts (bench/RESULTS.md, issue 7).
 */
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';

/** Knowledge-base gene indexes of each disease, built once per knowledge base. */
export function diseaseGeneIndex(kb: KnowledgeBase): Int32Array[] {
  return kb.diseases.map((d) => Int32Array.from(d.genes.flatMap((s) => kb.geneIndex(s) ?? [])));
}

export interface GeneVerdict {
  /** Genes the model scored (knowledge-base indexes). */
  genes: readonly number[];
  /** The model's score of each, same order. */
  scores: ArrayLike<number>;
}

export function shiftDiseaseScores(knowledge: Float64Array, diseaseGenes: readonly Int32Array[], verdict: GeneVerdict, weight: number): Float64Array {
  const out = Float64Array.from(knowledge);
  const n = verdict.genes.length;
  if (!n || weight === 0) return out;
  let mean = 0;
  let lo = Infinity;
  for (let i = 0; i < n; i++) {
    mean += verdict.scores[i]! / n;
    lo = Math.min(lo, verdict.scores[i]!);
  }
  const shift = new Map<number, number>();
  verdict.genes.forEach((g, i) => shift.set(g, verdict.scores[i]! - mean));
  const floor = lo - mean;
  for (let d = 0; d < out.length; d++) {
    if (!(out[d]! > -Infinity)) continue;
    let best = -Infinity;
    for (const g of diseaseGenes[d]!) best = Math.max(best, shift.get(g) ?? floor);
    out[d] = out[d]! + weight * (best > -Infinity ? best : floor);
  }
  return out;
}
