import { describe, expect, it } from 'vitest';
import { durationToYears, yearsToDuration } from '../../core/cases/duration.js';

describe('durationToYears', () => {
  it.each([
    ['P1Y', 1],
    ['P1Y6M', 1.5],
    ['P18M', 1.5],
    ['P3W', 21 / 365.25],
    ['P10D', 10 / 365.25],
    ['P2Y3M10D', 2 + 3 / 12 + 10 / 365.25],
    ['P1.5Y', 1.5],
    ['P0,5Y', 0.5],
    ['PT36H', 1.5 / 365.25],
    ['P0D', 0],
  ])('%s is %f years', (text, years) => {
    expect(durationToYears(text)).toBeCloseTo(years, 12);
  });

  it.each(['', 'P', '1Y', 'P1YT', 'P-1Y', 'P1M2Y', 'P1Y ', 'three years', 'p1y'])(
    'rejects %j',
    (text) => {
      expect(durationToYears(text)).toBeUndefined();
    },
  );
});

describe('yearsToDuration', () => {
  it.each(['P1Y', 'P1Y6M', 'P2Y3M10D', 'P10D', 'P245D', 'P20M', 'P31D', 'P80Y', 'P0D'])(
    '%s comes back as the same age',
    (text) => {
      const years = durationToYears(text) ?? NaN;
      const written = yearsToDuration(years);
      expect(durationToYears(written)).toBeCloseTo(years, 9);
    },
  );

  it('prefers calendar units', () => {
    expect(yearsToDuration(1.5)).toBe('P1Y6M');
    expect(yearsToDuration(durationToYears('P3W') ?? NaN)).toBe('P21D');
    expect(yearsToDuration(0)).toBe('P0D');
  });

  it('refuses negative and non-finite ages', () => {
    expect(() => yearsToDuration(-1)).toThrow(RangeError);
    expect(() => yearsToDuration(Number.NaN)).toThrow(RangeError);
  });
});
