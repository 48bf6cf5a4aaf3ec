import { describe, expect, it } from 'vitest';
import { OrtScorer } from '../../../core/hpo/encoder/ort-scorer.js';
import { seededRandom } from '../../../core/util/random.js';

describe('OrtScorer', () => {
  it('computes every query-label dot product in ONNX Runtime', async () => {
    const random = seededRandom(3);
    const dim = 8;
    const labels = 50;
    const vectors = Float32Array.from({ length: labels * dim }, () => random() - 0.5);
    const queries = Float32Array.from({ length: 2 * dim }, () => random() - 0.5);
    const scorer = await OrtScorer.create(vectors, dim);
    const got = await scorer.scores(queries, 2);
    expect(got).toHaveLength(2 * labels);
    for (let q = 0; q < 2; q++) {
      for (let l = 0; l < labels; l++) {
        let want = 0;
        for (let k = 0; k < dim; k++) want += queries[q * dim + k]! * vectors[l * dim + k]!;
        expect(got[q * labels + l]).toBeCloseTo(want, 5);
      }
    }
  });
});
