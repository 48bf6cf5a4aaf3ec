import { beforeAll, describe, expect, it } from 'vitest';
import type { TermExtractor } from '../../../core/hpo/extract/term-extractor.js';
import { brief, miniExtractor } from './fixtures.js';

let ex: TermExtractor;
beforeAll(async () => {
  ex = await miniExtractor();
});
const run = (text: string): string[] => brief(ex.extractWithDictionary(text).terms);

describe('negation', () => {
  it('negates what a trigger governs', () => {
    expect(run('No seizures.')).toEqual(['HP:0001250-']);
    expect(run('He denies hearing loss.')).toEqual(['HP:0000365-']);
    expect(run('Negative for microcephaly.')).toEqual(['HP:0000252-']);
    expect(run('Absence of hypotonia on examination.')).toEqual(['HP:0001252-']);
    expect(run('Without dysmorphic facial features.')).toEqual(['HP:0001999-']);
    expect(run('She has never had seizures.')).toEqual(['HP:0001250-']);
    expect(run('Free of seizures since March.')).toEqual(['HP:0001250-']);
    expect(run('Did not meet criteria for autism spectrum disorder.')).toEqual(['HP:0000729-']);
    expect(run('He is not deaf.')).toEqual(['HP:0000365-']);
  });

  it('negates through a post-position trigger', () => {
    expect(run('Seizures were ruled out.')).toEqual(['HP:0001250-']);
    expect(run('Hypotonia absent.')).toEqual(['HP:0001252-']);
    expect(run('Microcephaly was excluded; hypotonia is present.')).toEqual(['HP:0000252-', 'HP:0001252']);
  });

  it('ends the scope at a comma, a contrast, a semicolon or the sentence', () => {
    expect(run('no hearing loss, wide-set eyes')).toEqual(['HP:0000365-', 'HP:0000316']);
    expect(run('No seizures but hypotonia.')).toEqual(['HP:0001250-', 'HP:0001252']);
    expect(run('No seizures; however microcephaly.')).toEqual(['HP:0001250-', 'HP:0000252']);
    expect(run('No seizures. Hypotonia.')).toEqual(['HP:0001250-', 'HP:0001252']);
    expect(run('No seizures although hypotonia was noted.')).toEqual(['HP:0001250-', 'HP:0001252']);
  });

  it('carries a negation through a list closed by "or"', () => {
    expect(run('No seizures, hypotonia or hearing loss.')).toEqual(['HP:0001250-', 'HP:0001252-', 'HP:0000365-']);
    expect(run('No seizures or microcephaly.')).toEqual(['HP:0001250-', 'HP:0000252-']);
  });

  it('stops after a few words', () => {
    expect(run('No concerns from school about reading or writing or maths this year and microcephaly.')).toEqual(['HP:0000252']);
  });

  it('ignores pseudo-triggers', () => {
    expect(run('No change in his seizures.')).toEqual(['HP:0001250']);
    expect(run('Not only seizures but also hypotonia.')).toEqual(['HP:0001250', 'HP:0001252']);
  });

  it('marks hedged findings as uncertain, not negated, with at most half the confidence', () => {
    const r = ex.extractWithDictionary('Possible autism spectrum disorder. ?Seizures at night. Hypotonia cannot be excluded.').terms;
    expect(brief(r)).toEqual(['HP:0000729?', 'HP:0001250?', 'HP:0001252?']);
    for (const t of r) expect(t.confidence).toBeLessThanOrEqual(0.5);
    expect(run('Hypotonia is not excluded.')).toEqual(['HP:0001252?']);
    expect(run('Referred for assessment for autism spectrum disorder.')).toEqual(['HP:0000729?']);
  });
});
