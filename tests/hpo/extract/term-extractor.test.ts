import { beforeAll, describe, expect, it } from 'vitest';
import { isOdysseyError } from '../../../core/errors.js';
import { TermSearch } from '../../../core/hpo/search/term-search.js';
import type { Ontology } from '../../../core/hpo/ontology.js';
import { MAX_INPUT_BYTES, TermExtractor } from '../../../core/hpo/extract/term-extractor.js';
import type { PhraseMatcher } from '../../../core/hpo/extract/types.js';
import { brief, miniOntology } from './fixtures.js';

let ontology: Ontology;
let ex: TermExtractor;
beforeAll(async () => {
  ontology = await miniOntology();
  ex = new TermExtractor(ontology);
});
const run = (text: string): string[] => brief(ex.extractWithDictionary(text).terms);

describe('dictionary matching', () => {
  it('reports every field, with offsets that slice back to the matched text', () => {
    const text = 'Floppy baby, fits since 6 months, no hearing loss, wide-set eyes.\nOesophageal atresia; anaemia.';
    const r = ex.extractWithDictionary(text);
    expect(r.terms.map((t) => [t.id, t.text, t.negated])).toEqual([
      ['HP:0008947', 'Floppy baby', false],
      ['HP:0001250', 'fits', false],
      ['HP:0000365', 'hearing loss', true],
      ['HP:0000316', 'wide-set eyes', false],
      ['HP:0002032', 'Oesophageal atresia', false],
      ['HP:0001903', 'anaemia', false],
    ]);
    for (const t of r.terms) {
      expect(text.slice(t.start, t.end)).toBe(t.text);
      expect(t).toMatchObject({ source: 'dictionary', uncertain: false, name: ontology.get(t.id)!.name });
      expect(t.confidence).toBeGreaterThan(0.5);
      expect(t.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('handles plurals, British spellings and case', () => {
    expect(run('TUMOURS')).toEqual(['HP:0002664']);
    expect(run('Focal seizure.')).toEqual(['HP:0007359']);
    expect(run('diarrhoea')).toEqual(['HP:0002014']);
  });

  it('finds labels with their words in another order, fillers allowed', () => {
    expect(run('Her eyes are widely spaced.')).toEqual(['HP:0000316']);
    expect(run('The ears are low set.')).toEqual(['HP:0000369']);
    expect(run('Head is small.')).toEqual(['HP:0000252']);
  });

  it('prefers the longest of overlapping matches', () => {
    expect(run('Sensorineural hearing loss.')).toEqual(['HP:0000407']);
    const [t] = ex.extractWithDictionary('Bilateral sensorineural hearing loss').terms;
    expect(t).toMatchObject({ id: 'HP:0000407', text: 'sensorineural hearing loss', start: 10 });
  });

  it('keeps the most specific term the text supports', () => {
    expect(run('Seizures, mostly focal seizures.')).toEqual(['HP:0007359']);
    expect(run('Hearing loss. Sensorineural hearing loss on audiology.')).toEqual(['HP:0000407']);
    expect(run('Hypotonia; floppy baby.')).toEqual(['HP:0008947']);
    // Different polarity: both stay.
    expect(run('Seizures. No focal seizures.')).toEqual(['HP:0001250', 'HP:0007359-']);
    // One term mentioned twice is reported once.
    expect(run('Seizures. More seizures.')).toEqual(['HP:0001250']);
  });

  it('skips obsolete terms, obsolete synonyms, BROAD synonyms and terms outside Phenotypic abnormality', () => {
    expect(run('Convulsive fit')).toEqual(['HP:0001250']); // through "fit", not the obsolete term
    expect(run('Microcephalia')).toEqual([]);
    expect(run('Hard of hearing')).toEqual(['HP:0000365']); // the lay table, not the BROAD synonym
    expect(run('Mild')).toEqual([]);
  });

  it('can leave chosen synonyms out of the index, but never names', () => {
    const blind = new TermExtractor(ontology, { excludeSynonyms: ['Wide-set eyes', 'Widely spaced eyes', 'Hypotonia'] });
    expect(brief(blind.extractWithDictionary('wide-set eyes').terms)).toEqual([]);
    expect(brief(blind.extractWithDictionary('hypotonia').terms)).toEqual(['HP:0001252']);
  });
});

describe('input limits', () => {
  it('returns nothing for empty or blank text', () => {
    expect(ex.extractWithDictionary('')).toEqual({ terms: [], familyHistory: [] });
    expect(ex.extractWithDictionary(' \n\t ')).toEqual({ terms: [], familyHistory: [] });
  });

  it('refuses text over 100 kB with an error naming the limit and the fix', async () => {
    const big = 'Seizures. '.repeat(Math.ceil((MAX_INPUT_BYTES + 1) / 10));
    let error: unknown;
    try {
      await ex.extract(big);
    } catch (e) {
      error = e;
    }
    expect(isOdysseyError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'extract-input-too-large' });
    expect((error as Error).message).toMatch(/at most 100,000 bytes \(100 kB\)/);
    expect((error as { hint: string }).hint).toMatch(/Split/);
    // Exactly at the limit is accepted.
    expect((await ex.extract('x'.repeat(MAX_INPUT_BYTES))).terms).toEqual([]);
  });

  it('counts bytes, not characters', () => {
    const small = new TermExtractor(ontology, { maxInputBytes: 10 });
    expect(() => small.extractWithDictionary('ééééé')).not.toThrow(); // 10 bytes
    expect(() => small.extractWithDictionary('éééééé')).toThrow(/12 bytes/);
  });
});

describe('second-stage matchers', () => {
  // Term search (typo-tolerant) stands in for an encoder: a real matcher over the same ontology.
  const searchMatcher = (o: Ontology, minConfidence: number): PhraseMatcher & { seen: string[] } => {
    const search = new TermSearch(o);
    const seen: string[] = [];
    return {
      source: 'onnx',
      minConfidence,
      seen,
      match(phrase) {
        seen.push(phrase);
        return search.search(phrase, { limit: 3 }).map((r) => ({ id: r.id, confidence: r.score }));
      },
    };
  };

  it('asks only about stretches the dictionary left uncovered and keeps what clears the threshold', async () => {
    const matcher = searchMatcher(ontology, 0.3);
    const withMatcher = new TermExtractor(ontology, { matchers: [matcher] });
    const text = 'Hypotonia and microcefaly, no sensorineurall hearing loss.';
    const r = await withMatcher.extract(text);
    expect(matcher.seen).toEqual(['microcefaly', 'sensorineurall']);
    // The matcher's "Sensorineural hearing impairment" is more specific than the dictionary's
    // "Hearing impairment" for the same negated finding, so it replaces it.
    expect(r.terms.map((t) => [t.id, t.text, t.negated, t.source])).toEqual([
      ['HP:0001252', 'Hypotonia', false, 'dictionary'],
      ['HP:0000252', 'microcefaly', false, 'onnx'],
      ['HP:0000407', 'sensorineurall', true, 'onnx'],
    ]);
    for (const t of r.terms) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('drops candidates under the matcher’s threshold and works the same without any matcher', async () => {
    const strict = new TermExtractor(ontology, { matchers: [searchMatcher(ontology, 0.99)] });
    const text = 'Hypotonia and microcefaly.';
    expect(brief((await strict.extract(text)).terms)).toEqual(['HP:0001252']);
    expect(await ex.extract(text)).toEqual(ex.extractWithDictionary(text));
  });
});
