import { median, quantile } from '../util/stats.js';

export interface RankMetrics {
  cases: number;
  top1: number;
  top3: number;
  top5: number;
  top10: number;
  top50: number;
  mrr: number;
}

const round4 = (x: number): number => Math.round(x * 1e4) / 1e4;

/** Top-k rates and mean reciprocal rank; a miss is rank Infinity (reciprocal 0). */
export function rankMetrics(ranks: readonly number[]): RankMetrics {
  const n = ranks.length;
  const share = (k: number): number => (n ? round4(ranks.filter((r) => r <= k).length / n) : 0);
  return {
    cases: n,
    top1: share(1),
    top3: share(3),
    top5: share(5),
    top10: share(10),
    top50: share(50),
    mrr: n ? round4(ranks.reduce((a, r) => a + (Number.isFinite(r) ? 1 / r : 0), 0) / n) : 0,
  };
}

export function timing(ms: readonly number[]): { median: number; p95: number } {
  return { median: Math.round(median(ms) * 100) / 100, p95: Math.round(quantile(ms, 0.95) * 100) / 100 };
}

/**
 * Rank of a true item when ties count at their worst: the number of scored items whose score is
 * at least the true item's. Infinity when the true item was not scored.
 */
export function worstTiedRank(scores: Float64Array, truth: number, among?: readonly number[]): number {
  const v = scores[truth]!;
  if (!(v > -Infinity)) return Infinity;
  let r = 0;
  if (among) {
    for (const i of among) if (scores[i]! >= v) r++;
  } else {
    for (let i = 0; i < scores.length; i++) if (scores[i]! >= v) r++;
  }
  return r;
}
