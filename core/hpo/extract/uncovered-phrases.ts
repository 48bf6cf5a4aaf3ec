import type { TokenisedText } from './text-units.js';
import { FILLERS } from './word-forms.js';

/** A stretch of text with no dictionary match, handed to a second-stage matcher. */
export interface UncoveredPhrase {
  first: number;
  last: number;
}

/** Words that separate findings or belong to negation and hedging, never part of a phrase. */
const SEPARATORS = new Set([
  'and', 'or', 'nor', 'but', 'with', 'without', 'no', 'not', 'denies', 'denied', 'never', 'possible', 'possibly',
  'suspected', 'query', 'also', 'has', 'had', 'have', 'he', 'she', 'they', 'him', 'her', 'since', 'from', 'for',
  'at', 'age', 'aged', 'months', 'month', 'years', 'year', 'weeks', 'week', 'days', 'old', 'until', 'now', 'then',
  'when', 'after', 'before', 'there', 'this', 'that', 'which', 'who', 'patient', 'child', 'baby', 'mother', 'father',
]);
const MAX_WORDS = 8;

/**
 * Clauses (between punctuation and separator words) with at least one content word and no
 * token inside a span already found, trimmed of fillers at both ends: "eyes far apart" from
 * "…, eyes far apart and no fits" when the dictionary did not know it.
 */
export function uncoveredPhrases(doc: TokenisedText, covered: readonly { first: number; last: number }[]): UncoveredPhrase[] {
  const taken = new Uint8Array(doc.tokens.length);
  for (const c of covered) taken.fill(1, c.first, c.last);
  const out: UncoveredPhrase[] = [];
  let run: number[] = [];
  const edge = (i: number): boolean => FILLERS.has(doc.tokens[i]!.lower) || !doc.tokens[i]!.word;
  const flush = (): void => {
    while (run.length && edge(run[0]!)) run.shift();
    while (run.length && edge(run[run.length - 1]!)) run.pop();
    const content = run.filter((i) => doc.tokens[i]!.word && !/^\d/.test(doc.tokens[i]!.text) && !FILLERS.has(doc.tokens[i]!.lower));
    if (content.length > 0 && run.length <= MAX_WORDS) out.push({ first: run[0]!, last: run[run.length - 1]! + 1 });
    run = [];
  };
  doc.tokens.forEach((t, i) => {
    if (run.length && doc.tokens[run[0]!]!.sentence !== t.sentence) flush();
    const joiner = t.text === '-' || t.text === '/';
    if (taken[i] || (!t.word && !joiner) || SEPARATORS.has(t.lower)) flush();
    else run.push(i);
  });
  flush();
  return out;
}
