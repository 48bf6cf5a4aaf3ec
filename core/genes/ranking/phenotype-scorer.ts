import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { PhenotypeIndex } from './phenotype-index.js';

/**
 * The few global parameters of the phenotype score. They are set once for all genes and
 * diseases (never per gene or per case) and documented in bench/RESULTS.md.
 */
export interface ScoringParams {
  /** Frequency assumed for annotations that state none. */
  unknownFrequency: number;
  /** Weight of log(frequency) next to information content (0 ignores frequencies). */
  frequencyWeight: number;
  /** Discount for a match through a common ancestor that subsumes neither term. */
  partialPenalty: number;
  /** A patient term contributes max(floor, best match): the worst a finding can count. */
  floor: number;
  /** How strongly an excluded finding argues against a disease that has it: log(1 - k·f). */
  exclusionStrength: number;
  /** Penalty when an observed finding is annotated NOT present in the disease. */
  negationPenalty: number;
  /** Penalty per log annotation count, so diseases do not win by the volume of their annotations. */
  sizePenalty: number;
  /**
   * Weight of the reverse direction (disease → patient): how well the disease's own annotations,
   * weighted by frequency, are reflected in the patient. Applied to the best `reverseDepth`
   * diseases of the forward pass, since it only reorders plausible candidates.
   */
  reverseWeight?: number;
  reverseDepth?: number;
}

export interface ScoreInput {
  /** Term indexes of observed phenotypic abnormalities (resolved, deduplicated). */
  observed: readonly number[];
  /** Term indexes of excluded phenotypic abnormalities. */
  excluded: readonly number[];
  /** When given, only diseases with mask[d] = 1 are scored; others stay at -Infinity. */
  mask?: Uint8Array;
}

/**
 * Scores every disease against a patient's findings in one pass over the findings' ancestors.
 * Per observed term p the best match with a disease is the most informative ancestor a of p that
 * the disease reaches, read as a log likelihood ratio: IC(a) + w·log f, where f is the frequency
 * of the disease's annotation there; matches that go sideways through a common ancestor lose
 * `partialPenalty`. This is Resnik similarity with frequencies, in LIRICAL's spirit.
 */
export class PhenotypeScorer {
  readonly index: PhenotypeIndex;
  private readonly negatedBy: Int32Array[];
  private readonly best: Float64Array;
  private readonly stamp: Int32Array;
  private readonly touched: Int32Array;
  private generation = 0;
  private readonly patientStamp: Int32Array;
  private readonly ancestorsByIc: (Int32Array | undefined)[];

  constructor(
    readonly kb: KnowledgeBase,
    readonly params: ScoringParams,
  ) {
    this.index = new PhenotypeIndex(kb, params.unknownFrequency);
    const o = kb.hpo.ontology;
    const neg: number[][] = Array.from({ length: o.size }, () => []);
    kb.diseases.forEach((d, di) => {
      for (const n of d.negated) {
        const t = o.indexOf(n);
        if (t !== undefined) neg[t]!.push(di);
      }
    });
    this.negatedBy = neg.map((l) => Int32Array.from(l));
    const n = this.index.diseaseCount;
    this.best = new Float64Array(n);
    this.stamp = new Int32Array(n).fill(-1);
    this.touched = new Int32Array(n);
    this.patientStamp = new Int32Array(o.size);
    this.ancestorsByIc = new Array(o.size);
  }

  score(input: ScoreInput): Float64Array {
    const { ontology: o, ic } = this.kb.hpo;
    const p = this.params;
    const ix = this.index;
    const n = ix.diseaseCount;
    const total = new Float64Array(n);
    const mask = input.mask;
    for (let d = 0; d < n; d++) {
      total[d] = mask && !mask[d] ? -Infinity : -p.sizePenalty * Math.log(1 + ix.annotationCount[d]!);
    }
    const best = this.best;
    const stamp = this.stamp;
    const touched = this.touched;
    for (const term of input.observed) {
      const gen = ++this.generation;
      let nTouched = 0;
      for (const a of o.ancestorIndexes(term, true)) {
        const icA = ic[a]!;
        if (icA + p.frequencyWeight * ix.maxBelow[a]! <= p.floor) continue;
        const ds = ix.diseases[a]!;
        const below = ix.below[a]!;
        const direct = ix.direct[a]!;
        const self = a === term;
        for (let k = 0; k < ds.length; k++) {
          const d = ds[k]!;
          if (mask && !mask[d]) continue;
          let s: number;
          if (self) s = icA + p.frequencyWeight * below[k]!;
          else {
            s = icA + p.frequencyWeight * below[k]! - p.partialPenalty;
            const x = direct[k]!;
            if (x === x) {
              const s2 = icA + p.frequencyWeight * x;
              if (s2 > s) s = s2;
            }
          }
          if (stamp[d] !== gen) {
            stamp[d] = gen;
            best[d] = s;
            touched[nTouched++] = d;
          } else if (s > best[d]!) best[d] = s;
        }
      }
      for (let k = 0; k < nTouched; k++) {
        const d = touched[k]!;
        if (best[d]! > p.floor) total[d] = total[d]! + best[d]! - p.floor;
      }
      if (p.negationPenalty) {
        for (const a of o.ancestorIndexes(term, true)) for (const d of this.negatedBy[a]!) total[d] = total[d]! - p.negationPenalty;
      }
    }
    if (p.exclusionStrength > 0) {
      for (const e of input.excluded) {
        const ds = ix.diseases[e]!;
        // Only frequencies the annotations state count here: curated cohorts often record as
        // excluded the very features a disease sometimes has, so a guessed frequency misleads.
        const stated = ix.stated[e]!;
        for (let k = 0; k < ds.length; k++) {
          const f = stated[k]!;
          if (f === 0) continue;
          const d = ds[k]!;
          total[d] = total[d]! + Math.log(1 - p.exclusionStrength * f);
        }
      }
    }
    if (p.reverseWeight && input.observed.length) this.addReverse(total, input.observed, p.reverseWeight, p.reverseDepth ?? 300);
    return total;
  }

  /** Frequency-weighted mean, over a disease's annotations, of their best IC match in the patient. */
  private addReverse(total: Float64Array, observed: readonly number[], weight: number, depth: number): void {
    const gen = this.markPatient(observed);
    // The depth-th best score, found with a native numeric sort of a copy (fast for ~13k values).
    const sorted = Float64Array.from(total).sort();
    const threshold = sorted[Math.max(0, sorted.length - depth)]!;
    for (let d = 0; d < total.length; d++) {
      if (!(total[d]! >= threshold) || total[d] === -Infinity) continue;
      total[d] = total[d]! + weight * this.reverseMarked(d, gen);
    }
  }

  /** How well disease d's own annotations (frequency-weighted mean IC) are reflected in the patient. */
  reverseSimilarity(observed: readonly number[], d: number): number {
    return this.reverseMarked(d, this.markPatient(observed));
  }

  private markPatient(observed: readonly number[]): number {
    const o = this.kb.hpo.ontology;
    const gen = ++this.generation;
    for (const t of observed) for (const a of o.ancestorIndexes(t, true)) this.patientStamp[a] = gen;
    return gen;
  }

  private reverseMarked(d: number, gen: number): number {
    const ic = this.kb.hpo.ic;
    const terms = this.index.terms[d]!;
    const weights = this.index.weights[d]!;
    let num = 0;
    let den = 0;
    for (let k = 0; k < terms.length; k++) {
      const w = weights[k]!;
      let best = 0;
      for (const a of this.byIc(terms[k]!)) {
        if (this.patientStamp[a] === gen) {
          best = ic[a]!;
          break;
        }
      }
      num += w * best;
      den += w;
    }
    return den > 0 ? num / den : 0;
  }

  /** A term's ancestors (itself included), most informative first, memoised. */
  private byIc(t: number): Int32Array {
    let a = this.ancestorsByIc[t];
    if (!a) {
      const ic = this.kb.hpo.ic;
      a = Int32Array.from(this.kb.hpo.ontology.ancestorIndexes(t, true)).sort((x, y) => ic[y]! - ic[x]!);
      this.ancestorsByIc[t] = a;
    }
    return a;
  }
}
