import { beforeAll, describe, expect, it } from 'vitest';
import type { Ontology } from '../../../core/hpo/ontology.js';
import { prf, sampleHeldOutSynonyms, scoreNote, withinSteps } from '../../../core/hpo/extract/evaluation.js';
import { miniOntology } from './fixtures.js';

let o: Ontology;
beforeAll(async () => {
  o = await miniOntology();
});
const p = (id: string, negated = false, uncertain = false): { id: string; negated: boolean; uncertain: boolean } => ({ id, negated, uncertain });
const g = (id: string, negated = false): { id: string; negated: boolean } => ({ id, negated });

describe('scoring', () => {
  it('counts exact ids with the right polarity under the strict rule', () => {
    const s = scoreNote(o, [g('HP:0001250'), g('HP:0000365', true), g('HP:0000252')], [p('HP:0001250'), p('HP:0000365'), p('HP:0001252')], 'strict');
    expect([s.tp, s.fp, s.fn]).toEqual([1, 2, 2]);
    expect(s.missed.map((m) => m.id)).toEqual(['HP:0000365', 'HP:0000252']);
  });

  it('also counts terms within two is_a steps under the lenient rule, each gold term once', () => {
    const gold = [g('HP:0001250')];
    expect(scoreNote(o, gold, [p('HP:0007359')], 'strict').tp).toBe(0);
    expect(scoreNote(o, gold, [p('HP:0007359')], 'lenient').tp).toBe(1);
    // The root is three steps above Seizure: too far.
    expect(scoreNote(o, gold, [p('HP:0000001')], 'lenient').tp).toBe(0);
    expect(scoreNote(o, gold, [p('HP:0000118')], 'lenient').tp).toBe(1);
    const two = scoreNote(o, gold, [p('HP:0007359'), p('HP:0000707')], 'lenient');
    expect([two.tp, two.fp]).toEqual([1, 1]);
  });

  it('leaves hedged predictions out and counts repeats once', () => {
    const s = scoreNote(o, [g('HP:0001250')], [p('HP:0001250'), p('HP:0001250'), p('HP:0000252', false, true)], 'strict');
    expect([s.tp, s.fp, s.fn]).toEqual([1, 0, 0]);
  });

  it('computes precision, recall and F1', () => {
    expect(prf({ tp: 8, fp: 2, fn: 8 })).toMatchObject({ precision: 0.8, recall: 0.5 });
    expect(prf({ tp: 8, fp: 2, fn: 8 }).f1).toBeCloseTo(0.6154, 4);
    expect(prf({ tp: 0, fp: 0, fn: 0 })).toMatchObject({ precision: 1, recall: 1, f1: 1 });
  });

  it('measures is_a distance in both directions', () => {
    const i = (id: string): number => o.indexOf(id)!;
    expect(withinSteps(o, i('HP:0007359'), i('HP:0000707'), 2)).toBe(true);
    expect(withinSteps(o, i('HP:0000707'), i('HP:0007359'), 2)).toBe(true);
    expect(withinSteps(o, i('HP:0007359'), i('HP:0000707'), 1)).toBe(false);
    expect(withinSteps(o, i('HP:0007359'), i('HP:0000252'), 5)).toBe(false);
  });
});

describe('held-out synonyms', () => {
  it('draws a reproducible sample of EXACT, non-abbreviation synonyms under Phenotypic abnormality', () => {
    const a = sampleHeldOutSynonyms(o, { fraction: 0.5, seed: 3 });
    expect(a).toEqual(sampleHeldOutSynonyms(o, { fraction: 0.5, seed: 3 }));
    expect(a).not.toEqual(sampleHeldOutSynonyms(o, { fraction: 0.5, seed: 4 }));
    const all = sampleHeldOutSynonyms(o, { fraction: 1 });
    expect(all.map((s) => s.text)).not.toContain('GDD');
    expect(all.map((s) => s.text)).not.toContain('Hearing loss'); // RELATED
    expect(all.map((s) => s.text)).not.toContain('Convulsive fit'); // obsolete term
    expect(all.map((s) => s.text)).toContain('Wide-set eyes');
    expect(a).toHaveLength(Math.round(all.length * 0.5));
  });
});
