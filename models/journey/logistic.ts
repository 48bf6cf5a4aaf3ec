// Logistic regression on three features by Newton's method with a small ridge: the Platt map of
// the journey calibration has three weights, so the exact second-order fit is simpler than any optimiser.

/** The 3×3 system h·x = g by Cramer's rule (the Platt map has exactly three weights). */
function solve3(h: number[][], g: number[]): number[] {
  const det = (m: number[][]): number =>
    m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) - m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) + m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);
  const d = det(h);
  return [0, 1, 2].map((col) => det(h.map((row, r) => row.map((v, c) => (c === col ? g[r]! : v)))) / d);
}

export function fitLogistic(x: readonly [number, number, number][], y: readonly boolean[], l2 = 1e-3, iterations = 30): number[] {
  const d = 3;
  let w = new Array<number>(d).fill(0);
  for (let it = 0; it < iterations; it++) {
    const g = new Array<number>(d).fill(0);
    const h = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    x.forEach((xi, i) => {
      const p = 1 / (1 + Math.exp(-xi.reduce((s, v, k) => s + v * w[k]!, 0)));
      const r = p - (y[i] ? 1 : 0);
      const s = Math.max(p * (1 - p), 1e-9);
      for (let a = 0; a < d; a++) {
        g[a] = g[a]! + r * xi[a]!;
        for (let b = 0; b < d; b++) h[a]![b] = h[a]![b]! + s * xi[a]! * xi[b]!;
      }
    });
    for (let a = 0; a < d; a++) {
      g[a] = g[a]! + l2 * w[a]!;
      h[a]![a] = h[a]![a]! + l2;
    }
    const step = solve3(h, g);
    w = w.map((v, k) => v - step[k]!);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return w;
}

export function logLoss(p: readonly number[], y: readonly boolean[]): number {
  let s = 0;
  p.forEach((v, i) => (s -= Math.log(Math.min(1 - 1e-9, Math.max(1e-9, y[i] ? v : 1 - v)))));
  return s / Math.max(1, p.length);
}
