import { describe, expect, it } from 'vitest';
import { JourneySchema, StepSchema } from '../../../core/agents/journey/schema.js';

const journey = {
  schemaVersion: 1,
  engine: 'llm',
  engineVersion: '0',
  budget: 'quick',
  differential: [
    {
      diseaseId: 'OMIM:100001',
      name: 'Disease one',
      genes: ['GENEA'],
      probability: 0.6,
      evidenceFor: [{ term: { id: 'HP:0001252', name: 'Hypotonia' }, ic: 1.39, text: 'Hypotonia', supported: true }],
      // An LLM engine's claim the verifier could not find in the knowledge base.
      evidenceAgainst: [{ kind: 'absent-hallmark', term: { id: 'HP:0001250', name: 'Seizure' }, weight: 0, text: 'Seizures are usual', supported: false }],
    },
  ],
  confidence: 'moderate',
  steps: [{ kind: 'conclusion', confidence: 'moderate', insufficientEvidence: false, otherProbability: 0.4, text: 'Most likely Disease one' }],
  nextSteps: { phenotypes: [], genes: [] },
  excludedDiseases: [],
  versions: { hpo: '2026-02-16' },
  work: { tested: 1, rounds: 1 },
  warnings: [],
};

describe('journey schema', () => {
  it('accepts a journey from either engine, with per-claim verification marks', () => {
    expect(JourneySchema.parse(journey)).toEqual(journey);
  });

  it('rejects probabilities outside 0–1, unknown step kinds and unknown evidence kinds', () => {
    expect(JourneySchema.safeParse({ ...journey, differential: [{ ...journey.differential[0], probability: 1.5 }] }).success).toBe(false);
    expect(StepSchema.safeParse({ kind: 'guess', text: 'x' }).success).toBe(false);
    const bad = { ...journey.differential[0], evidenceAgainst: [{ kind: 'vibes', weight: 0, text: 'x' }] };
    expect(JourneySchema.safeParse({ ...journey, differential: [bad] }).success).toBe(false);
    expect(JourneySchema.safeParse({ ...journey, budget: 'infinite' }).success).toBe(false);
  });
});
