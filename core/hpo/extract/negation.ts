import type { TokenisedText } from './text-units.js';
import { TriggerList } from './trigger-phrases.js';

/**
 * NegEx-style assertion scopes: which stretches of a sentence a negation ("no", "denies",
 * "ruled out") or a hedge ("possible", "?", "cannot exclude") governs. A trigger before a
 * finding reaches forward, one after it ("… was ruled out") reaches back; either stops at the
 * end of the sentence, at a contrast ("but", "however", "although"), at a semicolon or colon,
 * and at a comma unless the comma is part of a list closed by "or"/"nor" ("no seizures,
 * hypotonia or hearing loss"). A comma without such a list ends the scope, which is what keeps
 * "no hearing loss, wide-set eyes" from negating the eyes.
 */

export type Assertion = 'negated' | 'uncertain';

export interface AssertionScope {
  kind: Assertion;
  /** Token range [first, last) of the trigger. */
  triggerFirst: number;
  triggerLast: number;
  /** Token range [first, last) the trigger governs. */
  first: number;
  last: number;
}

/** pre: governs what follows; post: what precedes; both: either side ("ruled out", "?"). */
type Kind = 'neg-pre' | 'neg-post' | 'neg-both' | 'unc-pre' | 'unc-post' | 'unc-both' | 'pseudo' | 'stop';

const PHRASES: [string, Kind][] = [
  ...[
    'no', 'not', 'without', 'w/o', 'denies', 'denied', 'deny', 'denying', 'negative for', 'neg for', 'absence of',
    'no evidence of', 'no evidence for', 'no sign of', 'no signs of', 'no history of', 'no h/o', 'no hx of',
    'no features of', 'no suggestion of', 'no indication of', 'no clinical signs of', 'no further', 'free of', 'never',
    'never had', 'never developed', 'rules out', 'has ruled out', 'did not meet criteria for',
    'does not meet criteria for', 'did not meet the criteria for', 'does not meet the criteria for',
    'did not meet diagnostic criteria for', 'does not meet diagnostic criteria for', 'not meeting criteria for',
    'did not have', 'does not have', "doesn't have", "didn't have", 'has not had', "hasn't had", 'have not had',
    'not had', 'nor', 'neither', 'fails to reveal', 'failed to reveal',
    'was negative for', 'were negative for', 'is negative for', 'tested negative for',
  ].map((p): [string, Kind] => [p, 'neg-pre']),
  ...[
    'was ruled out', 'were ruled out', 'has been ruled out', 'have been ruled out', 'is absent', 'are absent',
    'was absent', 'were absent', 'absent', 'not seen', 'not present', 'not detected', 'not found', 'not observed',
    'not noted', 'was excluded', 'were excluded', 'has been excluded', 'excluded', 'negative', 'not a feature',
    'not a concern', 'not an issue', 'not a problem',
  ].map((p): [string, Kind] => [p, 'neg-post']),
  ...[
    'possible', 'possibly', 'probable', 'probably', 'likely', 'suspect', 'suspicion of', 'suspicious for',
    'query', 'questionable', 'concern for', 'concerning for', 'may have', 'might have', 'may be',
    'could be', 'rule out', 'r/o', 'to exclude', 'cannot exclude', "can't exclude", 'cannot rule out', "can't rule out",
    'differential includes', 'differential diagnosis includes', 'vs', 'versus', 'evaluate for', 'evaluation for',
    'assessment for', 'being assessed for', 'awaiting assessment for', 'referred for', 'referral for',
    'screen for', 'screening for', 'test for', 'testing for', 'at risk of', 'at risk for', 'risk of',
    'suggestive of', 'features suggestive of', 'not certain', 'not sure', 'unclear if', 'unclear whether',
    'not clear', 'whether', 'if', 'to assess for', 'to look for', 'in case of', 'monitor for', 'monitoring for',
    'watch for',
  ].map((p): [string, Kind] => [p, 'unc-pre']),
  ...[
    'cannot be excluded', "can't be excluded", 'not excluded', 'not been excluded',
    'cannot be ruled out', "can't be ruled out", 'not ruled out', 'not been ruled out', 'is possible',
    'unlikely', 'is unlikely', 'is suspected', 'was suspected', 'is queried', 'was queried', 'uncertain',
    'to be excluded', 'to be ruled out',
  ].map((p): [string, Kind] => [p, 'unc-post']),
  ...['ruled out'].map((p): [string, Kind] => [p, 'neg-both']),
  ...['?', 'suspected', 'queried'].map((p): [string, Kind] => [p, 'unc-both']),
  ...[
    'no increase', 'no change', 'no significant change', 'not only', 'not just', 'not necessarily', 'if not',
    'whether or not', 'gram negative', 'no longer', 'not otherwise specified', 'no known', 'not yet',
    'not been assessed', 'not assessed', 'not tested', 'not examined',
  ].map((p): [string, Kind] => [p, 'pseudo']),
  ...[
    'but', 'however', 'although', 'though', 'yet', 'except', 'apart from', 'aside from', 'other than', 'whereas',
    'while', 'which', 'who', 'because', 'since', 'due to', 'secondary to', 'presents', 'presented', 'presenting',
    'reports', 'reported', 'shows', 'showed', 'has had', 'now has', 'now', 'still', 'instead', 'rather',
    'otherwise', 'nevertheless', 'has', 'have', 'had', 'is', 'was',
  ].map((p): [string, Kind] => [p, 'stop']),
];

const triggers = new TriggerList<Kind>(PHRASES);

/** Punctuation that always ends a scope. Commas are handled separately (lists). */
const HARD_STOP = new Set(['.', ';', ':', '!', '(', ')', '[', ']', '•', '*', '=']);
const LIST_CLOSERS = new Set(['or', 'nor']);
/** Verbs that end a forward scope ("no seizures, has hypotonia") but sit inside a backward one ("hypotonia is not excluded"). */
const COPULAS = new Set(['is', 'was', 'has', 'have', 'had', 'now', 'still']);
const FORWARD_WORDS = 8;
const BACKWARD_WORDS = 6;

export function assertionScopes(doc: TokenisedText): AssertionScope[] {
  const scopes: AssertionScope[] = [];
  const { tokens } = doc;
  for (const s of doc.sentences) {
    const hits = triggers.findAll(tokens, s.first, s.last);
    const stops = new Set<number>();
    for (const h of hits) if (h.kind === 'stop') for (let i = h.first; i < h.last; i++) stops.add(i);
    const ends = (i: number): boolean => stops.has(i) || HARD_STOP.has(tokens[i]!.text);
    for (const h of hits) {
      if (h.kind === 'pseudo' || h.kind === 'stop') continue;
      const kind: Assertion = h.kind.startsWith('neg') ? 'negated' : 'uncertain';
      if (h.kind.endsWith('pre') || h.kind.endsWith('both')) {
        let words = 0;
        let j = h.last;
        for (; j < s.last && words < FORWARD_WORDS; j++) {
          const t = tokens[j]!;
          if (ends(j) || t.text === '?') break;
          if (t.text === ',' && !listContinues(doc, j, s.last, ends)) break;
          if (t.word) words++;
        }
        if (j > h.last) scopes.push({ kind, triggerFirst: h.first, triggerLast: h.last, first: h.last, last: j });
      }
      if (h.kind.endsWith('post') || h.kind.endsWith('both')) {
        let words = 0;
        let j = h.first - 1;
        for (; j >= s.first && words < BACKWARD_WORDS; j--) {
          const t = tokens[j]!;
          if ((ends(j) && !COPULAS.has(t.lower)) || t.text === ',' || t.text === '?') break;
          if (t.word) words++;
        }
        if (j + 1 < h.first) scopes.push({ kind, triggerFirst: h.first, triggerLast: h.last, first: j + 1, last: h.first });
      }
    }
  }
  return scopes;
}

/** After a comma: does the clause go on to close a list with "or"/"nor" before it ends? */
function listContinues(doc: TokenisedText, comma: number, sentenceEnd: number, ends: (i: number) => boolean): boolean {
  for (let j = comma + 1; j < sentenceEnd; j++) {
    if (ends(j)) return false;
    if (LIST_CLOSERS.has(doc.tokens[j]!.lower)) return true;
  }
  return false;
}

/** Negation and hedging of a matched span [first, last); a trigger inside the span is part of the term. */
export function assertionOf(scopes: readonly AssertionScope[], first: number, last: number): { negated: boolean; uncertain: boolean } {
  let negated = false;
  let uncertain = false;
  for (const sc of scopes) {
    if (sc.triggerLast > first && sc.triggerFirst < last) continue;
    const pre = sc.triggerLast <= first;
    const covered = pre ? sc.first <= first && first < sc.last : sc.first <= last - 1 && last - 1 < sc.last;
    if (!covered) continue;
    if (sc.kind === 'negated') negated = true;
    else uncertain = true;
  }
  return { negated, uncertain };
}
