// Scoring journeys against the truth for the differential-diagnosis benchmark.
import type { Deliberation } from '../core/agents/journey/knowledge-engine.js';

/**
 * Rank of the true disease in the journey's full order: the hypotheses kept after reflection
 * (ties at their worst), then the untested candidates in the ranker's order; a tested and
 * dropped disease comes after all of them. Infinity when the disease was never scored.
 */
export function journeyRank(r: Deliberation, truth: readonly number[]): number {
  let best = Infinity;
  const tested = new Set(r.tested);
  const kept = new Map(r.active.map((t) => [t.disease, t.test.scoreAfter]));
  for (const d of truth) {
    const s = kept.get(d);
    if (s !== undefined) {
      best = Math.min(best, r.active.filter((t) => t.test.scoreAfter >= s).length);
      continue;
    }
    if (tested.has(d)) {
      best = Math.min(best, r.ranked.length);
      continue;
    }
    const pos = r.ranked.indexOf(d);
    if (pos < 0) continue;
    let untestedAbove = 0;
    for (let i = 0; i < pos; i++) if (!tested.has(r.ranked[i]!)) untestedAbove++;
    best = Math.min(best, r.active.length + untestedAbove + 1);
  }
  return best;
}
