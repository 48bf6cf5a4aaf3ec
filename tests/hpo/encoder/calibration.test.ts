import { describe, expect, it } from 'vitest';
import { confidence } from '../../../core/hpo/encoder/calibration.js';
import { acceptance, conf, fitCalibration } from '../../../models/encoder/calibrate.js';
import type { QueryOutcome } from '../../../models/encoder/evaluate.js';
import { seededRandom } from '../../../core/util/random.js';

// Synthetic lookups whose chance of being right rises with score and margin, plus lone words
// that name nothing (never right) at the same scores: the fit must rise with score and margin,
// mark single words down, and its threshold must deliver the target precision on fresh data.
function outcomes(n: number, seed: number): QueryOutcome[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const top1 = 0.3 + 0.7 * random();
    const top2 = top1 - 0.2 * random();
    const nonFinding = random() < 0.3;
    const pRight = nonFinding ? 0 : Math.min(1, Math.max(0, (top1 - 0.3) / 0.6 + (top1 - top2)));
    const words = nonFinding ? 1 : 1 + Math.floor(random() * 4);
    return { text: 'x', gold: nonFinding ? -1 : 0, kind: nonFinding ? 'non-finding' : 'paraphrase', top1, top2, words, rank: random() < pRight ? 0 : -1, terms: [] };
  });
}

describe('fitCalibration', () => {
  const train = outcomes(6000, 1);
  const c = fitCalibration(train, 0.9);

  it('gives higher confidence to higher scores and wider margins, lower to lone words', () => {
    expect(confidence(c, 0.95, 0.8, 2)).toBeGreaterThan(confidence(c, 0.6, 0.45, 2));
    expect(confidence(c, 0.8, 0.6, 2)).toBeGreaterThan(confidence(c, 0.8, 0.79, 2));
    expect(confidence(c, 0.9, 0.7, 1)).toBeLessThan(confidence(c, 0.9, 0.7, 3));
  });

  it('chooses a threshold that reaches the target precision on its own data and holds on fresh data', () => {
    expect(acceptance(c, train).precision).toBeGreaterThanOrEqual(0.9);
    const fresh = acceptance(c, outcomes(6000, 2));
    expect(fresh.precision).toBeGreaterThan(0.85);
    expect(fresh.coverage).toBeGreaterThan(0.1);
    expect(fresh.coverage).toBeLessThan(0.9);
  });

  it('is roughly calibrated: mean confidence tracks the share right', () => {
    const fresh = outcomes(6000, 3);
    const mean = fresh.reduce((s, o) => s + conf(c, o), 0) / fresh.length;
    const right = fresh.filter((o) => o.rank === 0).length / fresh.length;
    expect(Math.abs(mean - right)).toBeLessThan(0.03);
  });
});
