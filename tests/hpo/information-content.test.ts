import { beforeAll, describe, expect, it } from 'vitest';
import type { Ontology } from '../../core/hpo/ontology.js';
import { categoryProfile } from '../../core/hpo/category-profile.js';
import { miniHpo } from '../helpers.js';

let o: Ontology;
let ic: Float64Array;
beforeAll(async () => {
  ({ ontology: o, ic } = await miniHpo());
});
const icOf = (id: string): number => ic[o.indexOf(id)!]!;

// Four diseases carry phenotype (aspect P) annotations in mini.hpoa; the NOT row and the
// inheritance row must not count, and ORPHA:3's alt id must count for Hypertelorism.
describe('information content', () => {
  it('propagates disease annotations up is_a and counts each disease once', () => {
    expect(icOf('HP:0001250')).toBeCloseTo(Math.log(4 / 3)); // D1, D2 via febrile, D4 via motor
    expect(icOf('HP:0000707')).toBeCloseTo(Math.log(4 / 3));
    expect(icOf('HP:0000152')).toBeCloseTo(Math.log(2)); // D2 microcephaly, ORPHA:3 hypertelorism
    expect(icOf('HP:0000118')).toBeCloseTo(0);
    expect(icOf('HP:0000001')).toBeCloseTo(0);
  });

  it('ignores negated rows and non-phenotype aspects', () => {
    expect(icOf('HP:0001252')).toBeCloseTo(Math.log(4)); // only D1; D4 is NOT
    expect(icOf('HP:0000007')).toBeCloseTo(Math.log(4)); // inheritance rows do not count: unannotated
  });

  it('gives unannotated terms the IC of a single disease', () => {
    expect(icOf('HP:0000316')).toBeCloseTo(Math.log(4));
    expect(icOf('HP:0020219')).toBeCloseTo(Math.log(4));
  });
});

describe('case category profile', () => {
  it('groups terms by organ system with counts and IC, most involved first', () => {
    const p = categoryProfile(o, ic, ['HP:0001250', 'HP:0001252', 'HP:0000316', 'HP:0002001', 'HP:0000007', 'HP:1234567']);
    expect(p.totalTerms).toBe(5); // hypertelorism given by id and by alt id is one finding
    expect(p.categories.map((c) => [c.categoryId, c.count])).toEqual([
      ['HP:0000707', 2],
      ['HP:0000152', 1],
      ['HP:0000478', 1],
    ]);
    const nervous = p.categories.find((c) => c.categoryId === 'HP:0000707')!;
    expect(nervous.name).toBe('Abnormality of the nervous system');
    expect(nervous.maxIc).toBeCloseTo(Math.log(4));
    expect(nervous.meanIc).toBeCloseTo((Math.log(4 / 3) + Math.log(4)) / 2);
    expect(p.uncategorised).toEqual(['HP:0000007', 'HP:1234567']);
  });
});
