import type { Ontology } from '../ontology.js';
import type { Candidate } from './dictionary-matcher.js';

/**
 * Overlapping matches: the longest span wins ("sensorineural hearing loss" over "hearing loss"),
 * then the more confident, then the more specific term. What remains does not overlap.
 */
export function longestNonOverlapping(candidates: readonly Candidate[], ontology: Ontology): Candidate[] {
  const depth = (term: number): number => ontology.ancestorIndexes(term).length;
  const sorted = [...candidates].sort((a, b) => b.last - b.first - (a.last - a.first) || b.confidence - a.confidence || depth(b.term) - depth(a.term) || a.first - b.first);
  const taken: Candidate[] = [];
  for (const c of sorted) if (!taken.some((t) => t.first < c.last && c.first < t.last)) taken.push(c);
  return taken.sort((a, b) => a.first - b.first);
}

/**
 * The most specific term the text supports: within one group (the findings of a note with the
 * same negation, hedging and family status), a term that is an ancestor of another term found
 * there adds nothing and is dropped ("hearing loss … sensorineural hearing loss" keeps the
 * latter, in the same sentence or not). Repeats of one term in a group keep their first mention.
 */
export function mostSpecific<T extends { term: number }>(items: readonly T[], ontology: Ontology, group: (item: T) => string): T[] {
  const byGroup = new Map<string, T[]>();
  for (const it of items) {
    const g = group(it);
    let list = byGroup.get(g);
    if (!list) byGroup.set(g, (list = []));
    list.push(it);
  }
  const drop = new Set<T>();
  for (const list of byGroup.values()) {
    const seen = new Set<number>();
    for (const it of list) {
      if (seen.has(it.term)) drop.add(it);
      seen.add(it.term);
    }
    for (const a of list) {
      for (const b of list) {
        if (a === b || a.term === b.term) continue;
        if (ontology.ancestorIndexes(b.term).includes(a.term)) drop.add(a);
      }
    }
  }
  return items.filter((it) => !drop.has(it));
}
