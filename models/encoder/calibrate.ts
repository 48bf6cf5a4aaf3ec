import { confidence, type Calibration } from '../../core/hpo/encoder/calibration.js';
import type { QueryOutcome } from './evaluate.js';

const features = (o: QueryOutcome): number[] => [o.top1, o.top1 - o.top2, o.words <= 1 ? 1 : 0, 1];

/**
 * Fits the confidence model on lookups (was the nearest term right, given its score, margin and
 * the phrase's length?) by Newton's method on the ridge-regularised logistic loss, then picks the
 * lowest threshold whose accepted lookups are right at least `targetPrecision` of the time.
 */
export function fitCalibration(outcomes: readonly QueryOutcome[], targetPrecision: number): Calibration {
  const xs = outcomes.map(features);
  const ys = outcomes.map((o) => (o.rank === 0 ? 1 : 0));
  const d = 4;
  const w = new Array<number>(d).fill(0);
  const ridge = 1e-3;
  for (let iter = 0; iter < 50; iter++) {
    const grad = w.map((v) => ridge * v);
    const hess = Array.from({ length: d }, (_, a) => Array.from({ length: d }, (_, b) => (a === b ? ridge : 0)));
    xs.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, k) => s + v * w[k]!, 0)));
      const r = p - ys[i]!;
      for (let a = 0; a < d; a++) {
        grad[a]! += r * x[a]!;
        for (let b = 0; b < d; b++) hess[a]![b]! += p * (1 - p) * x[a]! * x[b]!;
      }
    });
    const step = solve(hess, grad);
    for (let a = 0; a < d; a++) w[a]! -= step[a]!;
    if (Math.max(...step.map(Math.abs)) < 1e-9) break;
  }
  const c: Calibration = { score: w[0]!, margin: w[1]!, oneWord: w[2]!, bias: w[3]!, threshold: 1, targetPrecision };
  // Walk down the confidences: the threshold is the lowest one that keeps precision on target.
  const scored = outcomes.map((o) => ({ conf: conf(c, o), right: o.rank === 0 })).sort((a, b) => b.conf - a.conf);
  let right = 0;
  let threshold = 1;
  scored.forEach((s, i) => {
    if (s.right) right++;
    if (right / (i + 1) >= targetPrecision) threshold = s.conf;
  });
  return { ...c, threshold };
}

export const conf = (c: Calibration, o: QueryOutcome): number => confidence(c, o.top1, o.top2, o.words);

/** Gaussian elimination with partial pivoting for the small Newton system. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Precision and coverage of accepted lookups at the calibrated threshold; for non-findings, the share wrongly accepted. */
export function acceptance(c: Calibration, outcomes: readonly QueryOutcome[]): { n: number; accepted: number; precision: number; coverage: number } {
  const acc = outcomes.filter((o) => conf(c, o) >= c.threshold);
  const right = acc.filter((o) => o.rank === 0).length;
  return { n: outcomes.length, accepted: acc.length, precision: acc.length ? right / acc.length : 0, coverage: outcomes.length ? acc.length / outcomes.length : 0 };
}
