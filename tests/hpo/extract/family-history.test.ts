import { beforeAll, describe, expect, it } from 'vitest';
import type { TermExtractor } from '../../../core/hpo/extract/term-extractor.js';
import { brief, miniExtractor } from './fixtures.js';

let ex: TermExtractor;
beforeAll(async () => {
  ex = await miniExtractor();
});
const run = (text: string): { patient: string[]; family: string[] } => {
  const r = ex.extractWithDictionary(text);
  return { patient: brief(r.terms), family: brief(r.familyHistory) };
};

describe('family history', () => {
  it('keeps relatives’ findings out of the patient’s terms', () => {
    expect(run('Her mother has epilepsy.')).toEqual({ patient: [], family: ['HP:0001250'] });
    expect(run('Family history of deafness in two uncles.')).toEqual({ patient: [], family: ['HP:0000365'] });
    expect(run('He has a sibling with autism spectrum disorder.')).toEqual({ patient: [], family: ['HP:0000729'] });
    expect(run('Father had seizures as a child.')).toEqual({ patient: [], family: ['HP:0001250'] });
    expect(run('FH: hearing loss.')).toEqual({ patient: [], family: ['HP:0000365'] });
    expect(run('Hearing loss in a maternal uncle.')).toEqual({ patient: [], family: ['HP:0000365'] });
    expect(run('No family history of seizures.')).toEqual({ patient: [], family: ['HP:0001250-'] });
  });

  it('gives the finding back to the patient when the patient becomes the subject again', () => {
    expect(run('Her mother has epilepsy; she has hypotonia.')).toEqual({ patient: ['HP:0001252'], family: ['HP:0001250'] });
    expect(run('His brother is deaf but he has microcephaly.')).toEqual({ patient: ['HP:0000252'], family: ['HP:0000365'] });
    expect(run('Mother has epilepsy. Hypotonia.')).toEqual({ patient: ['HP:0001252'], family: ['HP:0001250'] });
  });

  it('does not treat a reporting or accompanying relative as the bearer', () => {
    expect(run('Mother reports seizures since 6 months.')).toEqual({ patient: ['HP:0001250'], family: [] });
    expect(run('Parents are concerned about his small head.')).toEqual({ patient: ['HP:0000252'], family: [] });
    expect(run('Lives with his father; hypotonia noted.')).toEqual({ patient: ['HP:0001252'], family: [] });
    expect(run('My son has seizures.')).toEqual({ patient: ['HP:0001250'], family: [] });
    expect(run('He has seizures like his father.')).toEqual({ patient: ['HP:0001250'], family: [] });
  });
});
