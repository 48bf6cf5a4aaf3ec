import { beforeAll, describe, expect, it } from 'vitest';
import type { Ontology } from '../../core/hpo/ontology.js';
import { OdysseyError } from '../../core/errors.js';
import { miniHpo } from '../helpers.js';

let o: Ontology;
beforeAll(async () => {
  o = (await miniHpo()).ontology;
});

const ids = (terms: { id: string }[]): string[] => terms.map((t) => t.id).sort();

describe('Ontology graph', () => {
  it('answers parents, children, ancestors and descendants', () => {
    expect(ids(o.parents('HP:0000316'))).toEqual(['HP:0000152', 'HP:0000478']);
    expect(ids(o.children('HP:0001250'))).toEqual(['HP:0002373', 'HP:0020219']);
    expect(ids(o.ancestors('HP:0020219'))).toEqual(['HP:0000001', 'HP:0000118', 'HP:0000707', 'HP:0001250']);
    expect(ids(o.ancestors('HP:0020219', true))).toContain('HP:0020219');
    expect(ids(o.descendants('HP:0000707'))).toEqual(['HP:0000252', 'HP:0001250', 'HP:0001252', 'HP:0002373', 'HP:0020219']);
    expect(o.isA('HP:0002373', 'HP:0000707')).toBe(true);
    expect(o.isA('HP:0000707', 'HP:0002373')).toBe(false);
    expect(o.isA('HP:0001250', 'HP:0001250')).toBe(true);
  });

  it('accepts alt ids in graph queries', () => {
    expect(ids(o.parents('HP:0002279'))).toEqual(['HP:0000707']);
  });

  it('lists organ-system categories, several where a term sits in several systems', () => {
    expect(o.categoryIds).toEqual(['HP:0000152', 'HP:0000478', 'HP:0000707']);
    expect(o.categoriesOf('HP:0000316')).toEqual(['HP:0000152', 'HP:0000478']);
    expect(o.categoriesOf('HP:0002373')).toEqual(['HP:0000707']);
    expect(o.categoriesOf('HP:0000007')).toEqual([]);
  });
});

describe('Ontology.resolve', () => {
  it('keeps current ids and normalises their spelling', () => {
    expect(o.resolve('HP:0001250')).toMatchObject({ status: 'current', term: { id: 'HP:0001250' } });
    expect(o.resolve(' hp_0001250 ')).toMatchObject({ status: 'current', term: { id: 'HP:0001250' } });
  });

  it('maps alt ids to the primary term with a warning', () => {
    const r = o.resolve('HP:0002279');
    expect(r.status).toBe('alt_id');
    expect(r.term?.id).toBe('HP:0001250');
    expect(r.warning).toMatch(/alternative id of HP:0001250/);
  });

  it('follows replaced_by for obsolete terms and suggests consider terms otherwise', () => {
    expect(o.resolve('HP:0009999')).toMatchObject({ status: 'replaced', term: { id: 'HP:0001250' } });
    const r = o.resolve('HP:0009998');
    expect(r.status).toBe('obsolete');
    expect(r.term).toBeUndefined();
    expect(r.consider).toEqual(['HP:0001252']);
    expect(r.warning).toMatch(/obsolete and has no replacement\. Consider HP:0001252/);
  });

  it('reports unknown and malformed ids', () => {
    expect(o.resolve('HP:1234567')).toMatchObject({ status: 'unknown' });
    expect(o.resolve('seizure')).toMatchObject({ status: 'invalid' });
    expect(o.resolve('HP:12')).toMatchObject({ status: 'invalid' });
  });

  it('require() throws an OdysseyError with a fix for unusable ids', () => {
    expect(o.require('HP:0002001').id).toBe('HP:0000316');
    for (const [id, code] of [['HP:1234567', 'hpo-unknown-id'], ['HP:0009998', 'hpo-obsolete'], ['nonsense', 'hpo-invalid-id']] as const) {
      let caught: unknown;
      try {
        o.require(id);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(OdysseyError);
      expect((caught as OdysseyError).code).toBe(code);
      expect((caught as OdysseyError).hint).toBeTruthy();
    }
  });
});
