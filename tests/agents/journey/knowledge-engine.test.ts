/**
 * The knowledge engine on the mini knowledge base, with ranker parameters simple enough to work
 * the scores out by hand: a finding matching annotation a with frequency f scores IC(a) + ln f
 * (no floor, unknown frequency 0.5, sideways matches lose 1, NOT annotations cost 2). In the mini
 * annotations Hypotonia, Microcephaly, Motor seizure and Febrile seizure each have IC ln 4,
 * Seizure and "Abnormality of the nervous system" ln(4/3).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Calibration } from '../../../core/agents/journey/calibration.js';
import { KnowledgeJourneyEngine, type KnowledgeEngineParams } from '../../../core/agents/journey/knowledge-engine.js';
import { JourneySchema, type Budget, type Journey, type StepOf } from '../../../core/agents/journey/schema.js';
import type { BudgetPlan } from '../../../core/agents/journey/engine.js';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import { PhenotypeRanker, RESNIK_RANKER, type PhenotypeRankerConfig } from '../../../core/genes/ranking/phenotype-ranker.js';
import { prepareQuery } from '../../../core/genes/ranking/prepare-query.js';
import { order } from '../../../core/genes/ranking/rank.js';
import { OdysseyError } from '../../../core/errors.js';
import { miniKb } from '../../helpers.js';

const ln = Math.log;
const HYPOTONIA = 'HP:0001252';
const MICROCEPHALY = 'HP:0000252';
const SEIZURE = 'HP:0001250';
const MOTOR_SEIZURE = 'HP:0020219';

const CONFIG: PhenotypeRankerConfig = {
  name: 'test',
  version: '0',
  description: 'fixture parameters',
  scoring: { unknownFrequency: 0.5, frequencyWeight: 1, partialPenalty: 1, floor: 0, exclusionStrength: 0, negationPenalty: 2, sizePenalty: 0 },
  geneShare: 1,
  onsetPenalty: 0,
};

/** Identity calibration: the leader's probability is its softmax share (T = 1). */
const IDENTITY: Calibration = {
  format: 1,
  budgets: { quick: { temperature: 1, platt: [1, 0, 0] }, standard: { temperature: 1, platt: [1, 0, 0] }, deep: { temperature: 1, platt: [1, 0, 0] } },
  recordRate: 0.5,
  insufficientBelow: 0.2,
  fit: { id: 'test' },
};

let kb: KnowledgeBase;
let ranker: PhenotypeRanker;
beforeAll(async () => {
  kb = await miniKb();
  ranker = new PhenotypeRanker(kb, CONFIG);
});

function engine(params: Partial<KnowledgeEngineParams> = {}, calibration: Partial<Calibration> = {}, plans?: Partial<Record<Budget, BudgetPlan>>): KnowledgeJourneyEngine {
  return new KnowledgeJourneyEngine(kb, { ranker, calibration: { ...IDENTITY, ...calibration }, params: { groupingPrior: 0, ...params }, ...(plans ? { plans } : {}) });
}

const tests = (j: Journey): StepOf<'test'>[] => j.steps.filter((s): s is StepOf<'test'> => s.kind === 'test');
const reflections = (j: Journey): StepOf<'reflection'>[] => j.steps.filter((s): s is StepOf<'reflection'> => s.kind === 'reflection');
const testOf = (j: Journey, id: string): StepOf<'test'> => tests(j).find((t) => t.diseaseId === id)!;

describe('knowledge journey engine', () => {
  it('builds a schema-valid journey with observations, hypotheses, tests, reflection, conclusion and next steps', async () => {
    const j = await engine().run({ query: { observed: [HYPOTONIA, MICROCEPHALY], excluded: [SEIZURE] } }, { budget: 'standard' });
    expect(JourneySchema.parse(j)).toEqual(j);
    expect(j.steps.map((s) => s.kind)).toEqual(['observations', 'hypotheses', 'test', 'test', 'test', 'test', 'test', 'reflection', 'reflection', 'conclusion', 'next-steps']);
    const obs = j.steps[0] as StepOf<'observations'>;
    expect(obs.pertinentNegatives).toEqual([{ id: SEIZURE, name: 'Seizure' }]);
    // Equally specific (IC ln 4): then by id.
    expect(obs.systems.find((s) => s.categoryId === 'HP:0000707')!.findings.map((f) => f.id)).toEqual([MICROCEPHALY, HYPOTONIA]);
  });

  it('gives the evidence for a hypothesis with information content, and calibrated probabilities', () => {
    const j = engine().runNow({ query: { observed: [HYPOTONIA, MICROCEPHALY] } }, { budget: 'standard' });
    // Disease one: Hypotonia exactly, ln 4 + ln 0.895; Microcephaly only through the nervous system (below 0).
    expect(j.differential[0]!.diseaseId).toBe('OMIM:100001');
    expect(j.differential[0]!.evidenceFor).toEqual([expect.objectContaining({ term: { id: HYPOTONIA, name: 'Hypotonia' }, ic: Math.round(ln(4) * 1000) / 1000 })]);
    expect(testOf(j, 'OMIM:100001').unexplained).toEqual([{ id: MICROCEPHALY, name: 'Microcephaly' }]);
    // Softmax over one 1.275, two and five 0.693 (Microcephaly, unknown frequency 0.5), three 0, four −2 (NOT Hypotonia).
    const w = [ln(4) + ln(0.895), ln(4) + ln(0.5), ln(4) + ln(0.5), 0, -2].map(Math.exp);
    const p1 = w[0]! / w.reduce((a, b) => a + b, 0);
    expect(j.differential[0]!.probability).toBeCloseTo(p1, 3);
    expect(j.differential.map((d) => d.probability).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
    expect(j.confidence).toBe('moderate'); // 0.41: between 0.4 and 0.7
  });

  it('lists the evidence against: excluded findings the disease usually has, absent hallmarks, NOT annotations', () => {
    const j = engine({ exclusionStrength: 0.5, hallmarkIc: 1, maxHallmarks: 5 }).runNow({ query: { observed: [HYPOTONIA], excluded: [SEIZURE] } }, { budget: 'standard' });
    const one = testOf(j, 'OMIM:100001');
    expect(one.evidenceAgainst).toEqual([expect.objectContaining({ kind: 'excluded-finding', term: { id: SEIZURE, name: 'Seizure' }, frequency: 0.75 })]);
    expect(one.evidenceAgainst[0]!.weight).toBeCloseTo(ln(1 - 0.5 * 0.75), 6);
    expect(one.scoreAfter).toBeCloseTo(one.scoreBefore + ln(1 - 0.5 * 0.75), 3);
    const four = testOf(j, 'OMIM:100004');
    const kinds = four.evidenceAgainst.map((e) => e.kind).sort();
    // Motor seizure (always present) is excluded through Seizure, is a hallmark nothing reflects, and Hypotonia is annotated NOT.
    expect(kinds).toEqual(['excluded-finding', 'negated-finding']);
    const hallmarks = engine({ hallmarkIc: 1, maxHallmarks: 5 }).runNow({ query: { observed: [MICROCEPHALY] } }, { budget: 'standard' });
    const h = testOf(hallmarks, 'OMIM:100001').evidenceAgainst.find((e) => e.kind === 'absent-hallmark')!;
    expect(h).toMatchObject({ term: { id: HYPOTONIA, name: 'Hypotonia' }, frequency: 0.895 });
    expect(h.weight).toBeCloseTo(ln(1 - 0.5 * 0.895), 6); // record rate 0.5 from the calibration
    expect(testOf(hallmarks, 'OMIM:100004').evidenceAgainst.map((e) => e.term?.id)).toEqual([MOTOR_SEIZURE]);
  });

  it('re-ranks after testing and says why', () => {
    // Without the excluded Seizure, disease one leads (1.275 against 0.693); excluded at k = 0.9 it
    // costs ln(1 − 0.675) = −1.12, leaving 0.15. Disease two also has a seizure (Febrile, 50%):
    // ln(1 − 0.45) = −0.60 leaves it 0.09; disease five (Microcephaly 1/2, 0.693) takes the lead.
    const j = engine({ exclusionStrength: 0.9 }).runNow({ query: { observed: [HYPOTONIA, MICROCEPHALY], excluded: [SEIZURE] } }, { budget: 'standard' });
    const change = reflections(j)[0]!.changes.find((c) => c.diseaseId === 'OMIM:100001')!;
    expect(change).toMatchObject({ action: 'demoted', from: 1, to: 2 });
    expect(change.reason).toMatch(/^Seizure is recorded as absent, but 75% of patients with the disease have it; /);
    expect(j.differential.map((d) => d.diseaseId).slice(0, 3)).toEqual(['OMIM:100005', 'OMIM:100001', 'OMIM:100002']);
  });

  it('drops hypotheses left far behind, with the reason', () => {
    // Motor seizure: disease four matches exactly (ln 4 + ln 1); the others reach at most Seizure (≤ 0).
    const j = engine({ dropMargin: 0.5 }).runNow({ query: { observed: [MOTOR_SEIZURE] } }, { budget: 'standard' });
    const dropped = reflections(j)[0]!.changes.filter((c) => c.action === 'dropped');
    expect(dropped.map((c) => c.diseaseId).sort()).toEqual(['OMIM:100001', 'OMIM:100002', 'OMIM:100005', 'ORPHA:3']);
    expect(dropped[0]!.reason).toMatch(/^explains 0 findings against 1 for Disease four; [\d.]+ behind$/);
    expect(j.differential.map((d) => d.diseaseId)).toEqual(['OMIM:100004']);
  });

  it('backtracks to untested candidates and to the other diseases of the leading genes', () => {
    const plans = { quick: { hypotheses: 1, rounds: 1, dualPairs: 0, shown: 5 }, deep: { hypotheses: 1, rounds: 2, dualPairs: 0, shown: 5 } };
    const quick = engine({}, {}, plans).runNow({ query: { observed: [MOTOR_SEIZURE] } }, { budget: 'quick' });
    expect(quick.work).toEqual({ tested: 1, rounds: 1 });
    const deep = engine({}, {}, plans).runNow({ query: { observed: [MOTOR_SEIZURE] } }, { budget: 'deep' });
    const added = reflections(deep)[1]!.changes.filter((c) => c.action === 'added');
    // Disease four's genes are GENEC and GENEG; GENEC also causes ORPHA:3. The next untested candidate is disease one.
    expect(added.map((c) => [c.diseaseId, c.reason])).toEqual([
      ['ORPHA:3', 'another disease of GENEC, the gene of Disease four'],
      ['OMIM:100001', 'the next untested candidate, ranked 2 by the ranker'],
    ]);
    expect(deep.work.tested).toBeGreaterThan(quick.work.tested);
  });

  it('proposes a dual diagnosis when two diseases explain disjoint findings better than one', () => {
    const j = engine({ dualCost: 0.5, dualMinOwn: 1 }).runNow({ query: { observed: [HYPOTONIA, MICROCEPHALY] } }, { budget: 'standard' });
    const dual = reflections(j).at(-1)!.dualDiagnosis!;
    expect(dual.diseases.map((d) => d.id)).toEqual(['OMIM:100001', 'OMIM:100002']);
    expect(dual.explainedBy).toEqual([[{ id: HYPOTONIA, name: 'Hypotonia' }], [{ id: MICROCEPHALY, name: 'Microcephaly' }]]);
    // Together ln 4 + ln 4 against ln 4 alone, less the prior cost 0.5.
    expect(dual.gain).toBeCloseTo(ln(4) - 0.5, 2);
    expect(j.steps.find((s) => s.kind === 'conclusion')).toMatchObject({ text: expect.stringMatching(/Consider a dual diagnosis: Disease one with Disease two/) });
    // Not when a second diagnosis costs more than it explains, nor on the quick budget.
    expect(reflections(engine({ dualCost: 2, dualMinOwn: 1 }).runNow({ query: { observed: [HYPOTONIA, MICROCEPHALY] } }, { budget: 'standard' })).at(-1)!.dualDiagnosis).toBeUndefined();
    expect(reflections(engine({ dualCost: 0.5, dualMinOwn: 1 }).runNow({ query: { observed: [HYPOTONIA, MICROCEPHALY] } }, { budget: 'quick' })).at(-1)!.dualDiagnosis).toBeUndefined();
  });

  it('concludes "insufficient evidence" when the leader is too unlikely', () => {
    const j = engine({}, { insufficientBelow: 0.5 }).runNow({ query: { observed: [HYPOTONIA, MICROCEPHALY] } }, { budget: 'standard' });
    expect(j.confidence).toBe('insufficient');
    const c = j.steps.find((s): s is StepOf<'conclusion'> => s.kind === 'conclusion')!;
    expect(c.insufficientEvidence).toBe(true);
    expect(c.text).toMatch(/^Insufficient evidence: .* The closest is Disease one/);
  });

  it('never proposes diagnoses ruled out beforehand, and warns about unknown ids', () => {
    const j = engine().runNow({ query: { observed: [HYPOTONIA, MICROCEPHALY] }, excludeDiseases: ['omim:100001', 'OMIM:999998'] }, { budget: 'standard' });
    expect(j.excludedDiseases).toEqual(['OMIM:100001']);
    expect(j.differential.map((d) => d.diseaseId)).not.toContain('OMIM:100001');
    expect(tests(j).map((t) => t.diseaseId)).not.toContain('OMIM:100001');
    expect(j.warnings.join('\n')).toMatch(/OMIM:999998 is not in the knowledge base/);
  });

  it('suggests the phenotype that best separates the leading hypotheses', () => {
    // With Microcephaly only, diseases two and five tie; asking about Febrile seizure (two: 50%, five: background 1/4) separates them.
    const j = engine().runNow({ query: { observed: [MICROCEPHALY] } }, { budget: 'standard' });
    expect(j.nextSteps.phenotypes[0]!.id).not.toBe(MICROCEPHALY);
    expect(j.nextSteps.phenotypes.every((p) => p.expectedGain > 0)).toBe(true);
    expect(j.nextSteps.phenotypes.map((p) => p.expectedGain)).toEqual([...j.nextSteps.phenotypes.map((p) => p.expectedGain)].sort((a, b) => b - a));
    expect(j.nextSteps.genes.map((g) => g.symbol)).toContain('GENEB');
  });

  it('takes its hypotheses from a source ranker when given one, and records which', async () => {
    const source = new PhenotypeRanker(kb, RESNIK_RANKER);
    const query = { observed: [HYPOTONIA, MICROCEPHALY] };
    const j = await new KnowledgeJourneyEngine(kb, { ranker, calibration: IDENTITY, params: { groupingPrior: 0 }, source }).run({ query }, { budget: 'standard' });
    const sourceScores = source.scoreNow(prepareQuery(kb, query)).diseases;
    const hypotheses = j.steps.find((x): x is StepOf<'hypotheses'> => x.kind === 'hypotheses')!;
    expect(hypotheses.candidates.map((c) => c.diseaseId)).toEqual(order(sourceScores).slice(0, hypotheses.candidates.length).map((d) => kb.diseases[d]!.id));
    expect(hypotheses.summary).toContain(`the ${RESNIK_RANKER.name} ranker places first`);
    expect(j.versions.ranker).toBe(`${RESNIK_RANKER.name} ${RESNIK_RANKER.version}`);
    // The same scores given directly make the same journey, synchronously.
    const again = engine().runNow({ query, diseaseScores: sourceScores }, { budget: 'standard' });
    expect(again.differential).toEqual(j.differential);
    // Without a source the knowledge ranker's order leads, which differs here.
    expect(engine().runNow({ query }, { budget: 'standard' }).steps.find((x) => x.kind === 'hypotheses')).not.toEqual(hypotheses);
  });

  it('reports progress, can be cancelled, and fails clearly without usable findings', async () => {
    const stages: string[] = [];
    engine().runNow({ query: { observed: [HYPOTONIA] } }, { budget: 'quick', onProgress: (p) => stages.push(p.stage) });
    expect(new Set(stages)).toEqual(new Set(['observations', 'hypotheses', 'testing', 'reflection', 'conclusion', 'next-steps']));
    const controller = new AbortController();
    controller.abort();
    await expect(engine().run({ query: { observed: [HYPOTONIA] } }, { budget: 'quick', signal: controller.signal })).rejects.toThrow(/cancelled/);
    expect(() => engine().runNow({ query: { observed: ['HP:0000007'] } }, { budget: 'quick' })).toThrow(OdysseyError);
  });
});
