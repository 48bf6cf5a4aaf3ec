/**
 * From journey scores to calibrated probabilities. A softmax with temperature T over the tested
 * hypotheses says how the leader compares with its rivals; a logistic (Platt) map on top of it,
 * which also sees how well the leader fits the findings at all, gives the probability that the
 * leader is right. The rest of the list keeps the softmax's relative odds, and what is left is
 * the probability of a diagnosis outside the list (or outside the knowledge base).
 *
 * The parameters are fitted by models/journey/fit-calibration.ts on part of the dev cases
 * (split by gene cohort) and committed as models/journey/calibration.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageRoot } from '../../data/paths.js';
import { OdysseyError } from '../../errors.js';

export const BudgetCalibrationSchema = z.object({
  temperature: z.number().positive(),
  /** Weights of [logit(softmax top-1), leader score per observed finding, 1]. */
  platt: z.tuple([z.number(), z.number(), z.number()]),
});
export type BudgetCalibration = z.infer<typeof BudgetCalibrationSchema>;

export const CalibrationSchema = z.object({
  format: z.literal(1),
  /** Budgets test different numbers of hypotheses, so each has its own map. */
  budgets: z.object({ quick: BudgetCalibrationSchema, standard: BudgetCalibrationSchema, deep: BudgetCalibrationSchema }),
  /** How often a feature the patient has is recorded in a case (see TestParams.recordRate). */
  recordRate: z.number().min(0).max(1),
  /** Below this top-1 probability the conclusion is "insufficient evidence". */
  insufficientBelow: z.number().min(0).max(1),
  fit: z.record(z.string(), z.unknown()),
});
export type Calibration = z.infer<typeof CalibrationSchema>;

export function calibrationPath(): string {
  return join(packageRoot(), 'models', 'journey', 'calibration.json');
}

export function loadCalibration(path = calibrationPath()): Calibration {
  const hint = 'Rebuild it with `npm run build && node dist/models/journey/fit-calibration.js`, or restore models/journey/calibration.json from the repository.';
  if (!existsSync(path)) throw new OdysseyError('model-missing', `The journey calibration ${path} is missing.`, hint);
  try {
    return CalibrationSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    throw new OdysseyError('model-corrupt', `The journey calibration ${path} is damaged.`, hint, { cause: e });
  }
}

export function softmax(scores: readonly number[], temperature: number): number[] {
  if (!scores.length) return [];
  const m = Math.max(...scores);
  const w = scores.map((s) => Math.exp((s - m) / temperature));
  const z = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / z);
}

const logit = (p: number): number => Math.log(Math.max(1e-6, p) / Math.max(1e-6, 1 - p));
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The Platt features of a scored list (best first) for `observedCount` findings. */
export function plattFeatures(scores: readonly number[], observedCount: number, temperature: number): [number, number, number] {
  const s = softmax(scores, temperature);
  return [logit(s[0] ?? 0), (scores[0] ?? 0) / Math.max(1, observedCount), 1];
}

export interface Posterior {
  /** Per hypothesis, in the order given (best first). */
  probabilities: number[];
  /** A diagnosis outside the list. */
  other: number;
}

/** Calibrated probabilities for hypotheses sorted best first. */
export function posterior(scores: readonly number[], observedCount: number, c: BudgetCalibration): Posterior {
  if (!scores.length) return { probabilities: [], other: 1 };
  const s = softmax(scores, c.temperature);
  const x = plattFeatures(scores, observedCount, c.temperature);
  const p1 = sigmoid(x[0] * c.platt[0] + x[1] * c.platt[1] + x[2] * c.platt[2]);
  // The list keeps the softmax's odds, scaled so that neither the leader nor the rest claim
  // more than the calibrated leader allows.
  const s1 = s[0]!;
  const scale = Math.min(p1 / s1, s1 < 1 ? (1 - p1) / (1 - s1) : Infinity);
  const probabilities = s.map((v, i) => (i === 0 ? p1 : v * scale));
  const other = Math.max(0, 1 - probabilities.reduce((a, b) => a + b, 0));
  return { probabilities, other };
}
