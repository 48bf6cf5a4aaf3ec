/** One nearest term: its best-scoring label and the cosine similarity of that label. */
export interface Neighbour {
  term: number;
  label: number;
  score: number;
}

/**
 * Brute-force nearest neighbours over unit vectors (dot product = cosine). ~45k labels × 128
 * dimensions is a few million multiply-adds per query, a couple of milliseconds: simpler and
 * exact compared with an approximate index, and fast enough (bench/run-encoder.ts measures it).
 * Results are per term: a term with several close labels appears once, with its best label.
 */
export class VectorIndex {
  readonly size: number;

  constructor(
    readonly vectors: Float32Array,
    readonly dim: number,
    /** labelTerms[i] = the term label i belongs to. */
    readonly labelTerms: Int32Array,
  ) {
    if (vectors.length !== labelTerms.length * dim) throw new Error('VectorIndex: vectors and labels disagree in length');
    this.size = labelTerms.length;
  }

  /** The k best distinct terms for a unit query vector, best first. `skip` drops labels (hold-outs). */
  search(query: Float32Array, k: number, queryOffset = 0, skip?: (label: number) => boolean): Neighbour[] {
    const { vectors, dim, labelTerms } = this;
    const q = query.subarray(queryOffset, queryOffset + dim);
    const top: Neighbour[] = [];
    let floor = -Infinity;
    const tail = dim - (dim % 4);
    for (let i = 0, base = 0; i < this.size; i++, base += dim) {
      // Four partial sums: about twice as fast as one running sum in V8.
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let j = 0;
      for (; j < tail; j += 4) {
        s0 += vectors[base + j]! * q[j]!;
        s1 += vectors[base + j + 1]! * q[j + 1]!;
        s2 += vectors[base + j + 2]! * q[j + 2]!;
        s3 += vectors[base + j + 3]! * q[j + 3]!;
      }
      for (; j < dim; j++) s0 += vectors[base + j]! * q[j]!;
      const s = s0 + s1 + s2 + s3;
      if (s <= floor) continue;
      if (skip?.(i)) continue;
      floor = offer(top, labelTerms[i]!, i, s, k, floor);
    }
    return top;
  }
  /**
   * The k best distinct terms from precomputed scores (one per label, e.g. from ONNX Runtime's
   * matrix product, which is several times faster than the loop in search()).
   */
  selectTop(scores: Float32Array, offset: number, k: number): Neighbour[] {
    const { labelTerms } = this;
    const top: Neighbour[] = [];
    let floor = -Infinity;
    for (let i = 0; i < this.size; i++) {
      const s = scores[offset + i]!;
      if (s <= floor) continue;
      floor = offer(top, labelTerms[i]!, i, s, k, floor);
    }
    return top;
  }
}

/**
 * Offers one label's score to a best-first list of at most k distinct terms (a term keeps its
 * best label); returns the score a label must now beat to enter.
 */
function offer(top: Neighbour[], term: number, label: number, score: number, k: number, floor: number): number {
  const at = top.findIndex((n) => n.term === term);
  if (at >= 0) {
    if (score <= top[at]!.score) return floor;
    top.splice(at, 1);
  }
  let p = top.length;
  while (p > 0 && top[p - 1]!.score < score) p--;
  top.splice(p, 0, { term, label, score });
  if (top.length > k) top.pop();
  return top.length === k ? top[k - 1]!.score : floor;
}
