import { describe, expect, it } from 'vitest';
import { assessSolvability, SOLVABILITY_THRESHOLDS as T } from '../../../core/agents/ranker/solvability.js';

describe('assessSolvability', () => {
  it('is confident only with full agreement, a clear margin and specific findings', () => {
    const s = assessSolvability({ agreement: 1, margin: T.clearMargin, specificity: T.specific });
    expect(s.label).toBe('confident');
    expect(s.reasons).toEqual([
      'Every shuffled run put the same gene first.',
      'The top gene leads the next by a clear knowledge-score margin (2.00).',
      'The findings are specific (mean information content of the top three 5.00).',
    ]);
    expect(s).toMatchObject({ agreement: 1, margin: 2, specificity: 5 });
  });

  it.each([
    [{ agreement: 2 / 3, margin: 5, specificity: 8 }],
    [{ agreement: 1, margin: T.clearMargin - 0.001, specificity: 8 }],
    [{ agreement: 1, margin: 5, specificity: T.specific - 0.01 }],
    [{ agreement: 0.5, margin: T.tiedMargin, specificity: T.vague }],
  ])('is possible when one confident signal is missing but none is bad: %o', (signals) => {
    expect(assessSolvability(signals).label).toBe('possible');
  });

  it.each([
    [{ agreement: 0.49, margin: 5, specificity: 8 }, /49% of shuffled runs/],
    [{ agreement: 1, margin: T.tiedMargin - 0.001, specificity: 8 }, /practically tied on the knowledge evidence \(margin 0\.25\)/],
    [{ agreement: 1, margin: -1, specificity: 8 }, /The knowledge evidence favours another gene over the top gene \(by 1\.00\)\./],
    [{ agreement: 1, margin: 5, specificity: T.vague - 0.01 }, /findings are general \(mean information content of the top three 2\.99\); more specific phenotyping would help/],
  ])('is unsolved when any signal is bad: %o', (signals, reason) => {
    const s = assessSolvability(signals);
    expect(s.label).toBe('unsolved');
    expect(s.reasons.join(' ')).toMatch(reason);
  });

  // Just below the vague threshold must not read as "3.0" while being called general.
  it('describes middling signals as modest and moderate, and rounds the figures', () => {
    const s = assessSolvability({ agreement: 2 / 3, margin: 1.23456, specificity: 4.0449 });
    expect(s.reasons).toEqual([
      '67% of shuffled runs put the final top gene first.',
      'The top gene leads the next by a modest knowledge-score margin (1.23).',
      'The findings are moderately specific (mean information content of the top three 4.04).',
    ]);
    expect(s.margin).toBe(1.235);
    expect(s.specificity).toBe(4.04);
  });

  it('takes other thresholds', () => {
    const strict = { ...T, clearMargin: 10 };
    expect(assessSolvability({ agreement: 1, margin: 5, specificity: 8 }, strict).label).toBe('possible');
    expect(assessSolvability({ agreement: 1, margin: 5, specificity: 8 }).label).toBe('confident');
  });
});
