import { beforeAll, describe, expect, it } from 'vitest';
import { TermSearch } from '../../core/hpo/search/term-search.js';
import { normalise, asHpoId } from '../../core/hpo/search/normalise.js';
import { miniHpo } from '../helpers.js';

let s: TermSearch;
beforeAll(async () => {
  s = new TermSearch((await miniHpo()).ontology);
});
const top = (q: string): string | undefined => s.search(q)[0]?.id;

describe('term search', () => {
  it('finds a term by exact id, and by alt id with the alt id as the match', () => {
    expect(s.search('HP:0001250')).toMatchObject([{ id: 'HP:0001250', matchKind: 'id', score: 1 }]);
    expect(s.search('hp_0002279')).toMatchObject([{ id: 'HP:0001250', matched: 'HP:0002279', matchKind: 'alt_id' }]);
    expect(s.search('0000316')[0]?.id).toBe('HP:0000316');
  });

  it('maps an obsolete id to its replacement with a warning, and rejects unknown ids', () => {
    const [r] = s.search('HP:0009999');
    expect(r?.id).toBe('HP:0001250');
    expect(r?.warning).toMatch(/obsolete; replaced by HP:0001250/);
    expect(() => s.search('HP:1234567')).toThrow(/not in HPO release/);
  });

  it('completes id prefixes', () => {
    expect(s.search('HP:00002').map((r) => r.id)).toEqual(['HP:0000252']);
  });

  it('ranks an exact name first, ahead of longer names sharing its words', () => {
    const r = s.search('seizure');
    expect(r[0]).toMatchObject({ id: 'HP:0001250', matched: 'Seizure', matchKind: 'name' });
    expect(r.map((x) => x.id)).toEqual(expect.arrayContaining(['HP:0020219', 'HP:0002373']));
  });

  it('matches synonyms, including layperson ones, and says which text matched', () => {
    expect(s.search('wide set eyes')[0]).toMatchObject({ id: 'HP:0000316', matched: 'Wide-set eyes', matchKind: 'synonym', synonymType: 'layperson' });
    expect(top('fits')).toBe('HP:0001250');
    expect(top('Floppy baby')).toBe('HP:0001252');
  });

  it('completes prefixes of names and of words inside names', () => {
    expect(top('hypot')).toBe('HP:0001252');
    expect(top('micro')).toBe('HP:0000252');
    expect(top('febr conv')).toBe('HP:0002373');
  });

  it('tolerates typos', () => {
    expect(top('siezure')).toBe('HP:0001250');
    expect(top('hypertelorsim')).toBe('HP:0000316');
    expect(top('microcefaly')).toBe('HP:0000252');
  });

  it('carries the categories of each result', () => {
    expect(s.search('hypertelorism')[0]?.categories.map((c) => c.name)).toEqual(['Abnormality of head or neck', 'Abnormality of the eye']);
  });

  it('does not offer obsolete terms by name', () => {
    expect(s.search('convulsive episode', { fuzzy: false })).toEqual([]);
  });

  it('respects the limit and returns each term once', () => {
    const r = s.search('abnormality', { limit: 2 });
    expect(r).toHaveLength(2);
    expect(new Set(s.search('seiz', { limit: 50 }).map((x) => x.id)).size).toBe(s.search('seiz', { limit: 50 }).length);
  });

  it('gives clear errors for empty and overlong queries', () => {
    expect(() => s.search('   ')).toThrow(/search text is empty/);
    expect(() => s.search('x'.repeat(201))).toThrow(/limit is 200/);
  });

  it('returns nothing, not an error, for text that matches no term', () => {
    expect(s.search('zzzzqqq')).toEqual([]);
  });
});

describe('normalise', () => {
  it('folds case, accents and punctuation', () => {
    expect(normalise('  Café-au-lait  SPOTS! ')).toBe('cafe au lait spots');
    expect(asHpoId('HP 0001250')).toBe('HP:0001250');
    expect(asHpoId('HP:00012')).toBeUndefined();
  });
});
