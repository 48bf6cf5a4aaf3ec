import type { Ontology } from '../ontology.js';
import type { PhraseCandidate, PhraseMatcher } from '../extract/types.js';
import { EncoderMatcher, MAX_PHRASE_LENGTH, type EncoderMatcherOptions } from './encoder-matcher.js';

/**
 * The encoder as the extraction pipeline's second stage (source "onnx"): the pipeline hands
 * over the stretches its dictionary found nothing in and keeps a candidate whose calibrated
 * confidence reaches `minConfidence`. Plug in with
 * `new TermExtractor(ontology, { matchers: [await OnnxPhraseMatcher.load(ontology)] })`.
 */
export class OnnxPhraseMatcher implements PhraseMatcher {
  readonly source = 'onnx' as const;
  readonly minConfidence: number;

  constructor(
    readonly encoder: EncoderMatcher,
    /** Override of the calibrated threshold (e.g. to trade recall for precision). */
    minConfidence?: number,
  ) {
    this.minConfidence = minConfidence ?? encoder.threshold;
  }

  static async load(ontology: Ontology, options: EncoderMatcherOptions & { minConfidence?: number } = {}): Promise<OnnxPhraseMatcher> {
    return new OnnxPhraseMatcher(await EncoderMatcher.load(ontology, options), options.minConfidence);
  }

  async match(phrase: string): Promise<PhraseCandidate[]> {
    // The pipeline's stretches are short; anything longer is not one finding, so it gets no term.
    if (phrase.length > MAX_PHRASE_LENGTH) return [];
    const found = await this.encoder.match(phrase, { k: 3 });
    // A phrase that is only part of a label ("echo" of "Thought echo") is not that finding.
    return found.filter((m) => !m.fragment).map((m) => ({ id: m.id, confidence: m.confidence }));
  }
}
