import { beforeAll, describe, expect, it } from 'vitest';
import type { TermExtractor } from '../../../core/hpo/extract/term-extractor.js';
import { brief, miniExtractor } from './fixtures.js';

let ex: TermExtractor;
beforeAll(async () => {
  ex = await miniExtractor();
});
const run = (text: string): string[] => brief(ex.extractWithDictionary(text).terms);

describe('abbreviations', () => {
  it('matches clinic abbreviations as written, plurals included', () => {
    expect(run('GDD and FTT.')).toEqual(['HP:0001263', 'HP:0001508']);
    expect(run('Two VSDs on echo.')).toEqual(['HP:0001629']);
    expect(run('Moderate ID.')).toEqual(['HP:0001249']);
  });

  it('never matches them in lower case prose or as identifiers', () => {
    expect(run('the id of the gdd clinic')).toEqual([]);
    expect(run('Patient ID: 12345.')).toEqual([]);
    expect(run('ID 55821 attended.')).toEqual([]);
  });

  it('resolves ASD from the words around it', () => {
    expect(run('Echo showed a secundum ASD and a small VSD.')).toEqual(['HP:0001631', 'HP:0001629']);
    expect(run('ASD diagnosed by the autism team; poor social communication.')).toEqual(['HP:0000729']);
    expect(run('GDD and ASD.')).toEqual(['HP:0001263', 'HP:0000729']);
    // No cue in the sentence: the neighbouring sentences decide.
    expect(run('Murmur heard. ASD. Repaired by the cardiac surgeons.')).toEqual(['HP:0001631']);
  });

  it('falls back to autism at low confidence when nothing points either way', () => {
    const [t] = ex.extractWithDictionary('ASD.').terms;
    expect(t).toMatchObject({ id: 'HP:0000729', text: 'ASD' });
    expect(t!.confidence).toBeLessThanOrEqual(0.5);
  });
});
