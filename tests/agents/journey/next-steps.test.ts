import { beforeAll, describe, expect, it } from 'vitest';
import { expectedGain, nextSteps } from '../../../core/agents/journey/next-steps.js';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import { prepareQuery } from '../../../core/genes/ranking/prepare-query.js';
import { miniKb } from '../../helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await miniKb();
});
const d = (id: string): number => kb.diseaseIndex(id)!;

describe('expected information gain', () => {
  it('is the entropy a yes/no answer is expected to remove', () => {
    // Two equally likely hypotheses; the finding is in 90% of one and 10% of the other. Either
    // answer leaves (0.9, 0.1), entropy 0.469 bits, so the gain is 1 − 0.469.
    const h = -(0.9 * Math.log2(0.9) + 0.1 * Math.log2(0.1));
    expect(expectedGain([0.5, 0.5], [0.9, 0.1])).toBeCloseTo(1 - h, 10);
    // A finding every hypothesis has equally often tells nothing.
    expect(expectedGain([0.3, 0.7], [0.4, 0.4])).toBeCloseTo(0, 10);
    // A certain posterior cannot gain.
    expect(expectedGain([1, 0], [0.9, 0.1])).toBeCloseTo(0, 10);
  });

  it('counts only the "no" answers that are given when absences are rarely reported', () => {
    // A yes (probability 0.5) leaves (0.9, 0.1): it moves the posterior by 1 − H(0.9) bits; so
    // does a no. With no absences reported only the yes half counts.
    const h = -(0.9 * Math.log2(0.9) + 0.1 * Math.log2(0.1));
    expect(expectedGain([0.5, 0.5], [0.9, 0.1], 0)).toBeCloseTo(0.5 * (1 - h), 10);
    expect(expectedGain([0.5, 0.5], [0.9, 0.1], 0.5)).toBeCloseTo(0.75 * (1 - h), 10);
    // A rare finding of the less likely hypothesis: its yes is worth more than a common one's.
    expect(expectedGain([0.8, 0.2], [0.05, 0.6], 0)).toBeGreaterThan(expectedGain([0.8, 0.2], [0.95, 0.4], 0));
  });

  it('asks first about the finding that best separates the leading hypotheses (mini knowledge base)', () => {
    // Disease one (Seizure 75%, Hypotonia 89.5%) against disease two (Febrile seizure 50%,
    // Microcephaly, unknown frequency → 0.3), equally likely; Seizure is already observed.
    const q = prepareQuery(kb, { observed: ['HP:0001250'] });
    const r = nextSteps(kb, q, [{ disease: d('OMIM:100001'), probability: 0.5 }, { disease: d('OMIM:100002'), probability: 0.5 }], 0, { unknownFrequency: 0.3, reportRate: 1, absentReportRate: 1, questions: 3 });
    // Background rate of a term a disease lacks: exp(−IC) = 1/4 for each of these.
    const gain = (a: number, b: number): number => expectedGain([0.5, 0.5, 0], [a, b, 0.25]);
    // Third: "Abnormality of head or neck" (disease two has it through Microcephaly at 0.3; the
    // background is 1/2) separates better than Microcephaly itself (0.3 against 1/4), and a term
    // and its ancestor are never both asked.
    expect(r.phenotypes.map((p) => p.id)).toEqual(['HP:0001252', 'HP:0002373', 'HP:0000152']);
    expect(r.phenotypes[2]!.expectedGain).toBeCloseTo(gain(0.5, 0.3), 3);
    expect(r.phenotypes[0]!.expectedGain).toBeCloseTo(gain(0.895, 0.25), 3);
    expect(r.phenotypes[1]!.expectedGain).toBeCloseTo(gain(0.25, 0.5), 3);
    expect(r.phenotypes[0]).toMatchObject({ name: 'Hypotonia', ifPresent: ['OMIM:100001'], ifAbsent: ['OMIM:100002'] });
    expect(r.genes).toEqual([
      { symbol: 'GENEA', probability: 0.5, diseases: ['OMIM:100001'] },
      { symbol: 'GENEB', probability: 0.5, diseases: ['OMIM:100002'] },
    ]);
  });

  it('never asks about what the findings already settle', () => {
    const q = prepareQuery(kb, { observed: ['HP:0020219'], excluded: ['HP:0001252'] });
    const r = nextSteps(kb, q, [{ disease: d('OMIM:100001'), probability: 0.5 }, { disease: d('OMIM:100002'), probability: 0.5 }], 0, { unknownFrequency: 0.3, reportRate: 1, absentReportRate: 1, questions: 3 });
    const asked = r.phenotypes.map((p) => p.id);
    // Seizure is implied by Motor seizure; Hypotonia is excluded.
    expect(asked).not.toContain('HP:0001250');
    expect(asked).not.toContain('HP:0001252');
  });
});
