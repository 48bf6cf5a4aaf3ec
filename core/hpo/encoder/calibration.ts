/**
 * Turns the encoder's raw similarities into a probability that the nearest term is right: a
 * logistic model over the best score, its margin over the runner-up and whether the phrase is a
 * single word, fitted at build time on the calibration split (held-out synonyms the encoder
 * never trained on) mixed with as many non-finding phrases (word runs from HPO definitions
 * that name no term). A bare cosine means different things in a crowded region of the ontology
 * and in a sparse one, the margin tells them apart; and a lone everyday word ("echo", "born")
 * sits close to some label far more often than a real finding does, which the last feature
 * lets the fit discount.
 */
export interface Calibration {
  /** confidence = σ(score·best + margin·(best − runner-up) + oneWord·[phrase has one word] + bias) */
  score: number;
  margin: number;
  oneWord: number;
  bias: number;
  /** Accept the nearest term when its confidence reaches this. */
  threshold: number;
  /** The precision on the calibration set the threshold was chosen for. */
  targetPrecision: number;
}

export function confidence(c: Calibration, best: number, runnerUp: number, words: number): number {
  const z = c.score * best + c.margin * (best - runnerUp) + c.oneWord * (words <= 1 ? 1 : 0) + c.bias;
  return 1 / (1 + Math.exp(-z));
}
