import { describe, expect, it } from 'vitest';
import { VectorIndex } from '../../../core/hpo/encoder/vector-index.js';

// Five unit vectors in 2-D: labels 0 and 1 belong to term 10, label 2 to term 20, 3 to 30, 4 to 40.
const angle = (deg: number): number[] => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
const vectors = Float32Array.from([...angle(0), ...angle(10), ...angle(30), ...angle(90), ...angle(180)]);
const index = new VectorIndex(vectors, 2, Int32Array.from([10, 10, 20, 30, 40]));

describe('VectorIndex', () => {
  it('ranks terms by their best label and lists each term once', () => {
    const r = index.search(Float32Array.from(angle(8)), 3);
    expect(r.map((n) => n.term)).toEqual([10, 20, 30]);
    expect(r[0]!.label).toBe(1); // 10° is closer to 8° than 0°
    expect(r[0]!.score).toBeCloseTo(Math.cos((2 * Math.PI) / 180), 5);
  });

  it('returns at most k terms, and all of them when k is larger', () => {
    expect(index.search(Float32Array.from(angle(0)), 1)).toHaveLength(1);
    expect(index.search(Float32Array.from(angle(0)), 10).map((n) => n.term)).toEqual([10, 20, 30, 40]);
  });

  it('reads the query at an offset and can skip labels', () => {
    const q = Float32Array.from([9, 9, ...angle(180)]);
    expect(index.search(q, 1, 2)[0]!.term).toBe(40);
    const r = index.search(Float32Array.from(angle(0)), 2, 0, (label) => label <= 1);
    expect(r.map((n) => n.term)).toEqual([20, 30]);
  });

  it('refuses vectors that do not fit the labels', () => {
    expect(() => new VectorIndex(new Float32Array(5), 2, Int32Array.from([1, 2]))).toThrow();
  });
});

describe('VectorIndex.selectTop', () => {
  it('picks the same terms from precomputed scores as search() does from vectors', () => {
    for (const deg of [0, 8, 45, 100, 170]) {
      const q = Float32Array.from(angle(deg));
      const scores = Float32Array.from({ length: index.size }, (_, i) => vectors[2 * i]! * q[0]! + vectors[2 * i + 1]! * q[1]!);
      const padded = new Float32Array(index.size + 3);
      padded.set(scores, 3);
      const got = index.selectTop(padded, 3, 3);
      const want = index.search(q, 3);
      expect(got.map((n) => [n.term, n.label])).toEqual(want.map((n) => [n.term, n.label]));
      got.forEach((n, i) => expect(n.score).toBeCloseTo(want[i]!.score, 6));
    }
  });
});
