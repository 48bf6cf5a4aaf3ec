import type { Ontology } from '../../core/hpo/ontology.js';
import { termLabels, type TermLabel } from '../../core/hpo/encoder/labels.js';
import { seededRandom } from '../../core/util/random.js';

/**
 * Seeded hold-outs shared by training, the benchmark and the tests, so the figures are measured
 * on exactly the labels the models never saw. Only synonyms are held out (every term keeps its
 * name in the index); a tenth is the test split, another tenth the calibration split that
 * chooses the acceptance threshold without touching the test split.
 */
export const SPLIT_SEED = 20260404;

export type Split = 'train' | 'calib' | 'test';

export interface SplitLabel extends TermLabel {
  split: Split;
}

export function splitLabels(ontology: Ontology, seed = SPLIT_SEED): SplitLabel[] {
  const random = seededRandom(seed);
  return termLabels(ontology).map((l) => {
    if (l.kind === 'name') return { ...l, split: 'train' };
    const r = random();
    return { ...l, split: r < 0.1 ? 'test' : r < 0.2 ? 'calib' : 'train' };
  });
}

/** Terms (indexes) whose every label is kept out of the classifier's training: a seeded tenth. */
export function heldOutTerms(ontology: Ontology, seed = SPLIT_SEED + 1): Set<number> {
  const random = seededRandom(seed);
  const out = new Set<number>();
  ontology.terms.forEach((t, i) => {
    if (!t.obsolete && random() < 0.1) out.add(i);
  });
  return out;
}
