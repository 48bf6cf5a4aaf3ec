import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { featurise, packBatch, type FeatureSpec } from '../../../core/hpo/encoder/featurise.js';
import { seededRandom } from '../../../core/util/random.js';
import { encoderOnnx } from '../../../models/encoder/export.js';
import { classifierOnnx } from '../../../models/classifier/export.js';
import { predictTs, type TrainedClassifier } from '../../../models/classifier/train.js';
import { bagSum, normaliseInPlace } from '../../../models/shared/bag.js';
import { tempDir } from '../../helpers.js';

// The exported graphs must compute exactly what the TypeScript training code computes, for
// random weights and real phrases; ONNX Runtime runs them from disk as the app does.
const spec: FeatureSpec = { buckets: 4096, minN: 3, maxN: 5, word: 1, stem: 1, pair: 0.5, chars: 1, maxWords: 24 };
const phrases = ['Seizure', 'eyes far apart', 'short stature with small hands and feet', '', 'wobbly when walking'];
const random = seededRandom(7);
const weights = (n: number): Float32Array => Float32Array.from({ length: n }, () => random() * 2 - 1);

async function run(bytes: Uint8Array, output: string): Promise<Float32Array> {
  const path = join(tempDir(), 'model.onnx');
  writeFileSync(path, bytes);
  const session = await ort.InferenceSession.create(path);
  const b = packBatch(phrases.map((p) => featurise(p, spec)));
  const r = await session.run({
    ids: new ort.Tensor('int64', b.ids, [b.batch, b.width]),
    weights: new ort.Tensor('float32', b.weights, [b.batch, b.width]),
  });
  return r[output]!.data as Float32Array;
}

describe('ONNX export', () => {
  it('the encoder graph reproduces the TypeScript embedding bag and normalisation', async () => {
    const dim = 16;
    const table = weights(spec.buckets * dim);
    const got = await run(encoderOnnx({ table, dim, spec, losses: [], ms: 0 }, {}), 'vector');
    expect(got).toHaveLength(phrases.length * dim);
    phrases.forEach((p, i) => {
      const want = new Float32Array(dim);
      bagSum(table, dim, featurise(p, spec), want, 0);
      normaliseInPlace(want, 0, dim);
      for (let k = 0; k < dim; k++) expect(got[i * dim + k]).toBeCloseTo(want[k]!, 5);
    });
    // the empty phrase is a zero vector, not NaN
    expect(Array.from(got.slice(3 * dim, 4 * dim))).toEqual(new Array(dim).fill(0));
  });

  it('the classifier graph reproduces the TypeScript forward pass', async () => {
    const hidden = 8;
    const categories = 5;
    const m: TrainedClassifier = { spec, hidden, categories, table: weights(spec.buckets * hidden), b1: weights(hidden), w2: weights(hidden * categories), b2: weights(categories), losses: [], ms: 0 };
    const got = await run(classifierOnnx(m, {}), 'probabilities');
    phrases.forEach((p, i) => {
      const want = predictTs(m, featurise(p, spec));
      for (let c = 0; c < categories; c++) expect(got[i * categories + c]).toBeCloseTo(want[c]!, 5);
    });
  });
});
