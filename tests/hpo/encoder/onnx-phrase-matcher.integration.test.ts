import { beforeAll, describe, expect, it } from 'vitest';
import { OnnxPhraseMatcher } from '../../../core/hpo/encoder/onnx-phrase-matcher.js';
import { TermExtractor } from '../../../core/hpo/extract/term-extractor.js';
import type { HpoLoadResult } from '../../../core/hpo/hpo-cache.js';
import { BUILD_TIMEOUT, realModels } from './real-models.js';

let hpo: HpoLoadResult;
let matcher: OnnxPhraseMatcher;
beforeAll(async () => {
  const r = await realModels();
  hpo = r.hpo;
  matcher = await OnnxPhraseMatcher.load(hpo.ontology, { modelsDir: r.dir });
}, BUILD_TIMEOUT);

describe('the encoder as the extraction pipeline\'s second stage', () => {
  it('is an "onnx" matcher whose minimum is the calibrated threshold', () => {
    expect(matcher.source).toBe('onnx');
    expect(matcher.minConfidence).toBe(matcher.encoder.threshold);
  });

  it('proposes terms with confidences, and none for a fragment of a label or an over-long stretch', async () => {
    const r = await matcher.match('widened distance between the eyes');
    expect(r[0]!.id).toBe('HP:0000316');
    expect(r[0]!.confidence).toBeGreaterThanOrEqual(matcher.minConfidence);
    expect((await matcher.match('echo')).some((c) => c.id === 'HP:0033781')).toBe(false); // "Thought echo"
    expect(await matcher.match('x'.repeat(400))).toEqual([]);
  });

  it('adds what the dictionary misses, with negation from the pipeline', async () => {
    const text = 'On examination there was widened distance between the eyes. No widened distance between the eyes in her brother.';
    const dictionaryOnly = new TermExtractor(hpo.ontology).extractWithDictionary(text);
    expect(dictionaryOnly.terms.some((t) => t.id === 'HP:0000316')).toBe(false);
    const withEncoder = await new TermExtractor(hpo.ontology, { matchers: [matcher] }).extract(text);
    const found = withEncoder.terms.filter((t) => t.id === 'HP:0000316');
    expect(found[0]).toMatchObject({ source: 'onnx', negated: false, text: 'widened distance between the eyes' });
  });
});
