import { describe, expect, it } from 'vitest';
import { isFragment } from '../../../core/hpo/encoder/encoder-matcher.js';

describe('isFragment', () => {
  it('is true only when the phrase is a strict part of the label, by stem and ignoring glue words', () => {
    expect(isFragment(['echo'], ['thought', 'echo'])).toBe(true);
    expect(isFragment(['running'], ['difficulty', 'running'])).toBe(true);
    expect(isFragment(['seizures'], ['seizure'])).toBe(false);
    expect(isFragment(['ocular', 'hypertelorism'], ['hypertelorism'])).toBe(false);
    expect(isFragment(['eyes', 'far', 'apart'], ['widely', 'spaced', 'eyes'])).toBe(false);
    expect(isFragment(['abnormality', 'of', 'the', 'eye'], ['abnormality', 'eye'])).toBe(false);
  });
});
