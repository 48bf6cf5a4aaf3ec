import type { Ontology } from '../../core/hpo/ontology.js';
import { featurise, type Features, type FeatureSpec } from '../../core/hpo/encoder/featurise.js';
import { termLabels } from '../../core/hpo/encoder/labels.js';
import { seededRandom, shuffled } from '../../core/util/random.js';
import { RowAdam } from '../shared/adam.js';
import { bagSum, dropFeatures } from '../shared/bag.js';

/**
 * Trains the organ-system classifier: embedding bag → tanh hidden layer → one sigmoid per
 * category (multi-label: a term can sit in several organ systems). Examples are every label and
 * synonym of the training terms, plus their definitions (more everyday words per system),
 * targeted at the term's categories (Ontology.categoryMask). Terms outside "Phenotypic
 * abnormality" (modifiers, inheritance, onset) are kept with no category, so such phrases learn
 * to score low everywhere.
 */
export interface ClassifierTrainOptions {
  spec: FeatureSpec;
  hidden: number;
  epochs: number;
  batch: number;
  lr: number;
  keep: number;
  seed: number;
  log?: (line: string) => void;
}

export interface TrainedClassifier {
  spec: FeatureSpec;
  hidden: number;
  categories: number;
  table: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
  losses: number[];
  ms: number;
}

interface Example {
  f: Features;
  mask: number;
}

export function classifierExamples(ontology: Ontology, spec: FeatureSpec, exclude: Set<number>): Example[] {
  const out: Example[] = [];
  for (const l of termLabels(ontology)) {
    if (exclude.has(l.term)) continue;
    out.push({ f: featurise(l.text, spec), mask: ontology.categoryMask(l.term) });
  }
  ontology.terms.forEach((t, i) => {
    if (!t.obsolete && t.definition && !exclude.has(i)) out.push({ f: featurise(t.definition, { ...spec, maxWords: 48 }), mask: ontology.categoryMask(i) });
  });
  return out;
}

export function trainClassifier(ontology: Ontology, heldOut: Set<number>, o: ClassifierTrainOptions): TrainedClassifier {
  const started = performance.now();
  const random = seededRandom(o.seed);
  const H = o.hidden;
  const C = ontology.categoryIds.length;
  const init = (n: number, scale: number): Float32Array => Float32Array.from({ length: n }, () => (random() * 2 - 1) * scale);
  const m: TrainedClassifier = {
    spec: o.spec,
    hidden: H,
    categories: C,
    table: init(o.spec.buckets * H, 0.1 / Math.sqrt(H)),
    b1: new Float32Array(H),
    w2: init(H * C, Math.sqrt(6 / (H + C))),
    b2: new Float32Array(C).fill(-3),
    losses: [],
    ms: 0,
  };
  const tableAdam = new RowAdam(m.table, H, o.lr);
  const b1Adam = new RowAdam(m.b1, H, o.lr);
  const w2Adam = new RowAdam(m.w2, C, o.lr);
  const b2Adam = new RowAdam(m.b2, C, o.lr);
  const examples = classifierExamples(ontology, o.spec, heldOut);
  const s = new Float32Array(H);
  const h = new Float32Array(H);
  const dz = new Float32Array(C);
  const da = new Float32Array(H);

  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = shuffled(examples, random);
    let total = 0;
    for (let start = 0; start < order.length; start += o.batch) {
      const batch = order.slice(start, start + o.batch);
      const inv = 1 / batch.length;
      for (const ex of batch) {
        const f = dropFeatures(ex.f, o.keep, random);
        bagSum(m.table, H, f, s, 0);
        for (let k = 0; k < H; k++) h[k] = Math.tanh(s[k]! + m.b1[k]!);
        for (let c = 0; c < C; c++) {
          let z = m.b2[c]!;
          for (let k = 0; k < H; k++) z += h[k]! * m.w2[k * C + c]!;
          const p = 1 / (1 + Math.exp(-z));
          const y = (ex.mask >>> c) & 1;
          total -= y ? Math.log(Math.max(p, 1e-7)) : Math.log(Math.max(1 - p, 1e-7));
          dz[c] = p - y;
        }
        for (let k = 0; k < H; k++) {
          let g = 0;
          for (let c = 0; c < C; c++) g += m.w2[k * C + c]! * dz[c]!;
          da[k] = g * (1 - h[k]! * h[k]!);
          // W2's row k gets h_k · dz.
          w2Adam.addRow(k, dz, 0, h[k]! * inv);
        }
        b2Adam.addRow(0, dz, 0, inv);
        b1Adam.addRow(0, da, 0, inv);
        for (let j = 0; j < f.ids.length; j++) tableAdam.addRow(f.ids[j]!, da, 0, f.weights[j]! * inv);
      }
      const lr = o.lr * (1 - 0.9 * ((epoch + start / order.length) / o.epochs));
      for (const a of [tableAdam, b1Adam, w2Adam, b2Adam]) a.update(lr);
    }
    m.losses.push(total / order.length);
    o.log?.(`classifier epoch ${epoch + 1}/${o.epochs}: loss ${m.losses[m.losses.length - 1]!.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  m.ms = performance.now() - started;
  return m;
}

/** Category probabilities in TypeScript (the same arithmetic as the ONNX graph), for evaluation during the build. */
export function predictTs(m: TrainedClassifier, f: Features): Float32Array {
  const H = m.hidden;
  const C = m.categories;
  const s = new Float32Array(H);
  bagSum(m.table, H, f, s, 0);
  const h = Float32Array.from(s, (v, k) => Math.tanh(v + m.b1[k]!));
  const p = new Float32Array(C);
  for (let c = 0; c < C; c++) {
    let z = m.b2[c]!;
    for (let k = 0; k < H; k++) z += h[k]! * m.w2[k * C + c]!;
    p[c] = 1 / (1 + Math.exp(-z));
  }
  return p;
}
