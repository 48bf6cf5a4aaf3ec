/** Shapes shared by the extraction pipeline, its second-stage matchers and its callers. */

/** Where a term came from: the deterministic dictionary, or a second-stage matcher. */
export type ExtractionSource = 'dictionary' | 'onnx' | 'llm';

export interface ExtractedTerm {
  id: string;
  name: string;
  /** The text says the patient does not have it ("no hearing loss", "seizures were ruled out"). */
  negated: boolean;
  /**
   * The text hedges ("possible autism", "?hypotonia", "cannot exclude"). Hedged findings keep
   * negated = false and at most half the confidence, so a caller can set them aside.
   */
  uncertain: boolean;
  /** Character offsets into the input: text === input.slice(start, end). */
  start: number;
  end: number;
  text: string;
  /** 0–1: how sure the match is (label kind, spelling or word-order variant, hedging). */
  confidence: number;
  source: ExtractionSource;
}

export interface ExtractionResult {
  /** Findings about the patient, in text order. */
  terms: ExtractedTerm[];
  /**
   * Findings attributed to relatives ("her mother has epilepsy", "family history of deafness").
   * They are never patient findings, but they matter for inheritance, so they are kept apart
   * rather than thrown away.
   */
  familyHistory: ExtractedTerm[];
}

/** Where a phrase handed to a second-stage matcher sits. */
export interface PhraseContext {
  /** The whole sentence the phrase comes from, for matchers that use context. */
  sentence: string;
  start: number;
  end: number;
}

export interface PhraseCandidate {
  /** An HPO id; alt ids are resolved, unknown and obsolete ids are dropped. */
  id: string;
  confidence: number;
}

/**
 * A second-stage matcher (an ONNX text encoder, an LLM) that proposes terms for the stretches
 * of text the dictionary found nothing in. The pipeline decides what to hand over, applies
 * negation, hedging and family history from the text around the phrase, and keeps only
 * candidates at or above `minConfidence`; the matcher only maps a phrase to terms.
 */
export interface PhraseMatcher {
  readonly source: Exclude<ExtractionSource, 'dictionary'>;
  /** Candidates below this are ignored (a calibrated threshold belongs with the matcher). */
  readonly minConfidence: number;
  match(phrase: string, context: PhraseContext): PhraseCandidate[] | Promise<PhraseCandidate[]>;
}
