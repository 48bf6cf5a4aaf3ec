/**
 * The journey-style differential diagnosis as one engine-neutral schema: the knowledge engine
 * and the LLM engine both produce it, the store keeps it with an analysis and reports show it.
 * Every claim an engine makes carries `supported`: the knowledge engine's claims come from the
 * knowledge base (always true); an LLM engine's claims are marked by the verifier.
 */
import { z } from 'zod';

export const JOURNEY_SCHEMA_VERSION = 1;

export const BUDGETS = ['quick', 'standard', 'deep'] as const;
export type Budget = (typeof BUDGETS)[number];

export const ENGINES = ['knowledge', 'llm'] as const;
export type EngineName = (typeof ENGINES)[number];

const Term = z.object({ id: z.string(), name: z.string() });

/** Set by the verifier for engines that can state things the knowledge base does not hold. */
const supported = z.boolean().optional();

export const FindingSchema = Term.extend({ ic: z.number() });

export const ObservationsStepSchema = z.object({
  kind: z.literal('observations'),
  /** Organ systems with the most findings first; within each, the most specific findings first. */
  systems: z.array(z.object({ categoryId: z.string(), name: z.string(), findings: z.array(FindingSchema) })),
  /** Findings recorded as absent. */
  pertinentNegatives: z.array(Term),
  /** Findings outside every organ system or not in the HPO release. */
  other: z.array(Term),
  summary: z.string(),
});

export const HypothesisSchema = z.object({
  diseaseId: z.string(),
  name: z.string(),
  genes: z.array(z.string()),
  source: z.enum(ENGINES),
  /** Rank in the ranker's genome-wide disease list (or the LLM's order). */
  initialRank: z.number().int(),
  score: z.number(),
  supported,
});

export const HypothesesStepSchema = z.object({
  kind: z.literal('hypotheses'),
  candidates: z.array(HypothesisSchema),
  summary: z.string(),
});

export const EvidenceForSchema = z.object({
  /** The patient's finding. */
  term: Term,
  /** The disease annotation it matches, with its frequency when stated. */
  diseaseTerm: Term.extend({ frequency: z.number().optional() }).optional(),
  /** Information content of the shared (most informative common ancestor) term. */
  ic: z.number(),
  text: z.string(),
  supported,
});
export type EvidenceFor = z.infer<typeof EvidenceForSchema>;

export const AGAINST_KINDS = ['excluded-finding', 'absent-hallmark', 'negated-finding', 'onset', 'sex', 'inheritance'] as const;

export const EvidenceAgainstSchema = z.object({
  kind: z.enum(AGAINST_KINDS),
  /** The finding concerned (the excluded term, the absent hallmark, the observed NOT-annotated term). */
  term: Term.optional(),
  /** The disease's annotated frequency of the feature, when stated. */
  frequency: z.number().optional(),
  /** Log-likelihood the engine charged for it (≤ 0); 0 when only shown, not scored. */
  weight: z.number(),
  text: z.string(),
  supported,
});
export type EvidenceAgainst = z.infer<typeof EvidenceAgainstSchema>;

export const TestStepSchema = z.object({
  kind: z.literal('test'),
  diseaseId: z.string(),
  name: z.string(),
  evidenceFor: z.array(EvidenceForSchema),
  evidenceAgainst: z.array(EvidenceAgainstSchema),
  /** Observed findings this disease does not explain. */
  unexplained: z.array(Term),
  /** The ranker's score. */
  scoreBefore: z.number(),
  /** Prior adjustment (a disease grouping many genes is a less specific diagnosis). */
  prior: z.number(),
  /** scoreBefore + prior + the weights of the evidence against. */
  scoreAfter: z.number(),
});

export const ChangeSchema = z.object({
  diseaseId: z.string(),
  name: z.string(),
  action: z.enum(['dropped', 'promoted', 'demoted', 'added']),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  reason: z.string(),
});
export type Change = z.infer<typeof ChangeSchema>;

export const DualDiagnosisSchema = z.object({
  diseases: z.tuple([Term.extend({ genes: z.array(z.string()) }), Term.extend({ genes: z.array(z.string()) })]),
  /** Findings explained by each disease of the pair and not by the other. */
  explainedBy: z.tuple([z.array(Term), z.array(Term)]),
  /** How much better (log-likelihood) the pair explains the findings than the best single disease. */
  gain: z.number(),
  reason: z.string(),
  supported,
});
export type DualDiagnosis = z.infer<typeof DualDiagnosisSchema>;

export const ReflectionStepSchema = z.object({
  kind: z.literal('reflection'),
  round: z.number().int(),
  changes: z.array(ChangeSchema),
  dualDiagnosis: DualDiagnosisSchema.optional(),
  summary: z.string(),
});

export const CONFIDENCE = ['high', 'moderate', 'low', 'insufficient'] as const;
export type Confidence = (typeof CONFIDENCE)[number];

export const DifferentialEntrySchema = z.object({
  diseaseId: z.string(),
  name: z.string(),
  genes: z.array(z.string()),
  /** Calibrated probability that this is the diagnosis (0–1). */
  probability: z.number().min(0).max(1),
  evidenceFor: z.array(EvidenceForSchema),
  evidenceAgainst: z.array(EvidenceAgainstSchema),
});
export type DifferentialEntry = z.infer<typeof DifferentialEntrySchema>;

export const ConclusionStepSchema = z.object({
  kind: z.literal('conclusion'),
  confidence: z.enum(CONFIDENCE),
  insufficientEvidence: z.boolean(),
  /** Probability left for a diagnosis outside the differential (or not in the knowledge base). */
  otherProbability: z.number().min(0).max(1),
  text: z.string(),
});

export const PhenotypeQuestionSchema = Term.extend({
  /** Expected reduction in entropy (bits) of the leading hypotheses' posterior. */
  expectedGain: z.number(),
  /** The hypotheses that become more likely if the finding is present / absent. */
  ifPresent: z.array(z.string()),
  ifAbsent: z.array(z.string()),
});
export type PhenotypeQuestion = z.infer<typeof PhenotypeQuestionSchema>;

export const NextStepsSchema = z.object({
  phenotypes: z.array(PhenotypeQuestionSchema),
  /** Genes of the leading hypotheses, with the summed probability of their diseases. */
  genes: z.array(z.object({ symbol: z.string(), probability: z.number(), diseases: z.array(z.string()) })),
});
export type NextSteps = z.infer<typeof NextStepsSchema>;

export const NextStepsStepSchema = NextStepsSchema.extend({ kind: z.literal('next-steps') });

export const StepSchema = z.discriminatedUnion('kind', [
  ObservationsStepSchema,
  HypothesesStepSchema,
  TestStepSchema,
  ReflectionStepSchema,
  ConclusionStepSchema,
  NextStepsStepSchema,
]);
export type Step = z.infer<typeof StepSchema>;
export type StepOf<K extends Step['kind']> = Extract<Step, { kind: K }>;

export const JourneySchema = z.object({
  schemaVersion: z.literal(JOURNEY_SCHEMA_VERSION),
  engine: z.enum(ENGINES),
  engineVersion: z.string(),
  budget: z.enum(BUDGETS),
  differential: z.array(DifferentialEntrySchema),
  confidence: z.enum(CONFIDENCE),
  steps: z.array(StepSchema),
  nextSteps: NextStepsSchema,
  /** Diagnoses ruled out before the journey started (by the user), never considered. */
  excludedDiseases: z.array(z.string()),
  versions: z.record(z.string(), z.string()),
  /** Work done, for the budget comparison: hypotheses tested and reflection rounds run. */
  work: z.object({ tested: z.number().int(), rounds: z.number().int() }),
  warnings: z.array(z.string()),
});
export type Journey = z.infer<typeof JourneySchema>;
