import { OdysseyError } from '../../errors.js';
import type { Ontology } from '../ontology.js';
import { dictionaryCandidates, type Candidate } from './dictionary-matcher.js';
import { familyScopes, inFamilyScope } from './family-history.js';
import { assertionOf, assertionScopes } from './negation.js';
import { PhraseDictionary, type PhraseDictionaryOptions } from './phrase-dictionary.js';
import { longestNonOverlapping, mostSpecific } from './specificity.js';
import { tokenise, type TokenisedText } from './text-units.js';
import type { ExtractedTerm, ExtractionResult, ExtractionSource, PhraseMatcher } from './types.js';
import { uncoveredPhrases } from './uncovered-phrases.js';

/** 100 kB: a long clinic letter is a few kB; anything bigger is a whole record and should be split. */
export const MAX_INPUT_BYTES = 100_000;
/** Hedged findings keep at most this share of their confidence. */
const HEDGED = 0.5;

export interface TermExtractorOptions extends PhraseDictionaryOptions {
  /** Second-stage matchers asked about the stretches the dictionary found nothing in, in order. */
  matchers?: readonly PhraseMatcher[];
  maxInputBytes?: number;
}

interface Found extends Candidate {
  source: ExtractionSource;
  negated: boolean;
  uncertain: boolean;
  family: boolean;
}

/**
 * Free text → HPO terms. The dictionary stage (folded, stemmed, longest-match lookup of names,
 * synonyms, lay wording and abbreviations) always runs and needs nothing but the ontology;
 * optional matchers then look at what it left uncovered. Negation, hedging and family history
 * come from the text around each match, whoever proposed it.
 */
export class TermExtractor {
  readonly dictionary: PhraseDictionary;
  private readonly matchers: readonly PhraseMatcher[];
  private readonly maxInputBytes: number;

  constructor(
    readonly ontology: Ontology,
    options: TermExtractorOptions = {},
  ) {
    this.dictionary = new PhraseDictionary(ontology, options);
    this.matchers = options.matchers ?? [];
    this.maxInputBytes = options.maxInputBytes ?? MAX_INPUT_BYTES;
  }

  async extract(text: string): Promise<ExtractionResult> {
    const doc = this.prepare(text);
    const found = this.dictionaryStage(doc);
    for (const matcher of this.matchers) found.push(...(await this.matcherStage(doc, found, matcher)));
    return this.finish(doc, found);
  }

  /** The dictionary stage alone, synchronously (what `extract` returns when no matcher is set). */
  extractWithDictionary(text: string): ExtractionResult {
    const doc = this.prepare(text);
    return this.finish(doc, this.dictionaryStage(doc));
  }

  private prepare(text: string): TokenisedText {
    if (typeof text !== 'string') throw new OdysseyError('extract-not-text', 'The input to extract is not text.', 'Pass the note as a string, e.g. --text "floppy baby, fits since 6 months".');
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > this.maxInputBytes) {
      throw new OdysseyError(
        'extract-input-too-large',
        `The text is ${bytes.toLocaleString('en')} bytes; extraction reads at most ${this.maxInputBytes.toLocaleString('en')} bytes (${Math.round(this.maxInputBytes / 1000)} kB) at a time.`,
        'Split it into smaller parts, e.g. one clinic letter or visit per file, or one note per line with --jsonl.',
      );
    }
    return tokenise(text);
  }

  private dictionaryStage(doc: TokenisedText): Found[] {
    const kept = longestNonOverlapping(dictionaryCandidates(doc, this.dictionary), this.ontology);
    return this.annotate(doc, kept, 'dictionary');
  }

  private annotate(doc: TokenisedText, candidates: readonly Candidate[], source: ExtractionSource): Found[] {
    const scopes = assertionScopes(doc);
    const family = familyScopes(doc);
    return candidates.map((c) => ({
      ...c,
      source,
      ...assertionOf(scopes, c.first, c.last),
      family: inFamilyScope(family, c.first),
    }));
  }

  private async matcherStage(doc: TokenisedText, found: readonly Found[], matcher: PhraseMatcher): Promise<Found[]> {
    const candidates: Candidate[] = [];
    for (const phrase of uncoveredPhrases(doc, found)) {
      const sentence = doc.sentences[doc.tokens[phrase.first]!.sentence]!;
      const start = doc.tokens[phrase.first]!.start;
      const end = doc.tokens[phrase.last - 1]!.end;
      const proposals = await matcher.match(doc.text.slice(start, end), { sentence: doc.text.slice(sentence.start, sentence.end), start, end });
      let top: Candidate | undefined;
      for (const p of proposals) {
        const term = this.ontology.resolve(p.id).term;
        const index = term ? this.ontology.indexOf(term.id) : undefined;
        if (index === undefined || !this.dictionary.termIndexes.has(index) || p.confidence < matcher.minConfidence) continue;
        if (!top || p.confidence > top.confidence) top = { term: index, first: phrase.first, last: phrase.last, confidence: Math.min(1, p.confidence) };
      }
      if (top) candidates.push(top);
    }
    return this.annotate(doc, candidates, matcher.source);
  }

  private finish(doc: TokenisedText, found: Found[]): ExtractionResult {
    const specific = mostSpecific(found, this.ontology, (f) => `${f.negated}:${f.family}:${f.uncertain}`);
    specific.sort((a, b) => a.first - b.first);
    const terms: ExtractedTerm[] = [];
    const familyHistory: ExtractedTerm[] = [];
    for (const f of specific) {
      const term = this.ontology.terms[f.term]!;
      const start = doc.tokens[f.first]!.start;
      const end = doc.tokens[f.last - 1]!.end;
      const out: ExtractedTerm = {
        id: term.id,
        name: term.name,
        negated: f.negated,
        uncertain: f.uncertain,
        start,
        end,
        text: doc.text.slice(start, end),
        confidence: round(f.uncertain ? Math.min(f.confidence * HEDGED, HEDGED) : f.confidence),
        source: f.source,
      };
      (f.family ? familyHistory : terms).push(out);
    }
    return { terms, familyHistory };
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
