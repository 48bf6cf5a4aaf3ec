import type { Ontology } from '../../core/hpo/ontology.js';
import { termLabels } from '../../core/hpo/encoder/labels.js';

/** Category probabilities for phrases, row-major [n × categories]: the TypeScript model or the ONNX session. */
export type PredictFn = (texts: string[]) => Promise<Float32Array>;

export interface ClassifierFigures {
  /** Phrases of held-out terms that have at least one category. */
  n: number;
  /** The most probable category is one of the term's categories. */
  top1: number;
  /** Micro-averaged over (phrase, category) decisions at the threshold. */
  precision: number;
  recall: number;
  f1: number;
  /** The predicted set equals the term's categories exactly. */
  exact: number;
  threshold: number;
}

/**
 * Scores the classifier on labels of terms it never trained on. `names` restricts to term
 * names; otherwise every label (names and synonyms) of the held-out terms counts.
 */
export async function evaluateClassifier(predict: PredictFn, ontology: Ontology, heldOut: Set<number>, threshold: number, namesOnly: boolean): Promise<ClassifierFigures> {
  const labels = termLabels(ontology).filter((l) => heldOut.has(l.term) && ontology.categoryMask(l.term) !== 0 && (!namesOnly || l.kind === 'name'));
  const C = ontology.categoryIds.length;
  const probs = new Float32Array(labels.length * C);
  for (let i = 0; i < labels.length; i += 512) probs.set(await predict(labels.slice(i, i + 512).map((l) => l.text)), i * C);
  let top1 = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  labels.forEach((l, i) => {
    const mask = ontology.categoryMask(l.term);
    let best = 0;
    let same = true;
    for (let c = 0; c < C; c++) {
      const p = probs[i * C + c]!;
      if (p > probs[i * C + best]!) best = c;
      const gold = ((mask >>> c) & 1) === 1;
      const pred = p >= threshold;
      if (gold && pred) tp++;
      else if (pred) fp++;
      else if (gold) fn++;
      if (gold !== pred) same = false;
    }
    if ((mask >>> best) & 1) top1++;
    if (same) exact++;
  });
  const n = labels.length;
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  return { n, top1: top1 / n, precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0, exact: exact / n, threshold };
}
