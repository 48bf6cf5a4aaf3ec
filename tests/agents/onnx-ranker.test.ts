import { describe, expect, it } from 'vitest';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { averageModels, forward, train, type RankingExample } from '../../core/agents/onnx-ranker/mlp.js';
import { OnnxRanker, rankerModelDir } from '../../core/agents/onnx-ranker/onnx-ranker.js';
import { mlpToOnnx } from '../../models/ranker/export.js';
import { seededRandom } from '../../core/util/random.js';
import { candidateFeatures, FEATURE_NAMES } from '../../core/agents/onnx-ranker/features.js';
import { KNOWLEDGE_RANKER, PhenotypeRanker, RESNIK_RANKER } from '../../core/genes/ranking/phenotype-ranker.js';
import { prepareQuery } from '../../core/genes/ranking/prepare-query.js';
import { miniKb, tempDir } from '../helpers.js';

/** Lists of 8 candidates with 3 features; the target is the candidate with the largest x0 − x2. */
function synthetic(n: number, seed: number): RankingExample[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const x = Float32Array.from({ length: 8 * 3 }, () => random() * 4 - 2);
    let target = 0;
    for (let r = 1; r < 8; r++) if (x[r * 3]! - x[r * 3 + 2]! > x[target * 3]! - x[target * 3 + 2]!) target = r;
    return { x, candidates: 8, target };
  });
}
const top1 = (m: ReturnType<typeof train>, data: RankingExample[]): number =>
  data.filter((e) => {
    const s = forward(m, e.x, e.candidates);
    return s.indexOf(Math.max(...s)) === e.target;
  }).length / data.length;

describe('listwise MLP', () => {
  it('learns a ranking rule it was not told, and is deterministic for a seed', () => {
    const options = { hidden: 8, epochs: 20, learningRate: 0.01, l2: 0, seed: 3 };
    const m = train(synthetic(400, 1), 3, options);
    expect(top1(m, synthetic(200, 2))).toBeGreaterThan(0.8); // chance is 0.125
    expect(train(synthetic(400, 1), 3, options).w1).toEqual(m.w1);
  });

  it('exports to ONNX with the same scores as the reference forward pass', async () => {
    const m = train(synthetic(100, 4), 3, { hidden: 5, epochs: 3, learningRate: 0.01, l2: 0, seed: 5 });
    const session = await ort.InferenceSession.create(mlpToOnnx(m, { test: '1' }));
    const e = synthetic(1, 6)[0]!;
    const out = await session.run({ features: new ort.Tensor('float32', e.x, [8, 3]) });
    const onnx = Array.from(out.score!.data as Float32Array);
    forward(m, e.x, 8).forEach((v, i) => expect(onnx[i]).toBeCloseTo(v, 4));
  });
});

describe('ranking features', () => {
  it('compute the organ-system overlap and the other-disease features a hand count gives', async () => {
    const kb = await miniKb();
    const knowledge = new PhenotypeRanker(kb, KNOWLEDGE_RANKER);
    const resnik = new PhenotypeRanker(kb, RESNIK_RANKER);
    // Seizure (nervous system) and hypertelorism (eye; head or neck) against GENEA's only disease,
    // annotated with seizure and hypotonia (nervous system only).
    const q = prepareQuery(kb, { observed: ['HP:0001250', 'HP:0000316'] });
    const f = candidateFeatures(kb, knowledge, q, knowledge.scoreNow(q), resnik.scoreNow(q), 10);
    const row = f.genes.indexOf(kb.geneIndex('GENEA')!);
    expect(row).toBeGreaterThanOrEqual(0);
    const value = (name: (typeof FEATURE_NAMES)[number]): number => f.x[row * FEATURE_NAMES.length + FEATURE_NAMES.indexOf(name)]!;
    expect(value('category_coverage')).toBeCloseTo(1 / 2); // one of two findings in a system the disease involves
    expect(value('category_jaccard')).toBeCloseTo(1 / 3); // nervous system shared, of nervous, eye, head or neck
    expect(value('log_gene_diseases')).toBe(0);
    expect(value('second_disease_margin')).toBe(-10); // no second disease
  });
});

describe('seed ensembles', () => {
  it('average several models into one network whose score is the mean of theirs', () => {
    const data = synthetic(100, 7);
    const models = [1, 2, 3].map((seed) => train(data, 3, { hidden: 4, epochs: 2, learningRate: 0.01, l2: 0, seed }));
    const merged = averageModels(models);
    expect(merged.hidden).toBe(12);
    const e = synthetic(1, 8)[0]!;
    const each = models.map((m) => forward(m, e.x, 8));
    forward(merged, e.x, 8).forEach((v, r) => expect(v).toBeCloseTo((each[0]![r]! + each[1]![r]! + each[2]![r]!) / 3, 4));
  });
});

describe('OnnxRanker model files', () => {
  it('says clearly when the model is missing or damaged', async () => {
    const kb = await miniKb();
    await expect(OnnxRanker.load(kb, tempDir())).rejects.toMatchObject({ code: 'model-missing' });
    const dir = tempDir();
    copyFileSync(join(rankerModelDir(), 'ranker.json'), join(dir, 'ranker.json'));
    const bytes = readFileSync(join(rankerModelDir(), 'ranker.onnx'));
    writeFileSync(join(dir, 'ranker.onnx'), bytes.subarray(0, bytes.length - 10));
    await expect(OnnxRanker.load(kb, dir)).rejects.toMatchObject({ code: 'model-corrupt' });
    writeFileSync(join(dir, 'ranker.json'), '{ not json');
    await expect(OnnxRanker.load(kb, dir)).rejects.toMatchObject({ code: 'model-corrupt' });
  });
});
