import type { Features } from '../../core/hpo/encoder/featurise.js';

/**
 * The embedding bag both models start with, in plain TypeScript for training: the weighted sum
 * of the table rows a phrase's features hash to. The ONNX graphs compute the same sum with
 * Gather → Mul → ReduceSum, so the exported model reproduces these numbers.
 */
export function bagSum(table: Float32Array, dim: number, f: Features, out: Float32Array, outOffset: number): void {
  out.fill(0, outOffset, outOffset + dim);
  for (let j = 0; j < f.ids.length; j++) {
    const base = f.ids[j]! * dim;
    const w = f.weights[j]!;
    for (let k = 0; k < dim; k++) out[outOffset + k]! += w * table[base + k]!;
  }
}

/** Feature dropout for training: each feature is kept with probability `keep` (at least one stays). */
export function dropFeatures(f: Features, keep: number, random: () => number): Features {
  if (keep >= 1 || f.ids.length <= 1) return f;
  const ids: number[] = [];
  const weights: number[] = [];
  for (let j = 0; j < f.ids.length; j++) {
    if (random() < keep) {
      ids.push(f.ids[j]!);
      weights.push(f.weights[j]!);
    }
  }
  if (ids.length === 0) {
    const j = Math.floor(random() * f.ids.length);
    return { ids: Int32Array.of(f.ids[j]!), weights: Float32Array.of(f.weights[j]!) };
  }
  return { ids: Int32Array.from(ids), weights: Float32Array.from(weights) };
}

/** Scales a vector to unit length in place; returns the length it had (0 stays 0). */
export function normaliseInPlace(v: Float32Array, offset: number, dim: number): number {
  let n = 0;
  for (let k = 0; k < dim; k++) n += v[offset + k]! * v[offset + k]!;
  n = Math.sqrt(n);
  const inv = n > 1e-12 ? 1 / n : 0;
  for (let k = 0; k < dim; k++) v[offset + k]! *= inv;
  return n;
}
