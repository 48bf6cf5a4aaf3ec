import type { KnowledgeBase } from '../kb/knowledge-base.js';

/**
 * Inverted index from HPO terms to the diseases whose annotations reach them. For term a and
 * disease d it keeps the best log-frequency of d's annotations at or below a (`below`), and
 * the log-frequency of a itself when d annotates a directly (`direct`, NaN otherwise). With it
 * a patient term is scored against every disease by walking only the term's own ancestors,
 * instead of comparing term pairs: the best match for a patient term p is the most informative
 * ancestor of p that the disease reaches.
 */
export class PhenotypeIndex {
  readonly diseaseCount: number;
  /** Per term index: disease indexes, and the two log-frequencies per posting. */
  readonly diseases: Int32Array[];
  readonly below: Float32Array[];
  readonly direct: Float32Array[];
  /** Highest frequency *stated* by the disease's annotations at or below the term (0 if none). */
  readonly stated: Float32Array[];
  /** Per term: the largest `below` value, to skip a whole posting list that cannot win. */
  readonly maxBelow: Float32Array;
  /** Per disease: number of phenotype annotations. */
  readonly annotationCount: Int32Array;
  /** Per disease: its annotated term indexes and their frequencies (unknown ones defaulted). */
  readonly terms: Int32Array[];
  readonly weights: Float32Array[];

  constructor(
    readonly kb: KnowledgeBase,
    readonly unknownFrequency: number,
  ) {
    const o = kb.hpo.ontology;
    const nTerms = o.size;
    this.diseaseCount = kb.diseases.length;
    this.annotationCount = new Int32Array(this.diseaseCount);
    this.terms = [];
    this.weights = [];
    // Annotations as (term, log-frequency, stated frequency) per disease, resolved once.
    const own = kb.diseases.map((disease, d) => {
      const rows = disease.phenotypes
        .map((p) => ({ t: o.indexOf(p.id), f: p.frequency }))
        .filter((x): x is { t: number; f: number | undefined } => x.t !== undefined);
      this.annotationCount[d] = disease.phenotypes.length;
      this.terms.push(Int32Array.from(rows, (x) => x.t));
      this.weights.push(Float32Array.from(rows, (x) => x.f ?? unknownFrequency));
      return rows;
    });
    // Two passes over (disease, ancestor) pairs into flat typed arrays (CSR layout): first count
    // the postings per term, then fill them. Growing ~20k JS arrays instead was several times slower.
    const stamp = new Int32Array(nTerms).fill(-1);
    const count = new Int32Array(nTerms + 1);
    own.forEach((rows, d) => {
      for (const { t } of rows) {
        for (const a of o.ancestorIndexes(t, true)) {
          if (stamp[a] !== d) {
            stamp[a] = d;
            count[a + 1]!++;
          }
        }
      }
    });
    const offset = new Int32Array(nTerms + 1);
    for (let a = 0; a < nTerms; a++) offset[a + 1] = offset[a]! + count[a + 1]!;
    const total = offset[nTerms]!;
    const dFlat = new Int32Array(total);
    const belowFlat = new Float32Array(total).fill(-Infinity);
    const directFlat = new Float32Array(total).fill(Number.NaN);
    const statedFlat = new Float32Array(total);
    const cursor = Int32Array.from(offset.subarray(0, nTerms));
    const slot = new Int32Array(nTerms);
    stamp.fill(-1);
    own.forEach((rows, d) => {
      for (const { t, f } of rows) {
        const lf = Math.log(Math.max(0.01, f ?? unknownFrequency));
        const stated = f ?? 0;
        for (const a of o.ancestorIndexes(t, true)) {
          if (stamp[a] !== d) {
            stamp[a] = d;
            slot[a] = cursor[a]!++;
            dFlat[slot[a]!] = d;
          }
          const k = slot[a]!;
          if (lf > belowFlat[k]!) belowFlat[k] = lf;
          if (stated > statedFlat[k]!) statedFlat[k] = stated;
          if (a === t && !(directFlat[k]! >= lf)) directFlat[k] = lf;
        }
      }
    });
    const view = <T extends Int32Array | Float32Array>(flat: T, a: number): T => flat.subarray(offset[a]!, offset[a + 1]!) as T;
    this.diseases = Array.from({ length: nTerms }, (_, a) => view(dFlat, a));
    this.below = Array.from({ length: nTerms }, (_, a) => view(belowFlat, a));
    this.direct = Array.from({ length: nTerms }, (_, a) => view(directFlat, a));
    this.stated = Array.from({ length: nTerms }, (_, a) => view(statedFlat, a));
    this.maxBelow = Float32Array.from(this.below, (b) => (b.length ? b.reduce((m, x) => (x > m ? x : m), -Infinity) : -Infinity));
  }
}
