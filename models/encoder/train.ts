import type { Ontology } from '../../core/hpo/ontology.js';
import { featurise, type Features, type FeatureSpec } from '../../core/hpo/encoder/featurise.js';
import { seededRandom, shuffled } from '../../core/util/random.js';
import { RowAdam } from '../shared/adam.js';
import { bagSum, dropFeatures, normaliseInPlace } from '../shared/bag.js';
import type { SplitLabel } from '../shared/splits.js';
import type { WordnetGroup } from './wordnet.js';

/**
 * Trains the phrase encoder: an embedding bag over hashed features, L2-normalised, so that two
 * labels of the same HPO term land close together and labels of different terms apart. The
 * objective is symmetric InfoNCE with in-batch negatives: each batch holds one (anchor,
 * positive) pair of labels per term, drawn from the term's training labels (name, synonyms,
 * layperson synonyms) and, less often, its definition, which carries everyday wording the
 * labels lack. Half the epochs take terms in a random depth-first walk of the hierarchy, so a
 * batch holds siblings and cousins: hard negatives such as hypertelorism vs hypotelorism.
 * Batches of WordNet synsets (wordnet.ts) and of the lay lexicon (lay-lexicon.ts) are
 * interleaved with the term batches, never mixed into them, so a word group is not taken as a
 * negative of the term it describes.
 */
export interface EncoderTrainOptions {
  spec: FeatureSpec;
  dim: number;
  epochs: number;
  batch: number;
  lr: number;
  /** Softmax temperature of the contrastive loss. */
  temperature: number;
  /** Probability of keeping each feature of a training view (feature dropout). */
  keep: number;
  /** Probability that a term's positive view is its definition rather than another label. */
  definitionRate: number;
  /** Share of the WordNet groups drawn each epoch (0 leaves WordNet out). */
  wordnetShare: number;
  seed: number;
  log?: (line: string) => void;
}

export interface TrainedEncoder {
  table: Float32Array;
  dim: number;
  spec: FeatureSpec;
  losses: number[];
  ms: number;
}

interface TermViews {
  labels: Features[];
  definition?: Features;
}

function termViews(ontology: Ontology, labels: readonly SplitLabel[], spec: FeatureSpec): Map<number, TermViews> {
  const views = new Map<number, TermViews>();
  for (const l of labels) {
    if (l.split !== 'train') continue;
    let v = views.get(l.term);
    if (!v) {
      v = { labels: [] };
      const def = ontology.terms[l.term]!.definition;
      if (def) v.definition = featurise(def, { ...spec, maxWords: 48 });
      views.set(l.term, v);
    }
    v.labels.push(featurise(l.text, spec));
  }
  return views;
}

/** Terms in a depth-first walk from the root with children in random order: neighbours in the list are relatives. */
function hierarchyOrder(ontology: Ontology, terms: Set<number>, random: () => number): number[] {
  const root = ontology.indexOf('HP:0000001');
  const order: number[] = [];
  const seen = new Uint8Array(ontology.size);
  const stack = root === undefined ? [] : [root];
  while (stack.length) {
    const t = stack.pop()!;
    if (seen[t]) continue;
    seen[t] = 1;
    if (terms.has(t)) order.push(t);
    for (const c of shuffled(Array.from(ontology.childIndexes[t]!), random)) if (!seen[c]) stack.push(c);
  }
  for (const t of terms) if (!seen[t]) order.push(t);
  return order;
}

function wordnetViews(groups: readonly WordnetGroup[], spec: FeatureSpec): TermViews[] {
  return groups.map((g) => {
    const v: TermViews = { labels: g.words.map((w) => featurise(w, spec)) };
    if (g.gloss) v.definition = featurise(g.gloss, { ...spec, maxWords: 48 });
    return v;
  });
}

/**
 * `wordnet` groups are sampled (a share per epoch); `lexicon` groups, the hand-written lay
 * vocabulary, are few and drawn every epoch.
 */
export function trainEncoder(
  ontology: Ontology,
  labels: readonly SplitLabel[],
  extra: { wordnet: readonly WordnetGroup[]; lexicon: readonly WordnetGroup[] },
  o: EncoderTrainOptions,
): TrainedEncoder {
  const started = performance.now();
  const random = seededRandom(o.seed);
  const { dim, batch: B } = o;
  const table = new Float32Array(o.spec.buckets * dim);
  const scale = 0.1 / Math.sqrt(dim);
  for (let i = 0; i < table.length; i++) table[i] = (random() * 2 - 1) * scale;
  const adam = new RowAdam(table, dim, o.lr);
  const views = termViews(ontology, labels, o.spec);
  const terms = Array.from(views.keys());
  const termSet = new Set(terms);
  const synsets = wordnetViews(extra.wordnet, o.spec);
  const lexicon = wordnetViews(extra.lexicon, o.spec);

  const za = new Float32Array(B * dim);
  const zp = new Float32Array(B * dim);
  const na = new Float32Array(B);
  const np = new Float32Array(B);
  const sims = new Float32Array(B * B);
  const dS = new Float32Array(B * B);
  const ga = new Float32Array(B * dim);
  const gp = new Float32Array(B * dim);
  const losses: number[] = [];

  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const order = (epoch % 2 === 1 ? hierarchyOrder(ontology, termSet, random) : shuffled(terms, random)).map((t) => views.get(t)!);
    const drawn = shuffled([...lexicon, ...shuffled(synsets, random).slice(0, Math.round(synsets.length * o.wordnetShare))], random);
    // Batches in random order, so the learning-rate decay does not always meet the same subtrees last.
    const chunks = shuffled([...chunk(order, B), ...chunk(drawn, B)], random);
    let epochLoss = 0;
    let steps = 0;
    for (const items of chunks) {
      const n = items.length;
      if (n < 2) continue;
      const fa: Features[] = [];
      const fp: Features[] = [];
      for (const v of items) {
        const i = Math.floor(random() * v.labels.length);
        let j = v.labels.length > 1 ? Math.floor(random() * (v.labels.length - 1)) : i;
        if (v.labels.length > 1 && j >= i) j++;
        const useDef = v.definition && (v.labels.length === 1 || random() < o.definitionRate);
        fa.push(dropFeatures(v.labels[i]!, o.keep, random));
        fp.push(dropFeatures(useDef ? v.definition! : v.labels[j]!, o.keep, random));
      }
      for (let r = 0; r < n; r++) {
        bagSum(table, dim, fa[r]!, za, r * dim);
        na[r] = normaliseInPlace(za, r * dim, dim);
        bagSum(table, dim, fp[r]!, zp, r * dim);
        np[r] = normaliseInPlace(zp, r * dim, dim);
      }
      const invT = 1 / o.temperature;
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          let s = 0;
          for (let k = 0; k < dim; k++) s += za[r * dim + k]! * zp[c * dim + k]!;
          sims[r * n + c] = s * invT;
        }
      }
      // Symmetric cross-entropy: rows pick the positive among all positives, columns the anchor.
      dS.fill(0, 0, n * n);
      let loss = 0;
      for (let r = 0; r < n; r++) {
        let max = -Infinity;
        for (let c = 0; c < n; c++) max = Math.max(max, sims[r * n + c]!);
        let sum = 0;
        for (let c = 0; c < n; c++) sum += Math.exp(sims[r * n + c]! - max);
        loss += -(sims[r * n + r]! - max - Math.log(sum));
        for (let c = 0; c < n; c++) dS[r * n + c]! += (Math.exp(sims[r * n + c]! - max) / sum - (r === c ? 1 : 0)) / (2 * n);
      }
      for (let c = 0; c < n; c++) {
        let max = -Infinity;
        for (let r = 0; r < n; r++) max = Math.max(max, sims[r * n + c]!);
        let sum = 0;
        for (let r = 0; r < n; r++) sum += Math.exp(sims[r * n + c]! - max);
        loss += -(sims[c * n + c]! - max - Math.log(sum));
        for (let r = 0; r < n; r++) dS[r * n + c]! += (Math.exp(sims[r * n + c]! - max) / sum - (r === c ? 1 : 0)) / (2 * n);
      }
      epochLoss += loss / (2 * n);
      steps++;
      ga.fill(0, 0, n * dim);
      gp.fill(0, 0, n * dim);
      for (let r = 0; r < n; r++) {
        for (let c = 0; c < n; c++) {
          const g = dS[r * n + c]! * invT;
          if (g === 0) continue;
          for (let k = 0; k < dim; k++) {
            ga[r * dim + k]! += g * zp[c * dim + k]!;
            gp[c * dim + k]! += g * za[r * dim + k]!;
          }
        }
      }
      backToRows(adam, fa, za, na, ga, n, dim);
      backToRows(adam, fp, zp, np, gp, n, dim);
      const progress = (epoch + steps / chunks.length) / o.epochs;
      adam.update(o.lr * (1 - 0.9 * progress));
    }
    losses.push(epochLoss / Math.max(1, steps));
    o.log?.(`encoder epoch ${epoch + 1}/${o.epochs}: loss ${losses[losses.length - 1]!.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  return { table, dim, spec: o.spec, losses, ms: performance.now() - started };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Through the normalisation (d z/d s = (I − z zᵀ)/|s|) to the table rows each feature hashed to. */
function backToRows(adam: RowAdam, feats: Features[], z: Float32Array, norms: Float32Array, gz: Float32Array, n: number, dim: number): void {
  const gs = new Float32Array(dim);
  for (let r = 0; r < n; r++) {
    const len = norms[r]!;
    if (len < 1e-12) continue;
    let dot = 0;
    for (let k = 0; k < dim; k++) dot += z[r * dim + k]! * gz[r * dim + k]!;
    for (let k = 0; k < dim; k++) gs[k] = (gz[r * dim + k]! - z[r * dim + k]! * dot) / len;
    const f = feats[r]!;
    for (let j = 0; j < f.ids.length; j++) adam.addRow(f.ids[j]!, gs, 0, f.weights[j]!);
  }
}
