import { z } from 'zod';
import type { Ontology } from '../ontology.js';
import { PHENOTYPIC_ABNORMALITY } from '../types.js';
import { sample, seededRandom } from '../../util/random.js';
import type { ExtractedTerm } from './types.js';

/**
 * Scoring extraction against hand-annotated notes. Two rules, always reported side by side:
 * - strict: the predicted id (alt ids resolved) is the gold id, with the same negation;
 * - lenient: as strict, or the predicted term is an ancestor or descendant of the gold term at
 *   most LENIENT_STEPS is_a steps away ("Focal-onset seizure" for "Seizure"), counted as a hit.
 * Hedged predictions are not assertions and are left out; hedged gold findings likewise. Each
 * note's terms count once per (id, negated), however often the text repeats them.
 */

export const GoldTermSchema = z.object({ id: z.string(), name: z.string().optional(), negated: z.boolean() });
export const GoldNoteSchema = z.object({
  id: z.string(),
  kind: z.string(),
  text: z.string(),
  terms: z.array(GoldTermSchema),
  /** Findings the note only hedges ("possible autism"): not scored, listed for review. */
  hedged: z.array(z.object({ id: z.string(), name: z.string().optional() })).optional(),
});
export type GoldTerm = z.infer<typeof GoldTermSchema>;
export type GoldNote = z.infer<typeof GoldNoteSchema>;

export type MatchRule = 'strict' | 'lenient';
export const LENIENT_STEPS = 2;

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Prf extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function prf(c: Counts): Prf {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn };
}

interface Item {
  term: number;
  negated: boolean;
}

/** Scores one note's assertions; returns the counts and the unmatched items for error review. */
export function scoreNote(
  ontology: Ontology,
  gold: readonly GoldTerm[],
  predicted: readonly Pick<ExtractedTerm, 'id' | 'negated' | 'uncertain'>[],
  rule: MatchRule,
): Counts & { missed: GoldTerm[]; extra: { id: string; negated: boolean }[] } {
  const g = dedupe(ontology, gold);
  const p = dedupe(
    ontology,
    predicted.filter((t) => !t.uncertain),
  );
  const usedGold = new Set<number>();
  const usedPred = new Set<number>();
  const pair = (ok: (a: Item, b: Item) => boolean): void => {
    p.forEach((pi, i) => {
      if (usedPred.has(i)) return;
      const j = g.findIndex((gi, k) => !usedGold.has(k) && gi.negated === pi.negated && ok(pi, gi));
      if (j >= 0) {
        usedPred.add(i);
        usedGold.add(j);
      }
    });
  };
  pair((a, b) => a.term === b.term);
  if (rule === 'lenient') pair((a, b) => withinSteps(ontology, a.term, b.term, LENIENT_STEPS));
  const name = (i: Item): string => ontology.terms[i.term]!.id;
  return {
    tp: usedPred.size,
    fp: p.length - usedPred.size,
    fn: g.length - usedGold.size,
    missed: g.filter((_, k) => !usedGold.has(k)).map((i) => ({ id: name(i), name: ontology.terms[i.term]!.name, negated: i.negated })),
    extra: p.filter((_, k) => !usedPred.has(k)).map((i) => ({ id: name(i), negated: i.negated })),
  };
}

function dedupe(ontology: Ontology, items: readonly { id: string; negated: boolean }[]): Item[] {
  const seen = new Set<string>();
  const out: Item[] = [];
  for (const it of items) {
    const term = ontology.resolve(it.id).term;
    const index = term ? ontology.indexOf(term.id) : undefined;
    if (index === undefined) continue;
    const key = `${index}:${it.negated}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ term: index, negated: it.negated });
  }
  return out;
}

/** True when one term lies at most `steps` is_a steps above or below the other. */
export function withinSteps(ontology: Ontology, a: number, b: number, steps: number): boolean {
  const up = (from: number, to: number): boolean => {
    let frontier = [from];
    for (let s = 0; s < steps; s++) {
      const next: number[] = [];
      for (const f of frontier) for (const p of ontology.parentIndexes[f]!) next.push(p);
      if (next.includes(to)) return true;
      frontier = next;
    }
    return false;
  };
  return a === b || up(a, b) || up(b, a);
}

/**
 * A seeded sample of HPO EXACT synonyms (not abbreviations) of current terms under Phenotypic
 * abnormality, to be left out of the index and used as queries: what the pipeline finds for
 * wording it was not given.
 */
export function sampleHeldOutSynonyms(ontology: Ontology, options: { fraction?: number; seed?: number } = {}): { id: string; text: string }[] {
  const root = ontology.indexOf(PHENOTYPIC_ABNORMALITY);
  if (root === undefined) return [];
  const all: { id: string; text: string }[] = [];
  for (const i of ontology.descendantIndexes(root, true).sort((x, y) => x - y)) {
    const t = ontology.terms[i]!;
    if (t.obsolete) continue;
    for (const s of t.synonyms) if (s.scope === 'EXACT' && s.type !== 'abbreviation' && s.type !== 'obsolete_synonym') all.push({ id: t.id, text: s.text });
  }
  return sample(all, Math.round(all.length * (options.fraction ?? 0.1)), seededRandom(options.seed ?? 1));
}
