import { normalise, tokens } from '../search/normalise.js';

/**
 * How text becomes the sparse input of the ONNX models: hashed word, word-pair and character
 * n-gram features (fastText style). The hashing lives here, in TypeScript, and the learned
 * weights live in the ONNX file; the spec travels with each model in its metadata file so the
 * runtime always featurises exactly as the model was trained.
 */
export interface FeatureSpec {
  /** Rows of the embedding table: every feature hashes to one of them. */
  buckets: number;
  /** Character n-gram sizes, taken over each word wrapped in "<" and ">". */
  minN: number;
  maxN: number;
  /** Weight of a whole-word feature. */
  word: number;
  /** Weight of the word's stem feature (see stem()); 0 leaves stems out. */
  stem: number;
  /** Weight of an adjacent word-pair feature. */
  pair: number;
  /** Total weight of one word's character n-grams (spread evenly over them). */
  chars: number;
  /** Words read from a phrase; the encoder is for short phrases, not whole notes. */
  maxWords: number;
}

export interface Features {
  ids: Int32Array;
  weights: Float32Array;
}

/** FNV-1a, 32 bit: fast, stable across platforms and Node versions, good enough spread for hashing features. */
export function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * A light suffix stripper, so inflections share a feature: "fits"/"fit", "bruises"/"bruising",
 * "walking"/"walk", "easily"/"easy". Cruder than Porter's, and deliberately so: it only has to
 * map variants of one word together, and the character n-grams carry the rest.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  else if (/(?:ss|us|is)$/.test(w)) return w;
  else if (/(?:x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && w.endsWith('y')) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Words of a phrase as the models see them (normalised, capped at spec.maxWords). */
export function featureWords(text: string, spec: FeatureSpec): string[] {
  return tokens(normalise(text)).slice(0, spec.maxWords);
}

/** Sparse features of one phrase; repeated features add up. Ids are sorted so output is canonical. */
export function featurise(text: string, spec: FeatureSpec): Features {
  const acc = new Map<number, number>();
  const add = (key: string, w: number): void => {
    const id = fnv1a(key) % spec.buckets;
    acc.set(id, (acc.get(id) ?? 0) + w);
  };
  const words = featureWords(text, spec);
  words.forEach((word, i) => {
    add(`w ${word}`, spec.word);
    if (spec.stem) add(`s ${stem(word)}`, spec.stem);
    if (i > 0) add(`p ${words[i - 1]} ${word}`, spec.pair);
    const padded = `<${word}>`;
    const grams: string[] = [];
    for (let n = spec.minN; n <= spec.maxN; n++) {
      for (let s = 0; s + n <= padded.length; s++) grams.push(padded.slice(s, s + n));
    }
    // Spread a fixed total over the n-grams so long words do not outweigh short ones.
    for (const g of grams) add(`c ${g}`, spec.chars / grams.length);
  });
  const ids = Int32Array.from(acc.keys()).sort();
  const weights = Float32Array.from(ids, (id) => acc.get(id)!);
  return { ids, weights };
}

/**
 * Packs phrases into the two padded input tensors the models take: ids (int64) and weights
 * (float32), both [batch, width]. Padding has weight 0, so it adds nothing to the sum.
 */
export function packBatch(features: readonly Features[]): { ids: BigInt64Array; weights: Float32Array; batch: number; width: number } {
  const width = Math.max(1, ...features.map((f) => f.ids.length));
  const ids = new BigInt64Array(features.length * width);
  const weights = new Float32Array(features.length * width);
  features.forEach((f, row) => {
    for (let j = 0; j < f.ids.length; j++) {
      ids[row * width + j] = BigInt(f.ids[j]!);
      weights[row * width + j] = f.weights[j]!;
    }
  });
  return { ids, weights, batch: features.length, width };
}
