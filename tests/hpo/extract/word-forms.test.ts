import { describe, expect, it } from 'vitest';
import { foldWord, stemWord } from '../../../core/hpo/extract/word-forms.js';

const same = (a: string, b: string): boolean => stemWord(foldWord(a)) === stemWord(foldWord(b));

describe('word folding', () => {
  it('brings British and American spellings together', () => {
    const pairs: [string, string][] = [
      ['oesophagus', 'esophagus'],
      ['oesophageal', 'esophageal'],
      ['anaemia', 'anemia'],
      ['haemorrhage', 'hemorrhage'],
      ['foetal', 'fetal'],
      ['tumour', 'tumor'],
      ['behaviour', 'behavior'],
      ['generalised', 'generalized'],
      ['paediatric', 'pediatric'],
      ['diarrhoea', 'diarrhea'],
      ['oedema', 'edema'],
      ['leukaemia', 'leukemia'],
      ['coeliac', 'celiac'],
      ['centre', 'center'],
      ['hypotonia', 'hypotonia'],
      ['dyspnoea', 'dyspnea'],
      ['grey', 'gray'],
    ];
    for (const [uk, us] of pairs) expect(same(uk, us), `${uk} / ${us}`).toBe(true);
  });

  it('brings plurals and their singulars together', () => {
    const pairs: [string, string][] = [
      ['seizures', 'seizure'],
      ['anomalies', 'anomaly'],
      ['vertebrae', 'vertebra'],
      ['stenoses', 'stenosis'],
      ['teeth', 'tooth'],
      ['feet', 'foot'],
      ['toes', 'toe'],
      ['naevi', 'nevus'],
      ['fits', 'fit'],
    ];
    for (const [pl, sg] of pairs) expect(same(pl, sg), `${pl} / ${sg}`).toBe(true);
  });

  it('keeps different words apart', () => {
    expect(same('ear', 'early')).toBe(false);
    expect(same('toe', 'te')).toBe(false);
    expect(same('hearing', 'heart')).toBe(false);
  });

  it('drops accents, curly apostrophes and possessives', () => {
    expect(foldWord('Café')).toBe('cafe');
    expect(foldWord('child’s')).toBe('child');
  });
});
