import { beforeAll, describe, expect, it } from 'vitest';
import { loadHpo } from '../../../core/hpo/hpo-cache.js';
import type { Ontology } from '../../../core/hpo/ontology.js';
import { ABBREVIATIONS } from '../../../core/hpo/extract/abbreviations.js';
import { LAY_LEXICON } from '../../../core/hpo/extract/lay-lexicon.js';
import { TermExtractor } from '../../../core/hpo/extract/term-extractor.js';
import { wordsOf } from '../../../core/hpo/extract/text-units.js';
import { foldWord, stemWord } from '../../../core/hpo/extract/word-forms.js';
import type { ExtractedTerm } from '../../../core/hpo/extract/types.js';

// The real HPO 2026-02-16 release installed by `npm install`.
let ontology: Ontology;
let ex: TermExtractor;
beforeAll(async () => {
  ontology = (await loadHpo()).ontology;
  ex = new TermExtractor(ontology);
});

const find = (terms: ExtractedTerm[], under: string): ExtractedTerm | undefined => terms.find((t) => ontology.isA(t.id, under));

describe('extraction on the real HPO', () => {
  it('reads the issue’s example note', () => {
    const text = 'floppy baby, fits since 6 months, no hearing loss, wide-set eyes';
    const { terms } = ex.extractWithDictionary(text);
    expect(find(terms, 'HP:0001252')).toMatchObject({ negated: false, text: 'floppy baby' }); // Hypotonia or below
    expect(find(terms, 'HP:0001250')).toMatchObject({ id: 'HP:0001250', negated: false, text: 'fits' });
    expect(find(terms, 'HP:0000365')).toMatchObject({ id: 'HP:0000365', negated: true, text: 'hearing loss' });
    expect(find(terms, 'HP:0000316')).toMatchObject({ id: 'HP:0000316', negated: false, text: 'wide-set eyes' });
    expect(terms).toHaveLength(4);
    for (const t of terms) expect(text.slice(t.start, t.end)).toBe(t.text);
  });

  it('reads a clinic letter with negation, family history, abbreviations and British spelling', () => {
    const text =
      'Reason for referral: GDD and seizures. Echo showed a secundum ASD. He has oesophageal atresia, repaired on day 1, ' +
      'and anaemia. There is no hepatosplenomegaly. His mother has epilepsy. Sensorineural hearing loss was confirmed; ' +
      'autism was ruled out.';
    const r = ex.extractWithDictionary(text);
    const got = r.terms.map((t) => `${t.id}${t.negated ? '-' : ''}`);
    expect(got).toEqual(['HP:0001263', 'HP:0001250', 'HP:0001631', 'HP:0002032', 'HP:0001903', 'HP:0001433-', 'HP:0000407', 'HP:0000717-']);
    expect(r.familyHistory.map((t) => t.id)).toEqual(['HP:0001250']);
  });

  it('reads lay descriptions', () => {
    const ids = (text: string): string[] => ex.extractWithDictionary(text).terms.map((t) => t.id);
    expect(ids('My son has fits and his eyes are far apart.')).toEqual(['HP:0001250', 'HP:0000316']);
    expect(ids('She was a late walker, is wobbly when walking and has a small head.')).toEqual(['HP:0031936', 'HP:0002317', 'HP:0000252']);
  });

  it('names current terms under Phenotypic abnormality in the lay and abbreviation tables', () => {
    const entries = [...LAY_LEXICON.map((e) => ({ id: e.id, name: e.name, what: e.phrase })), ...ABBREVIATIONS.flatMap((a) => a.senses.map((s) => ({ ...s, what: a.forms.join('/') })))];
    for (const e of entries) {
      const t = ontology.get(e.id);
      expect(t?.obsolete, `${e.what} → ${e.id}`).toBe(false);
      expect(t?.id, `${e.what} → ${e.id} is an alt id`).toBe(e.id);
      expect(t?.name, `${e.what} → ${e.id}`).toBe(e.name);
      expect(ontology.isA(e.id, 'HP:0000118'), `${e.what} → ${e.id}`).toBe(true);
    }
  });

  it('folds nearly every HPO British spelling onto its American twin', () => {
    const key = (s: string): string => wordsOf(s).map((w) => stemWord(foldWord(w))).join(' ');
    let pairs = 0;
    let same = 0;
    for (const t of ontology.terms) {
      if (t.obsolete) continue;
      const others = [t.name, ...t.synonyms.filter((s) => s.type !== 'uk_spelling').map((s) => s.text)];
      for (const s of t.synonyms.filter((x) => x.type === 'uk_spelling')) {
        const w = wordsOf(s.text);
        // The American twin: same number of words, at most two of them spelt differently.
        const twins = others.filter((x) => {
          const v = wordsOf(x);
          return v.length === w.length && v.some((y, i) => y !== w[i]) && v.filter((y, i) => y !== w[i]).length <= 2;
        });
        if (!twins.length) continue;
        pairs++;
        if (twins.some((x) => key(x) === key(s.text))) same++;
      }
    }
    expect(pairs).toBeGreaterThan(900);
    expect(same / pairs).toBeGreaterThan(0.99);
  });
});
