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
    const lists: { d: number[]; below: number[]; direct: number[]; stated: number[] }[] = Array.from({ length: nTerms }, () => ({ d: [], below: [], direct: [], stated: [] }));
    const stampD = new Int32Array(nTerms).fill(-1);
    const slot = new Int32Array(nTerms);
    this.annotationCount = new Int32Array(this.diseaseCount);
    this.terms = [];
    this.weights = [];
    kb.diseases.forEach((disease, d) => {
      const own = disease.phenotypes.map((p) => [o.indexOf(p.id), p.frequency ?? unknownFrequency] as const).filter((x): x is readonly [number, number] => x[0] !== undefined);
      this.terms.push(Int32Array.from(own, (x) => x[0]));
      this.weights.push(Float32Array.from(own, (x) => x[1]));
      this.annotationCount[d] = disease.phenotypes.length;
      for (const p of disease.phenotypes) {
        const t = o.indexOf(p.id);
        if (t === undefined) continue;
        const lf = Math.log(Math.max(0.01, p.frequency ?? unknownFrequency));
        for (const a of o.ancestorIndexes(t, true)) {
          const l = lists[a]!;
          if (stampD[a] !== d) {
            stampD[a] = d;
            slot[a] = l.d.length;
            l.d.push(d);
            l.below.push(lf);
            l.direct.push(Number.NaN);
            l.stated.push(p.frequency ?? 0);
          } else {
            if (lf > l.below[slot[a]!]!) l.below[slot[a]!] = lf;
            if ((p.frequency ?? 0) > l.stated[slot[a]!]!) l.stated[slot[a]!] = p.frequency!;
          }
          if (a === t) {
            const cur = l.direct[slot[a]!]!;
            if (Number.isNaN(cur) || lf > cur) l.direct[slot[a]!] = lf;
          }
        }
      }
    });
    this.diseases = lists.map((l) => Int32Array.from(l.d));
    this.below = lists.map((l) => Float32Array.from(l.below));
    this.direct = lists.map((l) => Float32Array.from(l.direct));
    this.stated = lists.map((l) => Float32Array.from(l.stated));
    this.maxBelow = Float32Array.from(lists.map((l) => (l.below.length ? Math.max(...l.below) : -Infinity)));
  }
}
