/**
 * The differential view maps a stored journey step by step: tests keep their evidence, the
 * inheritance/sex/onset conflicts are set apart, each hypothesis says where it ended (in the
 * differential, dropped with the reason, or tested and not retained), backtracked hypotheses
 * name their round, and a dual diagnosis and the next steps come through with names. The journey
 * is hand-written and checked against the real journey schema.
 */
import { describe, expect, it } from 'vitest';
import { JourneySchema, type Journey } from '../../core/agents/journey/schema.js';
import { DifferentialView } from '../../core/api/contract.js';
import { differentialView } from '../../core/api/differential-handlers.js';
import type { AnalysisWithResult } from '../../core/store/types.js';

const t = (id: string, name: string) => ({ id, name });
const A = t('OMIM:100001', 'Disease A');
const B = t('OMIM:100002', 'Disease B');
const C = t('OMIM:100003', 'Disease C');
const D = t('OMIM:100004', 'Disease D');
const SEIZURE = t('HP:0001250', 'Seizure');
const DEAFNESS = t('HP:0000365', 'Hearing impairment');

const testStep = (d: { id: string; name: string }, extra: object = {}) => ({
  kind: 'test' as const,
  diseaseId: d.id,
  name: d.name,
  evidenceFor: [
    {
      term: SEIZURE,
      diseaseTerm: { ...SEIZURE, frequency: 0.9 },
      ic: 3.2,
      text: 'Seizure (IC 3.2)',
    },
  ],
  evidenceAgainst: [],
  unexplained: [],
  scoreBefore: 4,
  prior: 0,
  scoreAfter: 4,
  ...extra,
});

const journey: Journey = JourneySchema.parse({
  schemaVersion: 1,
  engine: 'knowledge',
  engineVersion: '1',
  budget: 'standard',
  differential: [
    {
      diseaseId: A.id,
      name: A.name,
      genes: ['GA'],
      probability: 0.6,
      evidenceFor: [],
      evidenceAgainst: [],
    },
    {
      diseaseId: D.id,
      name: D.name,
      genes: ['GD'],
      probability: 0.2,
      evidenceFor: [],
      evidenceAgainst: [],
    },
  ],
  confidence: 'moderate',
  steps: [
    {
      kind: 'observations',
      systems: [
        { categoryId: 'HP:0000707', name: 'Nervous system', findings: [{ ...SEIZURE, ic: 3.2 }] },
      ],
      pertinentNegatives: [DEAFNESS],
      other: [],
      summary: '1 finding',
    },
    {
      kind: 'hypotheses',
      candidates: [A, B, C].map((d, i) => ({
        diseaseId: d.id,
        name: d.name,
        genes: [`G${i}`],
        source: 'knowledge',
        initialRank: i + 1,
        score: 5 - i,
      })),
      summary: '3 diseases',
    },
    testStep(A),
    testStep(B, {
      evidenceAgainst: [
        {
          kind: 'excluded-finding',
          term: DEAFNESS,
          frequency: 0.8,
          weight: -2,
          text: 'Hearing impairment was excluded; 80% of patients have it',
        },
        { kind: 'inheritance', weight: -1, text: 'X-linked recessive, and the patient is female' },
      ],
      scoreAfter: 1,
    }),
    testStep(C),
    {
      kind: 'reflection',
      round: 1,
      changes: [
        {
          diseaseId: B.id,
          name: B.name,
          action: 'dropped',
          from: 2,
          reason: 'Hearing impairment was excluded; 3.0 behind Disease A',
        },
      ],
      summary: '1 dropped.',
    },
    testStep(D),
    {
      kind: 'reflection',
      round: 2,
      changes: [
        { diseaseId: D.id, name: D.name, action: 'added', reason: 'another disease of GA' },
      ],
      dualDiagnosis: {
        diseases: [
          { ...A, genes: ['GA'] },
          { ...D, genes: ['GD'] },
        ],
        explainedBy: [[SEIZURE], []],
        gain: 2.5,
        reason: 'together they explain every finding',
      },
      summary: 'went back for 1 more.',
    },
    {
      kind: 'conclusion',
      confidence: 'moderate',
      insufficientEvidence: false,
      otherProbability: 0.2,
      text: 'Most likely Disease A.',
    },
    { kind: 'next-steps', phenotypes: [], genes: [] },
  ],
  nextSteps: {
    phenotypes: [
      {
        id: 'HP:0000252',
        name: 'Microcephaly',
        expectedGain: 0.4,
        ifPresent: [A.id],
        ifAbsent: [D.id],
      },
      { id: DEAFNESS.id, name: DEAFNESS.name, expectedGain: 0.1, ifPresent: [], ifAbsent: [] },
    ],
    genes: [{ symbol: 'GA', probability: 0.6, diseases: [A.id] }],
  },
  excludedDiseases: [],
  versions: { hpo: '2026-02-16', journey: 'knowledge 1' },
  work: { tested: 4, rounds: 2 },
  warnings: [],
});

const analysis = {
  id: 7,
  caseId: 3,
  finishedAt: '2026-01-01T00:00:00Z',
  durationMs: 12,
  inputHash: 'h1',
} as AnalysisWithResult;
const genes: Record<string, string[]> = {
  [A.id]: ['GA'],
  [B.id]: ['GB'],
  [C.id]: ['GC'],
  [D.id]: ['GD'],
};

describe('differentialView', () => {
  const view = differentialView(analysis, journey, {
    recorded: new Map([[DEAFNESS.id, 'excluded' as const]]),
    currentInputHash: 'h2',
    genesOf: (id) => genes[id] ?? [],
  });

  it('matches the contract', () => {
    expect(DifferentialView.parse(view)).toEqual(view);
    expect(view).toMatchObject({ analysisId: 7, caseId: 3, budget: 'standard', upToDate: false });
  });

  it('says where each tested hypothesis ended, and why', () => {
    expect(view.tests.map((x) => [x.diseaseId, x.outcome])).toEqual([
      [A.id, { kind: 'in-differential', rank: 1, probability: 0.6 }],
      [B.id, { kind: 'dropped', reason: 'Hearing impairment was excluded; 3.0 behind Disease A' }],
      [C.id, { kind: 'not-shown' }],
      [D.id, { kind: 'in-differential', rank: 2, probability: 0.2 }],
    ]);
    expect(view.tests.map((x) => x.genes)).toEqual([['GA'], ['GB'], ['GC'], ['GD']]);
  });

  it('keeps the evidence, with the inheritance, sex and onset conflicts apart', () => {
    const b = view.tests[1]!;
    expect(b.evidenceAgainst.map((e) => [e.kind, e.frequency, e.weight])).toEqual([
      ['excluded-finding', 0.8, -2],
    ]);
    expect(b.conflicts.map((e) => e.kind)).toEqual(['inheritance']);
    expect(view.tests[0]!.evidenceFor[0]).toMatchObject({
      ic: 3.2,
      diseaseTerm: { frequency: 0.9 },
    });
  });

  it('names the round that went back for a hypothesis, and only for those', () => {
    expect(view.tests.map((x) => x.backtrackRound)).toEqual([undefined, undefined, undefined, 2]);
    expect(view.tests.map((x) => x.initialRank)).toEqual([1, 2, 3, undefined]);
  });

  it('carries the reflection, the dual diagnosis, the conclusion and the next steps', () => {
    expect(view.reflection.map((r) => r.changes.map((c) => c.action))).toEqual([
      ['dropped'],
      ['added'],
    ]);
    expect(view.reflection[1]!.dualDiagnosis?.diseases.map((d) => d.id)).toEqual([A.id, D.id]);
    expect(view.conclusion).toMatchObject({
      confidence: 'moderate',
      insufficientEvidence: false,
      otherProbability: 0.2,
    });
    expect(view.conclusion.entries.map((e) => e.probability)).toEqual([0.6, 0.2]);
    expect(view.nextSteps.phenotypes).toEqual([
      {
        id: 'HP:0000252',
        name: 'Microcephaly',
        expectedGain: 0.4,
        favouredIfPresent: [A],
        favouredIfAbsent: [D],
        recorded: null,
      },
      {
        id: DEAFNESS.id,
        name: DEAFNESS.name,
        expectedGain: 0.1,
        favouredIfPresent: [],
        favouredIfAbsent: [],
        recorded: 'excluded',
      },
    ]);
    expect(view.observations.pertinentNegatives).toEqual([DEAFNESS]);
  });
});
