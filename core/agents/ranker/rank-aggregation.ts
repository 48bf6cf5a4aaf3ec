/**
 * Merging several orders of the same items into one, and measuring how much orders agree.
 *
 * Borda count: in an order of n items the item at position p (0-based) gets (n − 1 − p)/(n − 1)
 * points; an item's score is its mean over the orders. Every order weighs the same and every
 * place counts, which suits a handful of full orders of the same pool (the repetitions).
 * Reciprocal-rank fusion (Cormack et al. 2009): Σ 1/(c + p + 1) with c = 60 by convention; it
 * cares mostly about the top of each order.
 */

export type AggregationMethod = 'borda' | 'rrf';
export const AGGREGATION_METHODS: readonly AggregationMethod[] = ['borda', 'rrf'];

const RRF_C = 60;

/** Scores (higher is better) for every item of the orders; all orders must hold the same items. */
export function aggregate(orders: readonly (readonly number[])[], method: AggregationMethod = 'borda'): Map<number, number> {
  const out = new Map<number, number>();
  for (const order of orders) {
    const n = order.length;
    order.forEach((item, p) => {
      const v = method === 'borda' ? (n > 1 ? (n - 1 - p) / (n - 1) : 1) : 1 / (RRF_C + p + 1);
      out.set(item, (out.get(item) ?? 0) + v / orders.length);
    });
  }
  return out;
}

/** Kendall's tau-a between two orders of the same items (1 identical, −1 reversed). */
export function kendallTau(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  if (n < 2) return 1;
  const posB = new Map<number, number>();
  b.forEach((item, p) => posB.set(item, p));
  const seq = a.map((item) => posB.get(item)!);
  // Discordant pairs are inversions of seq; counted by merge sort in O(n log n).
  const inversions = countInversions(seq);
  const pairs = (n * (n - 1)) / 2;
  return 1 - (2 * inversions) / pairs;
}

function countInversions(xs: number[]): number {
  if (xs.length < 2) return 0;
  const mid = xs.length >> 1;
  const left = xs.slice(0, mid);
  const right = xs.slice(mid);
  let count = countInversions(left) + countInversions(right);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < left.length && j < right.length) {
    if (left[i]! <= right[j]!) xs[k++] = left[i++]!;
    else {
      xs[k++] = right[j++]!;
      count += left.length - i;
    }
  }
  while (i < left.length) xs[k++] = left[i++]!;
  while (j < right.length) xs[k++] = right[j++]!;
  return count;
}

/** Mean Kendall tau over all pairs of orders; null with fewer than two orders. */
export function meanPairwiseTau(orders: readonly (readonly number[])[]): number | null {
  if (orders.length < 2) return null;
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < orders.length; i++) {
    for (let j = i + 1; j < orders.length; j++) {
      sum += kendallTau(orders[i]!, orders[j]!);
      pairs++;
    }
  }
  return sum / pairs;
}

/** Average ranks (1-based), ties sharing the mean of their positions. */
function averageRanks(values: readonly number[]): number[] {
  const idx = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
  const ranks = new Array<number>(values.length);
  for (let s = 0; s < idx.length; ) {
    let e = s;
    while (e + 1 < idx.length && values[idx[e + 1]!] === values[idx[s]!]) e++;
    for (let k = s; k <= e; k++) ranks[idx[k]!] = (s + e) / 2 + 1;
    s = e + 1;
  }
  return ranks;
}

/** Spearman's rank correlation; null when either side is constant or there are under 3 pairs. */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (x.length !== y.length || x.length < 3) return null;
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const mean = (rx.length + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    const dx = rx[i]! - mean;
    const dy = ry[i]! - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}
