import { OdysseyError } from '../errors.js';
import { buildCandidateSet, type CandidateSet } from './candidate-set.js';
import type { GeneIdentity } from './identity.js';

// Gene symbols never contain these, so they are safe separators whatever mix the user typed.
const SEPARATORS = /[\s,;]+/;

/** Splits free text such as "BRCA1, tp53; MYH7\nTTN" into gene names. */
export function splitGeneList(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(SEPARATORS)
    .filter((t) => t !== '');
}

/** A candidate set from a typed list: one string to split, or names already split. */
export function candidatesFromList(
  identity: GeneIdentity,
  list: string | readonly string[],
): CandidateSet {
  const names = typeof list === 'string' ? splitGeneList(list) : list.flatMap(splitGeneList);
  if (names.length === 0) {
    throw new OdysseyError(
      'candidates-empty',
      'The candidate gene list is empty: no gene symbols were given.',
      'List gene symbols separated by commas, spaces or new lines, e.g. "BRCA1, TP53, MYH7".',
    );
  }
  return buildCandidateSet(identity, names, { kind: 'list' });
}
