import { describe, expect, it } from 'vitest';
import { conflictSentences, fixed, formatAge, formatAgeOrTerm, formatSex, formatTimestamp, percent, termText } from '../../core/reports/format.js';
import { pdfSafe } from '../../core/reports/pdf-text.js';

const years = (days: number): number => days / 365.25;

describe('report value formatting', () => {
  it('says ages the way clinicians do: days, then weeks to three months, months, years and months, years', () => {
    expect(formatAge(years(1))).toBe('1 day');
    expect(formatAge(years(10))).toBe('10 days');
    expect(formatAge(years(21))).toBe('3 weeks');
    expect(formatAge(years(42))).toBe('6 weeks');
    expect(formatAge(7 / 12)).toBe('7 months');
    expect(formatAge(1)).toBe('1 year');
    expect(formatAge(1.25)).toBe('1 year 3 months');
    expect(formatAge(2 + 4 / 12)).toBe('2 years 4 months');
    expect(formatAge(34.7)).toBe('34 years');
    expect(formatAgeOrTerm(undefined, { id: 'HP:0003577', name: 'Congenital onset' })).toBe('Congenital onset');
    expect(formatAgeOrTerm(undefined, undefined)).toBe('Not recorded');
    expect(formatSex('FEMALE')).toBe('Female');
    expect(formatSex(undefined)).toBe('Not recorded');
  });

  it('formats numbers, times and terms without locale surprises', () => {
    expect(fixed(6.2149)).toBe('6.21');
    expect(fixed(-Infinity)).toBe('\u2013');
    expect(percent(0.75)).toBe('75%');
    expect(percent(0.055)).toBe('5.5%');
    expect(formatTimestamp('2026-03-02T09:15:30.000Z')).toBe('2026-03-02 09:15 UTC');
    expect(termText({ id: 'HP:0001250', name: 'Seizure' })).toBe('Seizure (HP:0001250)');
    expect(termText({ id: 'OMIM:621304', name: 'OMIM:621304' })).toBe('OMIM:621304'); // diseases without a name
  });

  it('words conflicts one sentence each, without repeating a term that conflicts with itself', () => {
    const t = (id: string, name: string) => ({ id, name });
    const sentences = conflictSentences({
      diseaseId: 'OMIM:1',
      matches: [],
      unmatched: [],
      annotationCount: 3,
      excludedConflicts: [
        { excludedTerm: t('HP:0000365', 'Hearing impairment'), diseaseTerm: { ...t('HP:0000365', 'Hearing impairment'), frequency: 0.5 } },
        { excludedTerm: t('HP:0000365', 'Hearing impairment'), diseaseTerm: t('HP:0000407', 'Sensorineural hearing impairment') },
      ],
      negatedConflicts: [t('HP:0001250', 'Seizure')],
    });
    expect(sentences).toEqual([
      'Excluded Hearing impairment (HP:0000365), which the disease is annotated with (50% of patients).',
      'Excluded Hearing impairment (HP:0000365), but the disease is annotated with Sensorineural hearing impairment (HP:0000407).',
      'Observed Seizure (HP:0001250), but the disease is annotated as not having it.',
    ]);
  });
});

describe('pdfSafe', () => {
  it('keeps Latin-1 and the WinAnsi punctuation the standard PDF fonts can show', () => {
    const s = 'Köhler – “café” • 5 µg ± 2 é ü ç Å … €';
    expect(pdfSafe(s)).toBe(s);
  });

  it('spells out Greek and maths, strips accents it cannot show, and marks the rest with "?"', () => {
    expect(pdfSafe('α-mannosidosis, β2 ≥ 3, κ → λ')).toBe('alpha-mannosidosis, beta2 >= 3, kappa -> lambda');
    expect(pdfSafe('Łódź Dvořák')).toBe('?ódz Dvorák'); // ó, á are Latin-1; ź, ř lose the accent; Ł has no base letter
    expect(pdfSafe('患者 🧬')).toBe('?? ?');
    expect(pdfSafe('a\tb\u0000c\nd\u200be')).toBe('a b c\nde');
  });
});
