import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EncoderMatcher } from '../../../core/hpo/encoder/encoder-matcher.js';
import { EncoderMetaSchema } from '../../../core/hpo/encoder/phrase-encoder.js';
import { metaPath } from '../../../core/hpo/encoder/model-files.js';
import { loadTermVectors } from '../../../core/hpo/encoder/term-vectors.js';
import type { HpoLoadResult } from '../../../core/hpo/hpo-cache.js';
import { BUILD_TIMEOUT, realModels } from './real-models.js';

let hpo: HpoLoadResult;
let matcher: EncoderMatcher;
let dir: string;
beforeAll(async () => {
  ({ hpo, dir } = await realModels());
  matcher = await EncoderMatcher.load(hpo.ontology, { modelsDir: dir });
}, BUILD_TIMEOUT);

const top = async (phrase: string, k = 5): Promise<string[]> => (await matcher.match(phrase, { k })).map((m) => m.id);

describe('phrase encoder on the real model', () => {
  it('embeds to unit vectors of the model\'s dimension, the same phrase to the same vector', async () => {
    const v = await matcher.encoder.embed(['eyes far apart', 'Seizure', 'eyes far apart']);
    const dim = matcher.encoder.dim;
    expect(v).toHaveLength(3 * dim);
    for (let r = 0; r < 3; r++) {
      let n = 0;
      for (let k = 0; k < dim; k++) n += v[r * dim + k]! ** 2;
      expect(Math.sqrt(n)).toBeCloseTo(1, 4);
    }
    expect(Array.from(v.slice(0, dim))).toEqual(Array.from(v.slice(2 * dim)));
    expect(Array.from(v.slice(0, dim))).not.toEqual(Array.from(v.slice(dim, 2 * dim)));
  });

  it('has a vector for every current label and synonym, cached by model and release', async () => {
    const again = await loadTermVectors(matcher.encoder, hpo.ontology);
    expect(again.from).toBe('cache');
    expect(again.labels.length).toBeGreaterThan(40_000);
    expect(again.vectors).toHaveLength(again.labels.length * matcher.encoder.dim);
    expect(again.path).toContain(matcher.encoder.modelHash.slice(0, 16));
  });

  it('finds lay and paraphrased wording the dictionary lacks', async () => {
    expect(await top('eyes far apart')).toContain('HP:0000316'); // Hypertelorism
    expect(await top('fits')).toContain('HP:0001250'); // Seizure
    // "child" pulls towards childhood seizure types: the first candidate must still be a seizure.
    expect(hpo.ontology.isA((await top('child has fits'))[0]!, 'HP:0001250')).toBe(true);
    expect(await top('low muscle tone')).toContain('HP:0001252'); // Hypotonia
    expect(await top('small head')).toContain('HP:0000252'); // Microcephaly
    expect(await top('kidney cysts')).toContain('HP:0000107'); // Renal cyst
  });

  it('accepts an exact label with high confidence and gives ranked, scored candidates', async () => {
    const r = await matcher.match('Hypertelorism');
    expect(r[0]).toMatchObject({ id: 'HP:0000316', name: 'Hypertelorism', matched: 'Hypertelorism', accepted: true });
    expect(r[0]!.score).toBeCloseTo(1, 3);
    // A lone word is marked down by the calibration (everyday words sit near labels too), but an exact label still clears it.
    expect(r[0]!.confidence).toBeGreaterThan(matcher.threshold);
    expect((await matcher.match('widely spaced eyes'))[0]!.confidence).toBeGreaterThan(0.95);
    expect(r.slice(1).every((m) => !m.accepted && m.score <= r[0]!.score)).toBe(true);
    expect(new Set(r.map((m) => m.id)).size).toBe(r.length);
  });

  it('does not accept wording far from any phenotype', async () => {
    const r = await matcher.match('the weather in Paris');
    expect(r[0]!.accepted).toBe(false);
    expect(await matcher.match('  ... ')).toEqual([]);
  });

  it('refuses a whole note as one phrase', async () => {
    await expect(matcher.match('seizures '.repeat(50))).rejects.toMatchObject({ code: 'phrase-too-long' });
  });

  it('records its calibration and held-out figures in the metadata', () => {
    const meta = EncoderMetaSchema.parse(JSON.parse(readFileSync(metaPath(dir, 'encoder'), 'utf8')));
    expect(meta.hpoVersion).toBe(hpo.ontology.version);
    expect(meta.calibration.threshold).toBeGreaterThan(0);
    expect(meta.calibration.threshold).toBeLessThan(1);
    const recall = (meta.report.testRecall as Record<string, { at5: number }>).all!;
    expect(recall.at5).toBeGreaterThan(0.6);
  });
});
