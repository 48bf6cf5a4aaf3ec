import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import { PhenotypeScorer, type ScoringParams } from '../../../core/genes/ranking/phenotype-scorer.js';
import { miniKb } from '../../helpers.js';

// Expected values are worked out by hand from the mini fixtures. IC over the four diseases of
// mini.hpoa: Hypotonia, Febrile seizure, Microcephaly ln 4; Seizure and the nervous system ln 4/3.
let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await miniKb();
});
const ln = Math.log;
const A: ScoringParams = { unknownFrequency: 0.5, frequencyWeight: 1, partialPenalty: 1, floor: 0, exclusionStrength: 0, negationPenalty: 2, sizePenalty: 0 };
const RESNIK: ScoringParams = { unknownFrequency: 1, frequencyWeight: 0, partialPenalty: 0, floor: 0, exclusionStrength: 0, negationPenalty: 0, sizePenalty: 0 };

function scores(params: ScoringParams, observed: string[], excluded: string[] = []): Record<string, number> {
  const o = kb.hpo.ontology;
  const s = new PhenotypeScorer(kb, params).score({ observed: observed.map((t) => o.indexOf(t)!), excluded: excluded.map((t) => o.indexOf(t)!) });
  return Object.fromEntries(kb.diseases.map((d, i) => [d.id, s[i]!]));
}

describe('PhenotypeScorer', () => {
  it('reduces to Resnik similarity without frequencies or penalties', () => {
    const s = scores(RESNIK, ['HP:0001252']);
    expect(s['OMIM:100001']).toBeCloseTo(ln(4)); // exact match
    expect(s['OMIM:100004']).toBeCloseTo(ln(4 / 3)); // via "Abnormality of the nervous system"
    expect(s['OMIM:100005']).toBeCloseTo(ln(4 / 3)); // microcephaly sits under the nervous system too
    expect(s['ORPHA:3']).toBeCloseTo(0); // only "Phenotypic abnormality" in common
  });

  it('adds log frequency to the matched information content', () => {
    const s = scores(A, ['HP:0001252']);
    expect(s['OMIM:100001']).toBeCloseTo(ln(4) + ln(0.895));
    expect(s['OMIM:100002']).toBeCloseTo(0); // nervous system (ln 4/3) + ln 0.5 − 1 is under the floor
  });

  it('penalises an observed finding the disease is annotated NOT to have', () => {
    expect(scores(A, ['HP:0001252'])['OMIM:100004']).toBeCloseTo(-2);
  });

  it('scores a patient term below a disease term with the disease term, without a partial penalty', () => {
    const s = scores(A, ['HP:0002373']); // febrile seizure; disease one has Seizure at 3/4
    expect(s['OMIM:100002']).toBeCloseTo(ln(4) + ln(0.5));
    expect(s['OMIM:100001']).toBeCloseTo(Math.max(0, ln(4 / 3) + ln(0.75)));
  });

  it('scores a disease term below the patient term with the patient term', () => {
    const s = scores({ ...A, floor: -5 }, ['HP:0001250']); // seizure; disease four has Motor seizure 1/1
    expect(s['OMIM:100004']).toBeCloseTo(ln(4 / 3) + ln(1) + 5); // floor −5 makes the contribution visible
  });

  it('discounts sideways matches through a common ancestor', () => {
    const s = scores({ ...A, floor: -5 }, ['HP:0020219']); // motor seizure vs febrile seizure (disease two)
    expect(s['OMIM:100002']).toBeCloseTo(ln(4 / 3) + ln(0.5) - 1 + 5);
  });

  it('lets an excluded finding argue against diseases that have it, by frequency', () => {
    const s = scores({ ...A, exclusionStrength: 0.5 }, ['HP:0000252'], ['HP:0001250']);
    // Disease two has febrile seizure (50%) below the excluded Seizure: log(1 − 0.5·0.5).
    expect(s['OMIM:100002']).toBeCloseTo(ln(4) + ln(0.5) + ln(0.75));
    expect(s['OMIM:100005']).toBeCloseTo(ln(4) + ln(0.5));
    expect(s['OMIM:100005']!).toBeGreaterThan(s['OMIM:100002']!);
  });

  it('penalises annotation volume and never scores masked-out diseases', () => {
    const o = kb.hpo.ontology;
    const sc = new PhenotypeScorer(kb, { ...RESNIK, sizePenalty: 1 });
    const mask = new Uint8Array(kb.diseases.length);
    mask[kb.diseaseIndex('OMIM:100001')!] = 1;
    const s = sc.score({ observed: [o.indexOf('HP:0001252')!], excluded: [], mask });
    expect(s[kb.diseaseIndex('OMIM:100001')!]).toBeCloseTo(ln(4) - ln(1 + 2));
    expect(s[kb.diseaseIndex('OMIM:100002')!]).toBe(-Infinity);
  });
});
