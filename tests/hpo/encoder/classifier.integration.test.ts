import { beforeAll, describe, expect, it } from 'vitest';
import { CategoryClassifier } from '../../../core/hpo/classifier/category-classifier.js';
import type { HpoLoadResult } from '../../../core/hpo/hpo-cache.js';
import { BUILD_TIMEOUT, realModels } from './real-models.js';

let hpo: HpoLoadResult;
let classifier: CategoryClassifier;
beforeAll(async () => {
  const r = await realModels();
  hpo = r.hpo;
  classifier = await CategoryClassifier.load(hpo.ontology, r.dir);
}, BUILD_TIMEOUT);

const CARDIO = 'HP:0001626';
const NERVOUS = 'HP:0000707';
const HEAD_NECK = 'HP:0000152';
const EYE = 'HP:0000478';
const MUSCULOSKELETAL = 'HP:0033127';

describe('organ-system classifier on the real model', () => {
  it('scores every category, most probable first, with probabilities in 0..1', async () => {
    const r = await classifier.classify('heart murmur');
    expect(r.map((c) => c.categoryId).sort()).toEqual([...hpo.ontology.categoryIds].sort());
    expect(r.every((c, i) => c.probability >= 0 && c.probability <= 1 && (i === 0 || r[i - 1]!.probability >= c.probability))).toBe(true);
    expect(r[0]).toMatchObject({ categoryId: CARDIO, name: 'Abnormality of the cardiovascular system' });
    expect(r[0]!.probability).toBeGreaterThan(classifier.threshold);
  });

  it('files common findings under their organ systems', async () => {
    const best = async (p: string): Promise<string> => (await classifier.classify(p))[0]!.categoryId;
    expect(await best('seizures since infancy')).toBe(NERVOUS);
    expect(await best('cleft palate')).toBe(HEAD_NECK);
    expect(await best('cataract')).toBe(EYE);
    const scoliosis = await classifier.classify('curved spine');
    expect(scoliosis.find((c) => c.categoryId === MUSCULOSKELETAL)!.probability).toBeGreaterThan(classifier.threshold);
  });

  it('classifies a batch in input order', async () => {
    const [a, b] = await classifier.classifyMany(['heart murmur', 'seizure']);
    expect(a![0]!.categoryId).toBe(CARDIO);
    expect(b![0]!.categoryId).toBe(NERVOUS);
    expect(await classifier.classifyMany([])).toEqual([]);
  });
});
