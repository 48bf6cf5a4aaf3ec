import { beforeAll, describe, expect, it } from 'vitest';
import { verifyClaims } from '../../../core/agents/ranker/verifier.js';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import { miniKb } from '../../helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await miniKb();
});

// Mini knowledge base: GENEA → Disease one (Seizure, Hypotonia); GENEB → Disease two (Febrile
// seizure, Microcephaly); GENEC → Disease three (Hypertelorism) and four (Motor seizure, NOT
// Hypotonia); GENEG → Disease four.
describe('verifyClaims: gene–disease', () => {
  it('supports a real link and catches an invented one', () => {
    const v = verifyClaims(kb, [
      { gene: 'GENEA', diseaseId: 'OMIM:100001' },
      { gene: 'GENEA', diseaseId: 'OMIM:100002' },
    ]);
    expect(v).toEqual([
      { gene: 'GENEA', diseaseId: 'OMIM:100001', status: 'supported', note: 'GENEA is linked to Disease one.' },
      { gene: 'GENEA', diseaseId: 'OMIM:100002', status: 'unsupported', note: 'The knowledge base does not link GENEA to Disease two (OMIM:100002).' },
    ]);
  });

  it('names unknown genes and diseases as such', () => {
    const v = verifyClaims(kb, [
      { gene: 'NOPE1', diseaseId: 'OMIM:100001' },
      { gene: 'GENEA', diseaseId: 'OMIM:999999' },
      { gene: 'GENEH', diseaseId: 'OMIM:100001' }, // a real symbol without annotations
    ]);
    expect(v.map((c) => [c.gene, c.status])).toEqual([
      ['NOPE1', 'unknown-gene'],
      ['GENEA', 'unknown-disease'],
      ['GENEH', 'unknown-gene'],
    ]);
    expect(v[0]).toEqual({ gene: 'NOPE1', diseaseId: 'OMIM:100001', status: 'unknown-gene', note: 'NOPE1 is not a gene the knowledge base annotates.' });
    expect(v[1]!.note).toBe('OMIM:999999 is not a disease in the knowledge base.');
  });

  it('resolves previous symbols and aliases to the current gene', () => {
    const v = verifyClaims(kb, [
      { gene: 'OLDA', diseaseId: 'OMIM:100001' },
      { gene: 'CEE', diseaseId: 'ORPHA:3' },
    ]);
    expect(v.map((c) => [c.gene, c.status])).toEqual([
      ['GENEA', 'supported'],
      ['GENEC', 'supported'],
    ]);
  });
});

describe('verifyClaims: gene–phenotype', () => {
  it('supports exact, more general (kind-of) and closely more specific terms', () => {
    const v = verifyClaims(kb, [{ gene: 'GENEA', phenotypeIds: ['HP:0001252', 'HP:0020219', 'HP:0000707'] }, { gene: 'GENEB', phenotypeIds: ['HP:0001250'] }]);
    expect(v.map((c) => [c.gene, c.phenotypeId, c.status])).toEqual([
      ['GENEA', 'HP:0001252', 'supported'], // Disease one has Hypotonia
      ['GENEA', 'HP:0020219', 'supported'], // claim refines Seizure, one level
      ['GENEA', 'HP:0000707', 'supported'], // Disease one has a kind of nervous-system abnormality
      ['GENEB', 'HP:0001250', 'supported'], // Disease two has Febrile seizure, a kind of Seizure
    ]);
    expect(v[0]!.note).toBe('Disease one is annotated with Hypotonia or a closely related term.');
  });

  it('marks unrelated phenotypes and NOT annotations as unsupported', () => {
    const v = verifyClaims(kb, [{ gene: 'GENEA', phenotypeIds: ['HP:0000316'] }, { gene: 'GENEG', phenotypeIds: ['HP:0001252', 'HP:0001250'] }]);
    expect(v.map((c) => [c.gene, c.phenotypeId, c.status])).toEqual([
      ['GENEA', 'HP:0000316', 'unsupported'],
      ['GENEG', 'HP:0001252', 'unsupported'], // Disease four is annotated NOT Hypotonia
      ['GENEG', 'HP:0001250', 'supported'],
    ]);
    expect(v[0]!.note).toBe("None of GENEA's diseases is annotated with Hypertelorism.");
  });

  it('resolves alternative ids and names terms that are not in HPO', () => {
    const v = verifyClaims(kb, [{ gene: 'GENEA', phenotypeIds: ['HP:0002279', 'HP:1234567', 'seizures'] }]);
    expect(v.map((c) => [c.phenotypeId, c.status])).toEqual([
      ['HP:0001250', 'supported'],
      ['HP:1234567', 'unknown-term'],
      ['seizures', 'unknown-term'],
    ]);
    expect(v[1]!.note).toBe('HP:1234567 is not an HPO term.');
  });

  it('checks the disease and each phenotype of one claim separately', () => {
    const v = verifyClaims(kb, [{ gene: 'GENEC', diseaseId: 'OMIM:100001', phenotypeIds: ['HP:0000316'] }]);
    expect(v.map((c) => [c.diseaseId ?? c.phenotypeId, c.status])).toEqual([
      ['OMIM:100001', 'unsupported'],
      ['HP:0000316', 'supported'],
    ]);
    expect(verifyClaims(kb, [{ gene: 'GENEA' }])).toEqual([]);
  });
});
