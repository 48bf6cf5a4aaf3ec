import { resolveSense } from './abbreviations.js';
import { bagKey, type DictionaryEntry, type PhraseDictionary } from './phrase-dictionary.js';
import type { TokenisedText } from './text-units.js';
import { ARTICLES, FILLERS, foldWord, stemWord } from './word-forms.js';

/** A term proposed for the token range [first, last). */
export interface Candidate {
  term: number;
  first: number;
  last: number;
  confidence: number;
}

/** Punctuation that may sit inside a label ("wide-set", "café-au-lait", "aplasia/hypoplasia"). */
const JOINERS = new Set(['-', '/', '\u2013', "'", '\u2019', '&']);
/** Lower confidence for a match found only through stems ("hearing impaired" → "Hearing impairment"). */
const STEM_ONLY = 0.94;
/** Lower confidence for a match found only with the words in another order. */
const REORDERED = 0.88;

interface Word {
  index: number;
  folded: string;
  stem: string;
  article: boolean;
  filler: boolean;
}

/**
 * Every dictionary match in the text: at each word the longest label that starts there (in
 * order, through folded stems), the longest reordered label (same content words, fillers such
 * as "of" or "are" allowed between), and abbreviations as written. Overlaps are left for the
 * resolver, which keeps the longest.
 */
export function dictionaryCandidates(doc: TokenisedText, dict: PhraseDictionary): Candidate[] {
  const out: Candidate[] = [];
  for (const chunk of chunks(doc)) {
    orderedMatches(chunk, dict, out);
    reorderedMatches(chunk, dict, out);
  }
  abbreviationMatches(doc, dict, out);
  return out;
}

/** Runs of words not separated by punctuation other than joiners, each word folded once. */
function chunks(doc: TokenisedText): Word[][] {
  const out: Word[][] = [];
  let current: Word[] = [];
  let sentence = -1;
  doc.tokens.forEach((t, index) => {
    if (t.sentence !== sentence || (!t.word && !JOINERS.has(t.text))) {
      if (current.length) out.push(current);
      current = [];
      sentence = t.sentence;
    }
    if (!t.word) return;
    const folded = foldWord(t.lower);
    current.push({ index, folded, stem: stemWord(folded), article: ARTICLES.has(folded), filler: FILLERS.has(folded) });
  });
  if (current.length) out.push(current);
  return out;
}

function best(entries: DictionaryEntry[] | undefined, dict: PhraseDictionary): DictionaryEntry | undefined {
  if (!entries) return undefined;
  for (const e of entries) if (dict.termIndexes.has(e.term)) return e;
  return undefined;
}

function orderedMatches(chunk: Word[], dict: PhraseDictionary, out: Candidate[]): void {
  const words = chunk.filter((w) => !w.article);
  for (let p = 0; p < words.length; p++) {
    for (let len = Math.min(dict.maxOrderedWords, words.length - p); len >= 1; len--) {
      const span = words.slice(p, p + len);
      const found = lookup(span, dict);
      if (!found) continue;
      out.push({ term: found.term, first: span[0]!.index, last: span[len - 1]!.index + 1, confidence: found.confidence });
      // "umbilical and inguinal hernias": the first word shares the rest of the label.
      const joiner = words[p - 1];
      const lone = words[p - 2];
      if (len >= 2 && lone && joiner && (joiner.folded === 'and' || joiner.folded === 'or') && !lone.filler) {
        const shared = lookup([lone, ...span.slice(1)], dict);
        if (shared) out.push({ term: shared.term, first: lone.index, last: lone.index + 1, confidence: shared.confidence * STEM_ONLY });
      }
      break;
    }
  }
}

/** The best entry for a run of words, with its confidence, or undefined. */
function lookup(span: Word[], dict: PhraseDictionary): { term: number; confidence: number } | undefined {
  const entries = dict.ordered.get(span.map((w) => w.stem).join(' '));
  const entry = best(entries, dict);
  if (!entry) return undefined;
  const folded = span.map((w) => w.folded).join(' ');
  const exact = entries!.find((e) => e.folded === folded && e.term === entry.term);
  // A lone word that only meets the label through its stem is too weak ("general" ≠ "generalized").
  if (!exact && span.length === 1 && folded.length < 5) return undefined;
  return { term: entry.term, confidence: exact ? exact.confidence : entry.confidence * STEM_ONLY };
}

function reorderedMatches(chunk: Word[], dict: PhraseDictionary, out: Candidate[]): void {
  for (let p = 0; p < chunk.length; p++) {
    if (chunk[p]!.filler) continue;
    const content: string[] = [];
    let found: Candidate | undefined;
    for (let j = p; j < chunk.length; j++) {
      const w = chunk[j]!;
      if (w.filler) {
        if (j - p + 1 > content.length + 3) break;
        continue;
      }
      content.push(w.stem);
      if (content.length > dict.maxBagWords) break;
      if (content.length < 2) continue;
      const entry = best(dict.unordered.get(bagKey(content)), dict);
      if (entry) found = { term: entry.term, first: chunk[p]!.index, last: w.index + 1, confidence: entry.confidence * REORDERED };
    }
    if (found) out.push(found);
  }
}

/** Words after "ID" that make it an identifier rather than intellectual disability. */
const NOT_CLINICAL_AFTER = new Set([':', '#', 'no', 'number', 'card', 'band', 'badge', 'code']);

function abbreviationMatches(doc: TokenisedText, dict: PhraseDictionary, out: Candidate[]): void {
  const { tokens, sentences } = doc;
  const sentenceRange = (n: number): [number, number] => {
    const s = sentences[Math.max(0, Math.min(sentences.length - 1, n))];
    return s ? [s.first, s.last] : [0, 0];
  };
  tokens.forEach((t, i) => {
    if (!t.word) return;
    const abbr = dict.abbreviations.get(t.text) ?? (/[A-Z]s$/.test(t.text) ? dict.abbreviations.get(t.text.slice(0, -1)) : undefined);
    if (!abbr) return;
    const next = tokens[i + 1];
    if (t.text === 'ID' && next && (NOT_CLINICAL_AFTER.has(next.lower) || /^\d/.test(next.text))) return;
    const hit = resolveSense(abbr, tokens, i, sentenceRange);
    if (!hit) return;
    const term = dict.ontology.indexOf(hit.id);
    if (term === undefined || !dict.termIndexes.has(term)) return;
    out.push({ term, first: i, last: i + 1, confidence: hit.confidence });
  });
}
