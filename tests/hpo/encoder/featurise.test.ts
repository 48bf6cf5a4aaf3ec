import { describe, expect, it } from 'vitest';
import { featurise, featureWords, fnv1a, packBatch, stem, type FeatureSpec } from '../../../core/hpo/encoder/featurise.js';

const spec: FeatureSpec = { buckets: 1 << 20, minN: 3, maxN: 4, word: 1, stem: 0, pair: 0.5, chars: 1, maxWords: 4 };
const total = (w: Float32Array): number => w.reduce((a, b) => a + b, 0);

describe('featurise', () => {
  it('hashes with FNV-1a (published test vectors)', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('folds case, accents and punctuation the way term search does', () => {
    expect(featurise('Wide-set EYES', spec)).toEqual(featurise('wide set eyes', spec));
    expect(featurise('Café', spec)).toEqual(featurise('cafe', spec));
    expect(featurise('wide set eyes', spec)).not.toEqual(featurise('eyes set wide', spec));
  });

  it('gives each word weight 1, each pair 0.5 and each word\'s n-grams 1 in total', () => {
    // "fit": word 1 + n-grams of "<fit>" (3: <fi fit it>; 4: <fit fit>) sharing 1 → 2.
    expect(total(featurise('fit', spec).weights)).toBeCloseTo(2, 5);
    // two words: 2 × 2 + one pair 0.5
    expect(total(featurise('big head', spec).weights)).toBeCloseTo(4.5, 5);
  });

  it('adds repeated features together and keeps ids sorted and unique', () => {
    const f = featurise('head head', spec);
    expect(new Set(f.ids).size).toBe(f.ids.length);
    expect(Array.from(f.ids)).toEqual(Array.from(f.ids).sort((a, b) => a - b));
    // the word feature of "head" appears twice → weight 2 on one id
    expect(Math.max(...f.weights)).toBeGreaterThanOrEqual(2);
  });

  it('reads at most maxWords words and nothing from empty text', () => {
    expect(featureWords('one two three four five six', spec)).toEqual(['one', 'two', 'three', 'four']);
    expect(featurise(' ,; ', spec).ids).toHaveLength(0);
  });

  it('keeps every id inside the bucket range', () => {
    const small = { ...spec, buckets: 97 };
    const f = featurise('abnormality of the cardiovascular system', small);
    expect(Math.max(...f.ids)).toBeLessThan(97);
    expect(Math.min(...f.ids)).toBeGreaterThanOrEqual(0);
  });
});

describe('stem', () => {
  it('maps inflections of a word to one stem', () => {
    const same = (...words: string[]): void => expect(new Set(words.map(stem)).size).toBe(1);
    same('fit', 'fits');
    same('bruise', 'bruises', 'bruising', 'bruised');
    same('walk', 'walks', 'walking', 'walked');
    same('easy', 'easily');
    same('difficulty', 'difficulties');
    same('spine', 'spines');
  });

  it('leaves short words, numbers and -ss/-us/-is endings alone', () => {
    expect(stem('eye')).toBe('eye');
    expect(stem('t21')).toBe('t21');
    expect(stem('loss')).toBe('loss');
    expect(stem('fetus')).toBe('fetus');
    expect(stem('ptosis')).toBe('ptosis');
  });

  it('adds a stem feature only when the spec weights it', () => {
    const withStem = featurise('fits', { ...spec, stem: 1 });
    expect(total(withStem.weights)).toBeCloseTo(total(featurise('fits', spec).weights) + 1, 5);
  });
});

describe('packBatch', () => {
  it('pads rows to the widest phrase with weight 0', () => {
    const a = featurise('seizure', spec);
    const b = featurise('short stature with small hands', spec);
    const p = packBatch([a, b]);
    expect(p.batch).toBe(2);
    expect(p.width).toBe(b.ids.length);
    expect(Array.from(p.weights.slice(a.ids.length, p.width))).toEqual(new Array(p.width - a.ids.length).fill(0));
    expect(Number(p.ids[p.width])).toBe(b.ids[0]);
  });

  it('gives an empty phrase one zero-weight slot so the tensor is never empty', () => {
    const p = packBatch([featurise('', spec)]);
    expect(p.width).toBe(1);
    expect(p.weights[0]).toBe(0);
  });
});
