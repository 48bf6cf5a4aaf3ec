import { OdysseyError } from '../../errors.js';
import type { Ontology } from '../ontology.js';
import { confidence, type Calibration } from './calibration.js';
import { featureWords, stem } from './featurise.js';
import type { TermLabel } from './labels.js';
import { modelsDir } from './model-files.js';
import { PhraseEncoder } from './phrase-encoder.js';
import { loadTermVectors } from './term-vectors.js';
import { VectorIndex } from './vector-index.js';
import { OrtScorer } from './ort-scorer.js';

/** One candidate term for a phrase, best first. */
export interface EncoderMatch {
  id: string;
  name: string;
  /** The term's label (name or synonym) nearest to the phrase. */
  matched: string;
  /** Cosine similarity of phrase and matched label, −1…1. */
  score: number;
  /** Calibrated probability that this is the right term (see calibration.ts). */
  confidence: number;
  /**
   * The phrase is only part of the matched label ("echo" of "Thought echo", "running" of
   * "Difficulty running"): it names a piece of the finding, not the finding, so it is never
   * accepted, however close the vectors are.
   */
  fragment: boolean;
  /** True for the first candidate when its confidence reaches the calibrated threshold and it is not a fragment. */
  accepted: boolean;
}

export interface EncoderMatcherOptions {
  /** Folder with encoder.onnx and encoder.json (default: models/build, or ODYSSEY_MODELS_DIR). */
  modelsDir?: string;
  /** Data folder whose cache/ holds the term vectors (default: the data dir). */
  dataRoot?: string;
  useCache?: boolean;
}

export interface MatchOptions {
  /** Candidates per phrase (default 5, at most 50). */
  k?: number;
}

/** Phrases longer than this many characters are refused: the encoder reads phrases, not notes. */
export const MAX_PHRASE_LENGTH = 300;

/**
 * Free-text phrase → HPO terms by nearest label in the encoder's vector space. Meant for the
 * spans a dictionary lookup could not place ("eyes far apart", "child has fits"): the caller
 * takes the first candidate when `accepted`, and may show the others as suggestions.
 */
export class EncoderMatcher {
  private constructor(
    readonly ontology: Ontology,
    readonly encoder: PhraseEncoder,
    readonly labels: readonly TermLabel[],
    readonly index: VectorIndex,
    private readonly scorer: OrtScorer,
    /** Milliseconds spent loading the model and the term vectors, and where the vectors came from. */
    readonly loadInfo: { ms: number; vectorsFrom: 'cache' | 'built' },
  ) {}

  static async load(ontology: Ontology, options: EncoderMatcherOptions = {}): Promise<EncoderMatcher> {
    const started = performance.now();
    const encoder = await PhraseEncoder.load(options.modelsDir ?? modelsDir());
    const tv = await loadTermVectors(encoder, ontology, { root: options.dataRoot, useCache: options.useCache });
    const index = new VectorIndex(tv.vectors, encoder.dim, Int32Array.from(tv.labels, (l) => l.term));
    const scorer = await OrtScorer.create(tv.vectors, encoder.dim);
    return new EncoderMatcher(ontology, encoder, tv.labels, index, scorer, { ms: performance.now() - started, vectorsFrom: tv.from });
  }

  get calibration(): Calibration {
    return this.encoder.meta.calibration;
  }

  /** The confidence a first candidate needs to be accepted. */
  get threshold(): number {
    return this.calibration.threshold;
  }

  async match(phrase: string, options: MatchOptions = {}): Promise<EncoderMatch[]> {
    return (await this.matchMany([phrase], options))[0]!;
  }

  /** Matches several phrases with one model call (the efficient way to place many spans). */
  async matchMany(phrases: readonly string[], options: MatchOptions = {}): Promise<EncoderMatch[][]> {
    const k = Math.max(1, Math.min(options.k ?? 5, 50));
    for (const p of phrases) {
      if (p.length > MAX_PHRASE_LENGTH) {
        throw new OdysseyError('phrase-too-long', `A phrase of ${p.length} characters was sent to the encoder; the limit is ${MAX_PHRASE_LENGTH}.`, 'Split notes into sentences and phrases first (`odyssey extract` does this).');
      }
    }
    if (phrases.length === 0) return [];
    const vectors = await this.encoder.embed(phrases);
    const scores = await this.scorer.scores(vectors, phrases.length);
    return phrases.map((p, i) => {
      const words = featureWords(p, this.encoder.spec);
      if (words.length === 0) return [];
      // One extra neighbour gives the last candidate a runner-up for its margin.
      const near = this.index.selectTop(scores, i * this.index.size, k + 1);
      return near.slice(0, k).map((n, rank) => {
        const rival = rank === 0 ? (near[1]?.score ?? 0) : near[0]!.score;
        const conf = confidence(this.calibration, n.score, rival, words.length);
        const term = this.ontology.terms[n.term]!;
        const matched = this.labels[n.label]!.text;
        const fragment = isFragment(words, featureWords(matched, this.encoder.spec));
        return {
          id: term.id,
          name: term.name,
          matched,
          score: round(n.score),
          confidence: round(conf),
          fragment,
          accepted: rank === 0 && conf >= this.threshold && !fragment,
        };
      });
    });
  }
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

const GLUE = new Set(['of', 'the', 'a', 'an', 'and', 'or', 'in', 'on', 'to', 'with']);

/** True when every content word of the phrase (by stem) is in the label and the label has more. */
export function isFragment(phrase: readonly string[], label: readonly string[]): boolean {
  const content = (ws: readonly string[]): Set<string> => new Set(ws.filter((w) => !GLUE.has(w)).map(stem));
  const p = content(phrase);
  const l = content(label);
  if (p.size === 0 || p.size >= l.size) return false;
  for (const w of p) if (!l.has(w)) return false;
  return true;
}
