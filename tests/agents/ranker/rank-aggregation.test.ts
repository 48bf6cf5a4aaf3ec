import { describe, expect, it } from 'vitest';
import { aggregate, kendallTau, meanPairwiseTau, spearman } from '../../../core/agents/ranker/rank-aggregation.js';

const sorted = (m: Map<number, number>) => [...m.entries()].sort((a, b) => a[0] - b[0]);

describe('aggregate', () => {
  it('Borda: (n − 1 − p)/(n − 1) points, averaged over the orders', () => {
    const s = aggregate([[1, 2, 3], [2, 1, 3], [1, 3, 2]], 'borda');
    // item 1: 1 + 0.5 + 1; item 2: 0.5 + 1 + 0; item 3: 0 + 0 + 0.5 — each over 3 orders.
    expect(sorted(s).map(([k, v]) => [k, Number(v.toFixed(10))])).toEqual([
      [1, Number((2.5 / 3).toFixed(10))],
      [2, 0.5],
      [3, Number((0.5 / 3).toFixed(10))],
    ]);
    expect(aggregate([[7]], 'borda').get(7)).toBe(1);
  });

  it('is Borda by default', () => {
    expect(aggregate([[4, 5]])).toEqual(aggregate([[4, 5]], 'borda'));
  });

  it('reciprocal-rank fusion: mean of 1/(60 + p + 1)', () => {
    const s = aggregate([[1, 2, 3], [3, 2, 1]], 'rrf');
    expect(s.get(1)).toBeCloseTo((1 / 61 + 1 / 63) / 2, 12);
    expect(s.get(2)).toBeCloseTo(1 / 62, 12);
    expect(s.get(3)).toBeCloseTo((1 / 63 + 1 / 61) / 2, 12);
    // RRF rewards a first place more than Borda does: one first and one last beats two seconds.
    expect(s.get(1)!).toBeGreaterThan(s.get(2)!);
    const b = aggregate([[1, 2, 3], [3, 2, 1]], 'borda');
    expect(b.get(1)).toBeCloseTo(b.get(2)!, 12);
  });

  it('gives nothing for no orders', () => {
    expect(aggregate([]).size).toBe(0);
  });
});

describe('kendallTau', () => {
  it('is 1 for identical orders and −1 for reversed ones', () => {
    const a = Array.from({ length: 50 }, (_, i) => i * 3);
    expect(kendallTau(a, a)).toBe(1);
    expect(kendallTau(a, [...a].reverse())).toBe(-1);
  });

  it('matches hand counts of discordant pairs', () => {
    // One swapped neighbour pair out of 6 pairs: 1 − 2·1/6.
    expect(kendallTau([1, 2, 3, 4], [2, 1, 3, 4])).toBeCloseTo(2 / 3, 12);
    // b = 3,1,2: pairs (1,3) and (2,3) discordant, (1,2) concordant: (1 − 2)/3.
    expect(kendallTau([1, 2, 3], [3, 1, 2])).toBeCloseTo(-1 / 3, 12);
    // a = 10,20,30,40,50 vs b = 30,10,50,20,40: discordant (10,30) (20,30) (20,50) (40,50) → 1 − 8/10.
    expect(kendallTau([10, 20, 30, 40, 50], [30, 10, 50, 20, 40])).toBeCloseTo(0.2, 12);
  });

  it('is symmetric and leaves its inputs alone', () => {
    const a = [5, 1, 4, 2, 3];
    const b = [1, 2, 3, 4, 5];
    expect(kendallTau(a, b)).toBeCloseTo(kendallTau(b, a), 12);
    expect(a).toEqual([5, 1, 4, 2, 3]);
    expect(b).toEqual([1, 2, 3, 4, 5]);
  });

  it('is 1 for fewer than two items', () => {
    expect(kendallTau([], [])).toBe(1);
    expect(kendallTau([3], [3])).toBe(1);
  });
});

describe('meanPairwiseTau', () => {
  it('averages tau over every pair of orders', () => {
    const a = [1, 2, 3];
    const b = [3, 2, 1];
    const c = [2, 1, 3];
    // tau(a,b) = −1, tau(a,c) = 1/3, tau(b,c) = −1/3.
    expect(meanPairwiseTau([a, b, c])).toBeCloseTo((-1 + 1 / 3 - 1 / 3) / 3, 12);
    expect(meanPairwiseTau([a, a])).toBe(1);
  });

  it('is null with fewer than two orders', () => {
    expect(meanPairwiseTau([[1, 2, 3]])).toBeNull();
    expect(meanPairwiseTau([])).toBeNull();
  });
});

describe('spearman', () => {
  it('is ±1 for monotone relations', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 35, 1000])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [9, 5, 2, -7])).toBeCloseTo(-1, 12);
  });

  it('averages tied ranks (Pearson on average ranks)', () => {
    // y ranks 1.5, 1.5, 3.5, 3.5: Σdxdy = 4, Σdx² = 5, Σdy² = 4 → 4/√20.
    expect(spearman([1, 2, 3, 4], [7, 7, 9, 9])).toBeCloseTo(4 / Math.sqrt(20), 12);
    // x = 1..5, y = 2,1,4,3,5: Σd² = 4 → 1 − 6·4/(5·24) = 0.8 (no ties, the classic formula).
    expect(spearman([1, 2, 3, 4, 5], [2, 1, 4, 3, 5])).toBeCloseTo(0.8, 12);
  });

  it('is null when it cannot be computed', () => {
    expect(spearman([1, 2], [1, 2])).toBeNull();
    expect(spearman([1, 2, 3], [1, 2])).toBeNull();
    expect(spearman([1, 2, 3], [4, 4, 4])).toBeNull();
    expect(spearman([5, 5, 5], [1, 2, 3])).toBeNull();
  });
});
