import { seededRandom } from '../../util/random.js';

/**
 * A one-hidden-layer perceptron scoring candidate genes, trained listwise: for each case, a
 * softmax over its candidates' scores with the causal gene as the target. Inputs are
 * standardised with the training set's mean and standard deviation. The same weights are
 * exported to ONNX for inference; this forward pass is the reference the export is tested against.
 */
export interface MlpWeights {
  inputs: number;
  hidden: number;
  mean: Float32Array;
  std: Float32Array;
  w1: Float32Array; // [inputs × hidden]
  b1: Float32Array; // [hidden]
  w2: Float32Array; // [hidden]
  b2: number;
}

export interface RankingExample {
  /** Row-major [candidates × inputs]. */
  x: Float32Array;
  candidates: number;
  /** Index of the causal gene among the candidates. */
  target: number;
}

export function forward(m: MlpWeights, x: Float32Array, rows: number, hiddenOut?: Float32Array): Float32Array {
  const out = new Float32Array(rows);
  const h = hiddenOut ?? new Float32Array(rows * m.hidden);
  for (let r = 0; r < rows; r++) {
    let s = m.b2;
    for (let j = 0; j < m.hidden; j++) {
      let a = m.b1[j]!;
      for (let i = 0; i < m.inputs; i++) a += ((x[r * m.inputs + i]! - m.mean[i]!) / m.std[i]!) * m.w1[i * m.hidden + j]!;
      const v = a > 0 ? a : 0;
      h[r * m.hidden + j] = v;
      s += v * m.w2[j]!;
    }
    out[r] = s;
  }
  return out;
}

export interface TrainOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

function standardise(examples: readonly RankingExample[], inputs: number): { mean: Float32Array; std: Float32Array } {
  const mean = new Float32Array(inputs);
  const sq = new Float32Array(inputs);
  let n = 0;
  for (const e of examples) {
    for (let r = 0; r < e.candidates; r++) {
      n++;
      for (let i = 0; i < inputs; i++) {
        const v = e.x[r * inputs + i]!;
        mean[i]! += v;
        sq[i]! += v * v;
      }
    }
  }
  const std = new Float32Array(inputs);
  for (let i = 0; i < inputs; i++) {
    mean[i]! /= n;
    std[i] = Math.sqrt(Math.max(1e-8, sq[i]! / n - mean[i]! ** 2));
  }
  return { mean, std };
}

/** Trains with Adam on the listwise softmax loss; deterministic for a given seed and example order. */
export function train(examples: readonly RankingExample[], inputs: number, o: TrainOptions): MlpWeights {
  const random = seededRandom(o.seed);
  const { mean, std } = standardise(examples, inputs);
  const H = o.hidden;
  const scale = Math.sqrt(2 / inputs);
  const m: MlpWeights = {
    inputs,
    hidden: H,
    mean,
    std,
    w1: Float32Array.from({ length: inputs * H }, () => (random() * 2 - 1) * scale),
    b1: new Float32Array(H),
    w2: Float32Array.from({ length: H }, () => (random() * 2 - 1) * Math.sqrt(1 / H)),
    b2: 0,
  };
  const params = [m.w1, m.b1, m.w2];
  const mom = params.map((p) => new Float32Array(p.length));
  const vel = params.map((p) => new Float32Array(p.length));
  const grads = params.map((p) => new Float32Array(p.length));
  let step = 0;
  const order = examples.map((_, i) => i);
  // Inputs standardised once (in double precision, as the forward pass computes them), not per hidden unit.
  const z = examples.map((e) => {
    const out = new Float64Array(e.candidates * inputs);
    for (let q = 0; q < out.length; q++) out[q] = (e.x[q]! - mean[q % inputs]!) / std[q % inputs]!;
    return out;
  });
  const hiddenOf = (xs: Float64Array, rows: number, h: Float32Array): Float32Array => {
    const out = new Float32Array(rows);
    for (let r = 0; r < rows; r++) {
      let s = m.b2;
      for (let j = 0; j < H; j++) {
        let a = m.b1[j]!;
        for (let i = 0; i < inputs; i++) a += xs[r * inputs + i]! * m.w1[i * H + j]!;
        const v = a > 0 ? a : 0;
        h[r * H + j] = v;
        s += v * m.w2[j]!;
      }
      out[r] = s;
    }
    return out;
  };
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const batch = 64;
    for (let start = 0; start < order.length; start += batch) {
      for (const g of grads) g.fill(0);
      const idx = order.slice(start, start + batch);
      for (const k of idx) {
        const e = examples[k]!;
        const xs = z[k]!;
        const h = new Float32Array(e.candidates * H);
        const s = hiddenOf(xs, e.candidates, h);
        let max = -Infinity;
        for (const v of s) max = Math.max(max, v);
        let sum = 0;
        const p = s.map((v) => Math.exp(v - max));
        for (const v of p) sum += v;
        for (let r = 0; r < e.candidates; r++) {
          const ds = p[r]! / sum - (r === e.target ? 1 : 0); // d loss / d score
          if (Math.abs(ds) < 1e-7) continue;
          for (let j = 0; j < H; j++) {
            const hv = h[r * H + j]!;
            grads[2]![j]! += ds * hv;
            if (hv <= 0) continue;
            const dh = ds * m.w2[j]!;
            grads[1]![j]! += dh;
            for (let i = 0; i < inputs; i++) grads[0]![i * H + j]! += dh * xs[r * inputs + i]!;
          }
        }
      }
      step++;
      params.forEach((p, pi) => {
        const g = grads[pi]!;
        for (let q = 0; q < p.length; q++) {
          const grad = g[q]! / idx.length + o.l2 * p[q]!;
          mom[pi]![q] = 0.9 * mom[pi]![q]! + 0.1 * grad;
          vel[pi]![q] = 0.999 * vel[pi]![q]! + 0.001 * grad * grad;
          const mh = mom[pi]![q]! / (1 - 0.9 ** step);
          const vh = vel[pi]![q]! / (1 - 0.999 ** step);
          p[q]! -= (o.learningRate * mh) / (Math.sqrt(vh) + 1e-8);
        }
      });
    }
  }
  return m;
}

/**
 * Averages several models trained on the same data (same standardisation) into one: their hidden
 * layers side by side, the output weights divided by their number. The ONNX graph is unchanged.
 */
export function averageModels(models: readonly MlpWeights[]): MlpWeights {
  const first = models[0]!;
  const k = models.length;
  const H = models.reduce((a, m) => a + m.hidden, 0);
  const w1 = new Float32Array(first.inputs * H);
  let offset = 0;
  for (const m of models) {
    for (let i = 0; i < first.inputs; i++) for (let j = 0; j < m.hidden; j++) w1[i * H + offset + j] = m.w1[i * m.hidden + j]!;
    offset += m.hidden;
  }
  return {
    inputs: first.inputs,
    hidden: H,
    mean: first.mean,
    std: first.std,
    w1,
    b1: Float32Array.from(models.flatMap((m) => Array.from(m.b1))),
    w2: Float32Array.from(models.flatMap((m) => Array.from(m.w2, (v) => v / k))),
    b2: models.reduce((a, m) => a + m.b2, 0) / k,
  };
}
