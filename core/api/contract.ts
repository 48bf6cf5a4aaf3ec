/**
 * The one API contract between Odyssey's UI and its core: every operation's request and
 * response, as zod schemas with the TypeScript types inferred from them. Both transports (the
 * HTTP server of `odyssey serve` and Electron's IPC) and the renderer's client import this file
 * and nothing else from core, so it imports nothing but zod.
 *
 * Adding an operation: add its request and response schemas, then one entry in OPERATIONS. Long
 * work (an agent analysis) is a start/poll/cancel trio of operations keyed by a job id, so
 * neither transport needs streaming.
 */
import { z } from 'zod';

const hpoId = z.string().regex(/^HP:\d{7}$/, 'an HPO id such as HP:0001250');
const caseId = z.number().int().positive();

export const SEXES = ['FEMALE', 'MALE', 'OTHER_SEX', 'UNKNOWN_SEX'] as const;
export const CASE_STATUSES = ['unsolved', 'solved', 'closed'] as const;
export const REPORT_FORMATS = ['pdf', 'html', 'tsv', 'json', 'phenopacket'] as const;

/** What goes wrong, in words a clinician can act on: what happened and what to do. */
export const ApiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  hint: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Every answer from either transport: the operation's response, or an error. */
export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

// --- app info ---------------------------------------------------------------------------------

export const AppInfoRequest = z.object({}).strict();
export const RankerChoice = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  available: z.boolean(),
  /** Calls an LLM provider: the user picks one and sees what would be sent. */
  needsProvider: z.boolean().default(false),
  /** Why it cannot be used now, and how to fix that. */
  unavailableReason: z.string().optional(),
});
export const DatasetInfo = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  installed: z.boolean(),
  required: z.boolean(),
});
export const AppInfoResponse = z.object({
  appVersion: z.string(),
  datasets: z.array(DatasetInfo),
  dataComplete: z.boolean(),
  hpoAcknowledgement: z.string(),
  rankers: z.array(RankerChoice),
  storePath: z.string(),
  /** Whether the knowledge base is loaded yet (the first analysis waits for it otherwise). */
  knowledgeReady: z.boolean(),
});

// --- term search and extraction ---------------------------------------------------------------

export const Category = z.object({ id: z.string(), name: z.string() });
export const SearchTermsRequest = z.object({
  query: z.string().min(1).max(200),
  limit: z.number().int().min(1).max(50).default(10),
});
export const TermHit = z.object({
  id: z.string(),
  name: z.string(),
  score: z.number(),
  /** The name, synonym or id the query matched. */
  matched: z.string(),
  matchKind: z.enum(['id', 'alt_id', 'name', 'synonym']),
  categories: z.array(Category),
  warning: z.string().optional(),
});
export const SearchTermsResponse = z.object({ results: z.array(TermHit) });

export const ExtractTermsRequest = z.object({ text: z.string().min(1).max(100_000) });
export const ExtractedTerm = z.object({
  id: z.string(),
  name: z.string(),
  negated: z.boolean(),
  uncertain: z.boolean(),
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  confidence: z.number(),
  source: z.enum(['dictionary', 'onnx', 'llm']),
});
export const ExtractTermsResponse = z.object({
  terms: z.array(ExtractedTerm),
  familyHistory: z.array(ExtractedTerm),
  /** Set when the phrase encoder could not be used, so only the dictionary ran. */
  note: z.string().optional(),
});

export const CategoryProfileRequest = z.object({ termIds: z.array(hpoId).max(500) });
export const CategoryProfileResponse = z.object({
  categories: z.array(
    z.object({
      categoryId: z.string(),
      name: z.string(),
      terms: z.array(z.string()),
      count: z.number(),
      maxIc: z.number(),
      meanIc: z.number(),
    }),
  ),
  uncategorised: z.array(z.string()),
  totalTerms: z.number(),
});

// --- cases ------------------------------------------------------------------------------------

export const PhenotypeInput = z.object({
  id: hpoId,
  excluded: z.boolean().default(false),
  /** The note the term was extracted from, and where in it. */
  sourceText: z.string().max(100_000).optional(),
  span: z.tuple([z.number().int().min(0), z.number().int().min(0)]).optional(),
});
export const Phenotype = z.object({
  id: z.string(),
  label: z.string(),
  excluded: z.boolean(),
  categories: z.array(Category),
  sourceText: z.string().optional(),
  span: z.tuple([z.number(), z.number()]).optional(),
  addedBy: z.string(),
  addedAt: z.string(),
});

const years = z.number().min(0).max(130);
export const Demographics = z.object({
  sex: z.enum(SEXES).nullable().optional(),
  ageYears: years.nullable().optional(),
  onsetYears: years.nullable().optional(),
});

export const CaseSummary = z.object({
  id: z.number(),
  label: z.string(),
  status: z.enum(CASE_STATUSES),
  sex: z.enum(SEXES).optional(),
  ageYears: z.number().optional(),
  causalGene: z.string().optional(),
  observedCount: z.number(),
  excludedCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  latestAnalysis: z
    .object({
      id: z.number(),
      finishedAt: z.string(),
      topGene: z.string().optional(),
      ranker: z.string(),
    })
    .optional(),
});
export const ListCasesRequest = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  text: z.string().max(200).optional(),
  gene: z.string().max(40).optional(),
  since: z.string().max(40).optional(),
  until: z.string().max(40).optional(),
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
});
export const ListCasesResponse = z.object({
  items: z.array(CaseSummary),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const CaseRecord = z.object({
  id: z.number(),
  label: z.string(),
  status: z.enum(CASE_STATUSES),
  sex: z.enum(SEXES).optional(),
  ageYears: z.number().optional(),
  onsetYears: z.number().optional(),
  onsetTerm: z.string().optional(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const AnalysisSummary = z.object({
  id: z.number(),
  status: z.enum(['done', 'failed']),
  finishedAt: z.string(),
  ranker: z.string(),
  topGenes: z.array(z.string()),
  summary: z.string().optional(),
  error: z.string().optional(),
});
export const CaseDetail = z.object({
  case: CaseRecord,
  phenotypes: z.array(Phenotype),
  candidateGenes: z.array(z.string()).optional(),
  analyses: z.array(AnalysisSummary),
});

export const GetCaseRequest = z.object({ id: caseId });
export const CreateCaseRequest = Demographics.extend({
  label: z.string().trim().min(1, 'a label or pseudonym').max(200),
  notes: z.string().max(100_000).optional(),
  phenotypes: z.array(PhenotypeInput).max(500).default([]),
});
export const UpdateCaseRequest = Demographics.extend({
  id: caseId,
  label: z.string().trim().min(1, 'a label or pseudonym').max(200).optional(),
  notes: z.string().max(100_000).optional(),
  status: z.enum(['unsolved', 'closed']).optional(),
  /** When given, the case's full list of terms: missing ones are removed, new ones added. */
  phenotypes: z.array(PhenotypeInput).max(500).optional(),
});

// --- analysis ---------------------------------------------------------------------------------

export const RunAnalysisRequest = z.object({
  caseId,
  ranker: z.string().min(1).max(40).default('knowledge'),
  /** Analyse even when an identical analysis (same findings, ranker and knowledge) exists. */
  force: z.boolean().default(false),
});
export const TermRef = z.object({ id: z.string(), name: z.string() });
export const MatchKind = z.enum([
  'exact',
  'patient-more-specific',
  'disease-more-specific',
  'related',
  'unmatched',
]);
export const Explanation = z.object({
  diseaseId: z.string(),
  matches: z.array(
    z.object({
      patientTerm: TermRef,
      kind: MatchKind,
      diseaseTerm: TermRef.extend({ frequency: z.number().optional() }).optional(),
      commonAncestor: TermRef.extend({ ic: z.number() }).optional(),
      contribution: z.number(),
    }),
  ),
  unmatched: z.array(TermRef),
  excludedConflicts: z.array(
    z.object({
      excludedTerm: TermRef,
      diseaseTerm: TermRef.extend({ frequency: z.number().optional() }),
    }),
  ),
  negatedConflicts: z.array(TermRef),
  annotationCount: z.number(),
});
export const RankedGene = z.object({
  symbol: z.string(),
  rank: z.number(),
  score: z.number(),
  diseases: z.array(z.object({ id: z.string(), name: z.string(), score: z.number() })),
  explanation: Explanation.optional(),
});
/** PhenoGrid-style evidence: patient terms (rows) × top genes (columns). */
export const EvidenceGrid = z.object({
  terms: z.array(z.object({ id: z.string(), name: z.string(), ic: z.number() })),
  genes: z.array(z.string()),
  /** cells[term][gene]: how the gene's best disease matched the term; null when it did not. */
  cells: z.array(
    z.array(
      z
        .object({
          kind: MatchKind,
          ic: z.number(),
          contribution: z.number(),
          via: z.string().optional(),
        })
        .nullable(),
    ),
  ),
  /** The largest IC in the grid, for shading. */
  maxIc: z.number(),
});
export const AnalysisView = z.object({
  id: z.number(),
  caseId: z.number(),
  status: z.enum(['done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  ranker: z.object({ name: z.string(), version: z.string(), description: z.string() }),
  knowledge: z.record(z.string(), z.string()),
  genes: z.array(RankedGene),
  diseases: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      genes: z.array(z.string()),
      rank: z.number(),
      score: z.number(),
    }),
  ),
  warnings: z.array(z.string()),
  scored: z.object({ genes: z.number(), diseases: z.number() }),
  summary: z.string().optional(),
  error: z.string().optional(),
  grid: EvidenceGrid,
});
export const RunAnalysisResponse = z.object({
  outcome: z.enum(['analysed', 'skipped']),
  /** Why it was skipped (an identical analysis exists), in words. */
  reason: z.string().optional(),
  analysis: AnalysisView,
});
export const GetAnalysisRequest = z.object({
  caseId,
  /** Default: the case's latest analysis. */
  analysisId: z.number().int().positive().optional(),
  /** Genes returned (and the evidence grid's columns: at most 20). */
  top: z.number().int().min(1).max(100).default(50),
});

// --- reports ----------------------------------------------------------------------------------

export const ExportReportRequest = z.object({
  caseId,
  analysisId: z.number().int().positive().optional(),
  format: z.enum(REPORT_FORMATS),
  top: z.number().int().min(1).max(100).default(20),
});
export const ExportReportResponse = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  base64: z.string(),
  bytes: z.number(),
});

// --- LLM providers ----------------------------------------------------------------------------

const providerName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,39}$/i, 'letters, digits, ".", "_" and "-", such as lab-vllm');
const envName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
    'an environment variable name such as OPENAI_API_KEY, not the key itself',
  );

export const ProviderInfo = z.object({
  name: z.string(),
  preset: z.string().optional(),
  about: z.string(),
  baseURL: z.string(),
  model: z.string().optional(),
  /** On this computer (loopback): nothing leaves the machine. */
  local: z.boolean(),
  /** The environment variable the key is read from; the key itself never crosses the API. */
  apiKeyEnv: z.string().optional(),
  keySet: z.boolean(),
  configured: z.boolean(),
});
export const ListProvidersRequest = z.object({}).strict();
export const ProvidersResponse = z.object({
  providers: z.array(ProviderInfo),
  presets: z.array(z.object({ name: z.string(), about: z.string(), baseURL: z.string() })),
  localOnly: z.boolean(),
  /** ODYSSEY_LOCAL_ONLY is set, so the switch cannot turn local-only off. */
  localOnlyForced: z.boolean(),
  defaultProvider: z.string().optional(),
  providersFile: z.string(),
  /** Where API keys come from: Electron's encrypted store, or environment variables only. */
  keyStorage: z.object({
    mode: z.enum(['encrypted', 'environment']),
    available: z.boolean(),
    reason: z.string().optional(),
  }),
});
export const SetLocalOnlyRequest = z.object({ localOnly: z.boolean() }).strict();
export const SaveProviderRequest = z
  .object({
    name: providerName,
    preset: z.string().max(40).optional(),
    baseURL: z.string().trim().max(500).optional(),
    model: z.string().trim().max(200).optional(),
    apiKeyEnv: envName.optional(),
  })
  .strict();
export const SetProviderKeyRequest = z
  .object({
    provider: providerName,
    /** null forgets the stored key. */
    key: z.string().trim().min(8, 'the whole API key').max(4000).nullable(),
  })
  .strict();

// --- agent analyses as jobs -------------------------------------------------------------------

/** The ranker and, for the LLM rankers, the provider and model to use. */
const AnalysisChoice = {
  caseId,
  ranker: z.string().min(1).max(40),
  provider: providerName.optional(),
  model: z.string().trim().min(1).max(200).optional(),
};
export const PreviewAnalysisRequest = z.object(AnalysisChoice).strict();
export const PreviewAnalysisResponse = z.object({
  ranker: z.string(),
  /** Absent for rankers that call no LLM (nothing is sent anywhere). */
  provider: z
    .object({
      name: z.string(),
      model: z.string(),
      baseURL: z.string(),
      remote: z.boolean(),
      apiKeyEnv: z.string().optional(),
      keySet: z.boolean(),
    })
    .optional(),
  /** The patient part every prompt carries, exactly as it will be sent. */
  patient: z.record(z.string(), z.unknown()),
  candidates: z.object({
    kind: z.enum(['candidate-list', 'knowledge-top', 'onnx-top']),
    count: z.number(),
    /** The symbols, when the case has a candidate list. */
    genes: z.array(z.string()).optional(),
    description: z.string(),
  }),
  /** What else each prompt carries besides the patient part and the gene symbols. */
  perGene: z.string(),
  plannedCalls: z.number(),
  /** Plain-words caveats: a missing key, a hybrid run that may send nothing, ... */
  notes: z.array(z.string()),
});
export const StartAnalysisRequest = z
  .object({
    ...AnalysisChoice,
    force: z.boolean().default(false),
    /** Must be true for a remote provider: the user saw the preview and chose to send. */
    confirmRemote: z.boolean().default(false),
  })
  .strict();
export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const;
export const JobView = z.object({
  jobId: z.string(),
  caseId: z.number(),
  ranker: z.string(),
  state: z.enum(JOB_STATES),
  stage: z.string(),
  /** The stage in words. */
  label: z.string(),
  calls: z.object({ done: z.number(), planned: z.number() }).optional(),
  elapsedMs: z.number(),
  analysisId: z.number().optional(),
  outcome: z.enum(['analysed', 'skipped']).optional(),
  reason: z.string().optional(),
  error: ApiErrorSchema.optional(),
});
export const JobRequest = z.object({ jobId: z.string().min(1).max(100) }).strict();

// --- the agents' report -----------------------------------------------------------------------

export const SOLVABILITY_LABELS = ['confident', 'possible', 'unsolved'] as const;
export const AgentReportView = z.object({
  method: z.string(),
  agent: z.string(),
  provider: z.string().optional(),
  model: z.string().optional(),
  parameters: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])),
  poolSize: z.number(),
  plannedCalls: z.number(),
  usage: z.object({
    calls: z.number(),
    cachedCalls: z.number(),
    retries: z.number(),
    promptTokens: z.number(),
    completionTokens: z.number(),
    costUsd: z.number().nullable(),
  }),
  wallMs: z.number(),
  solvability: z.object({
    label: z.enum(SOLVABILITY_LABELS),
    reasons: z.array(z.string()),
    agreement: z.number(),
    margin: z.number(),
    specificity: z.number(),
  }),
  bias: z.object({
    orderKendallTau: z.number().nullable(),
    popularityCorrelation: z.number().nullable(),
  }),
  claims: z.array(
    z.object({
      gene: z.string(),
      diseaseId: z.string().optional(),
      phenotypeId: z.string().optional(),
      status: z.string(),
      note: z.string(),
    }),
  ),
  notes: z.array(z.string()),
});
export const TranscriptView = z.object({
  agent: z.string(),
  messages: z.array(z.object({ role: z.string(), content: z.string() })),
});
export const GetAgentReportRequest = z
  .object({ caseId, analysisId: z.number().int().positive().optional() })
  .strict();
export const AgentReportResponse = z.object({
  analysisId: z.number(),
  ranker: z.string(),
  provider: z.string().optional(),
  model: z.string().optional(),
  promptVersions: z.record(z.string(), z.string()),
  /** null for rankers without agents (knowledge, resnik). */
  agent: AgentReportView.nullable(),
  transcripts: z.array(TranscriptView),
  /** Every request body exactly as it left the machine. */
  sentPayloads: z.array(z.object({ label: z.string(), body: z.string() })),
});

// --- differential (journey) -----------------------------------------------------------------

/** How much reasoning the differential does: hypotheses tested and reflection rounds. */
export const DIFFERENTIAL_BUDGETS = ['quick', 'standard', 'deep'] as const;
export const CONFIDENCE_LEVELS = ['high', 'moderate', 'low', 'insufficient'] as const;
const DdxTerm = z.object({ id: z.string(), name: z.string() });

export const RunDifferentialRequest = z
  .object({
    caseId,
    budget: z.enum(DIFFERENTIAL_BUDGETS).default('standard'),
    /** Draw it again even when one with the same findings, budget and knowledge is stored. */
    force: z.boolean().default(false),
  })
  .strict();
export const GetDifferentialRequest = z
  .object({
    caseId,
    /** Default: the case's latest analysis that has a differential. */
    analysisId: z.number().int().positive().optional(),
  })
  .strict();

export const DdxEvidenceFor = z.object({
  /** The patient's finding. */
  term: DdxTerm,
  /** The disease feature it matches, with how often patients have it when that is known. */
  diseaseTerm: DdxTerm.extend({ frequency: z.number().optional() }).optional(),
  /** Information content of what the finding and the feature share: how telling the match is. */
  ic: z.number(),
  text: z.string(),
  /** false: an LLM engine claimed it and the knowledge base does not hold it. */
  supported: z.boolean().optional(),
});
export const DdxEvidenceAgainst = z.object({
  kind: z.enum([
    'excluded-finding',
    'absent-hallmark',
    'negated-finding',
    'onset',
    'sex',
    'inheritance',
  ]),
  term: DdxTerm.optional(),
  /** How often patients with the disease have the feature, when stated. */
  frequency: z.number().optional(),
  /** Log-likelihood charged (≤ 0); 0 when only shown. */
  weight: z.number(),
  /** The reason, in words. */
  text: z.string(),
  supported: z.boolean().optional(),
});
export const DdxHypothesisTest = z.object({
  diseaseId: z.string(),
  name: z.string(),
  genes: z.array(z.string()),
  /** Rank in the knowledge ranker's genome-wide disease list. */
  initialRank: z.number().optional(),
  /** The reflection round that went back for it; absent when it was among the first hypotheses. */
  backtrackRound: z.number().optional(),
  evidenceFor: z.array(DdxEvidenceFor),
  /** Findings the disease conflicts with: excluded findings, absent hallmarks, negated features. */
  evidenceAgainst: z.array(DdxEvidenceAgainst),
  /** Mode-of-inheritance, sex and age-of-onset conflicts. */
  conflicts: z.array(DdxEvidenceAgainst),
  /** Observed findings this disease does not explain. */
  unexplained: z.array(DdxTerm),
  scoreBefore: z.number(),
  prior: z.number(),
  scoreAfter: z.number(),
  /** Where it ended: in the differential (rank, probability), dropped (why), or not shown. */
  outcome: z.object({
    kind: z.enum(['in-differential', 'dropped', 'not-shown']),
    rank: z.number().optional(),
    probability: z.number().optional(),
    reason: z.string().optional(),
  }),
});
export const DdxReflection = z.object({
  round: z.number(),
  changes: z.array(
    z.object({
      diseaseId: z.string(),
      name: z.string(),
      action: z.enum(['dropped', 'promoted', 'demoted', 'added']),
      from: z.number().optional(),
      to: z.number().optional(),
      reason: z.string(),
    }),
  ),
  dualDiagnosis: z
    .object({
      diseases: z.array(DdxTerm.extend({ genes: z.array(z.string()) })),
      /** Findings each disease of the pair explains and the other does not. */
      explainedBy: z.array(z.array(DdxTerm)),
      gain: z.number(),
      reason: z.string(),
    })
    .optional(),
  summary: z.string(),
});
export const DifferentialView = z.object({
  analysisId: z.number(),
  caseId: z.number(),
  finishedAt: z.string(),
  durationMs: z.number(),
  engine: z.string(),
  engineVersion: z.string(),
  budget: z.enum(DIFFERENTIAL_BUDGETS),
  versions: z.record(z.string(), z.string()),
  /** False when the case's findings (or details, or candidate genes) changed since. */
  upToDate: z.boolean(),
  work: z.object({ tested: z.number(), rounds: z.number() }),
  warnings: z.array(z.string()),
  /** Diagnoses ruled out beforehand, never considered. */
  excludedDiseases: z.array(z.string()),
  observations: z.object({
    systems: z.array(
      z.object({
        categoryId: z.string(),
        name: z.string(),
        findings: z.array(DdxTerm.extend({ ic: z.number() })),
      }),
    ),
    pertinentNegatives: z.array(DdxTerm),
    other: z.array(DdxTerm),
    summary: z.string(),
  }),
  hypotheses: z.object({
    candidates: z.array(
      z.object({
        diseaseId: z.string(),
        name: z.string(),
        genes: z.array(z.string()),
        initialRank: z.number(),
        score: z.number(),
      }),
    ),
    summary: z.string(),
  }),
  tests: z.array(DdxHypothesisTest),
  reflection: z.array(DdxReflection),
  conclusion: z.object({
    confidence: z.enum(CONFIDENCE_LEVELS),
    insufficientEvidence: z.boolean(),
    /** The conclusion in words; says "Insufficient evidence" plainly when so. */
    text: z.string(),
    /** Probability left for a diagnosis outside the list (or outside the knowledge base). */
    otherProbability: z.number(),
    entries: z.array(
      z.object({
        diseaseId: z.string(),
        name: z.string(),
        genes: z.array(z.string()),
        probability: z.number(),
      }),
    ),
  }),
  nextSteps: z.object({
    phenotypes: z.array(
      DdxTerm.extend({
        /** Expected information gain (bits) over the leading hypotheses. */
        expectedGain: z.number(),
        favouredIfPresent: z.array(DdxTerm),
        favouredIfAbsent: z.array(DdxTerm),
        /** How the case records the term now, if it does. */
        recorded: z.enum(['observed', 'excluded']).nullable(),
      }),
    ),
    genes: z.array(
      z.object({ symbol: z.string(), probability: z.number(), diseases: z.array(z.string()) }),
    ),
  }),
});
export const RunDifferentialResponse = z.object({
  outcome: z.enum(['analysed', 'skipped']),
  /** Why the stored differential was returned instead of a new one, in words. */
  reason: z.string().optional(),
  differential: DifferentialView,
});
export type DifferentialViewT = z.infer<typeof DifferentialView>;
export type DdxHypothesisTestT = z.infer<typeof DdxHypothesisTest>;
export type DdxEvidenceForT = z.infer<typeof DdxEvidenceFor>;
export type DdxEvidenceAgainstT = z.infer<typeof DdxEvidenceAgainst>;
export type DdxReflectionT = z.infer<typeof DdxReflection>;
export type DifferentialBudget = (typeof DIFFERENTIAL_BUDGETS)[number];

// --- reanalysis history and diff --------------------------------------------------------------

/** An HPO term as the history names it; `excluded` when it was checked and absent. */
export const HistoryFinding = z.object({ id: z.string(), name: z.string(), excluded: z.boolean() });
export const AnalysisFindings = z.object({
  /**
   * False when the case's change log does not reach back to this analysis (a case made before
   * the log existed), so which terms it used cannot be said.
   */
  known: z.boolean(),
  observed: z.number(),
  excluded: z.number(),
  terms: z.array(HistoryFinding),
  /** These findings differ from the case's findings now (false when not known). */
  differFromCurrent: z.boolean(),
});
export const HistoryGene = z.object({ symbol: z.string(), rank: z.number(), score: z.number() });
export const HistoryEntry = z.object({
  id: z.number(),
  status: z.enum(['done', 'failed']),
  startedAt: z.string(),
  finishedAt: z.string(),
  durationMs: z.number(),
  ranker: z.object({
    name: z.string(),
    version: z.string(),
    /** The method in words, as the Analyse screen names it. */
    label: z.string(),
  }),
  /** The LLM or local model and its provider, for agent rankers. */
  model: z.string().optional(),
  provider: z.string().optional(),
  knowledge: z.record(z.string(), z.string()),
  findings: AnalysisFindings,
  /** Findings, demographics and candidate genes are exactly what the case has now. */
  inputsCurrent: z.boolean(),
  candidates: z.object({
    scope: z.enum(['genome', 'candidate-list']),
    /** Genes in the candidate list, and where it came from (pasted list, panel, VCF). */
    count: z.number().optional(),
    source: z.string().optional(),
    /** In words: "the whole genome", "a candidate list of 42 genes from a VCF". */
    description: z.string(),
  }),
  topGenes: z.array(HistoryGene),
  genesScored: z.number(),
  /** The analysis before it that `change` and `summary` compare with. */
  previousId: z.number().optional(),
  /** The change since that analysis in one line (as diffAnalyses' headline, over the top 10). */
  change: z.string().optional(),
  summary: z.string().optional(),
  error: z.string().optional(),
  hasDifferential: z.boolean(),
});
export const ListAnalysesRequest = z
  .object({ caseId, top: z.number().int().min(1).max(20).default(5) })
  .strict();
export const ListAnalysesResponse = z.object({
  caseId: z.number(),
  /** Newest first. */
  analyses: z.array(HistoryEntry),
  /** The installed knowledge versions a new analysis would use. */
  knowledgeNow: z.record(z.string(), z.string()),
  /** The case's findings now. */
  current: z.object({ observed: z.number(), excluded: z.number() }),
});

export const DiffAnalysesRequest = z
  .object({
    caseId,
    fromId: z.number().int().positive(),
    toId: z.number().int().positive(),
    top: z.number().int().min(1).max(100).default(20),
  })
  .strict();
/** A gene's place in each analysis; null when it was not among the genes stored. */
export const GeneChange = z.object({
  symbol: z.string(),
  from: z.number().nullable(),
  to: z.number().nullable(),
  scoreFrom: z.number().nullable(),
  scoreTo: z.number().nullable(),
});
export const DiffAnalysesResponse = z.object({
  from: HistoryEntry,
  to: HistoryEntry,
  top: z.number(),
  /** One line: the main change and why, e.g. "KIF1A rose from 7 to 1 after HPO … and 2 new findings". */
  headline: z.string(),
  /** One paragraph in plain words. */
  summary: z.string(),
  topGene: z.object({ before: z.string().nullable(), after: z.string().nullable() }),
  entered: z.array(GeneChange),
  dropped: z.array(GeneChange),
  moved: z.array(GeneChange),
  newDiseases: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      rank: z.number(),
      previousRank: z.number().nullable(),
    }),
  ),
  findings: z.object({
    known: z.boolean(),
    added: z.array(HistoryFinding),
    removed: z.array(HistoryFinding),
    /** Terms switched between observed and excluded; `excluded` is the state in `to`. */
    flipped: z.array(HistoryFinding),
  }),
  /** Findings, demographics or candidate genes differ between the two. */
  inputsChanged: z.boolean(),
  knowledgeChanged: z.array(
    z.object({ source: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  ),
  /** Ranker, model, provider, prompts, candidate genes and parameters that differ. */
  settingsChanged: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
  listed: z.object({ before: z.number(), after: z.number() }),
});

export type HistoryEntryT = z.infer<typeof HistoryEntry>;
export type HistoryFindingT = z.infer<typeof HistoryFinding>;
export type GeneChangeT = z.infer<typeof GeneChange>;
export type ListAnalysesT = z.infer<typeof ListAnalysesResponse>;
export type AnalysisDiffT = z.infer<typeof DiffAnalysesResponse>;

// --- candidate genes, case import and export, phenopacket -------------------------------------

/**
 * The largest file taken in one upload. A file travels whole, as base64 inside the JSON request,
 * so the HTTP transport's body limit (1 MB) bounds it; bigger VCFs are filtered or bgzipped first.
 */
export const MAX_UPLOAD_BYTES = 700_000;
/** A file the user picked in the window: the server never reads paths on the user's disk. */
export const UploadedFile = z.object({
  fileName: z.string().trim().min(1).max(255),
  // The handler checks the decoded size against MAX_UPLOAD_BYTES and says what to do; this
  // bound only stops absurd requests before they are decoded.
  base64: z.string().max(4 * MAX_UPLOAD_BYTES),
});
export const CandidateSourceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('list'), text: z.string().max(100_000) }),
  z.object({ kind: z.literal('panel'), file: UploadedFile }),
  z.object({
    kind: z.literal('vcf'),
    file: UploadedFile,
    /** Also take genes from records whose FILTER is not PASS. */
    includeFiltered: z.boolean().default(false),
  }),
]);
export const CandidateGeneSetView = z.object({
  id: z.number(),
  kind: z.enum(['list', 'panel', 'vcf']),
  /** The choice to rank the whole genome again (names no genes). */
  genome: z.boolean(),
  fileName: z.string().optional(),
  sha256: z.string().optional(),
  /** Distinct names read from the list or file, before they were checked against HGNC. */
  inputCount: z.number(),
  genes: z.array(z.string()),
  /** Unknown or ambiguous symbols and file notes, each with what to do. */
  warnings: z.array(z.string()),
  vcf: z
    .object({ records: z.number(), filteredOut: z.number(), annotations: z.array(z.string()) })
    .optional(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export const CandidateGenesRequest = z.object({ caseId }).strict();
export const SetCandidateGenesRequest = z
  .object({ caseId, source: CandidateSourceInput })
  .strict();
export const CandidateGenesResponse = z.object({
  caseId: z.number(),
  /** The set the next analysis ranks within; null when it ranks the whole genome. */
  active: CandidateGeneSetView.nullable(),
  /** Genes of the active set without HPO phenotype annotations: they cannot be ranked. */
  unannotated: z.array(z.string()),
  /** Every set recorded for the case, newest first, the genome choices included. */
  history: z.array(CandidateGeneSetView),
});

export const ImportCasesRequest = z
  .object({
    file: UploadedFile,
    /** Keep imported cases unsolved even when the file gives a diagnosis. */
    asUnsolved: z.boolean().default(false),
  })
  .strict();
const ImportedCaseView = z.object({
  caseId: z.number(),
  externalId: z.string(),
  /** The file (and line or archive entry) the case came from. */
  source: z.string(),
});
export const ImportCasesResponse = z.object({
  fileName: z.string(),
  imported: z.array(ImportedCaseView),
  /** Already stored with the same id and content. */
  skipped: z.array(ImportedCaseView),
  failed: z.array(z.object({ source: z.string(), error: ApiErrorSchema })),
  warnings: z.array(z.string()),
});
export const ExportCasesRequest = z
  .object({
    /** The cases to export; without it, every case matching the filters. */
    caseIds: z.array(caseId).min(1).max(10_000).optional(),
    status: z.enum(CASE_STATUSES).optional(),
    text: z.string().max(200).optional(),
    gene: z.string().max(40).optional(),
    since: z.string().max(40).optional(),
    until: z.string().max(40).optional(),
  })
  .strict();
export const ExportCasesResponse = ExportReportResponse.extend({ count: z.number() });

export const AboutRequest = z.object({}).strict();
/** What appInfo does not carry: licences, model versions and where case data may go. */
export const AboutResponse = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      version: z.string(),
      licence: z.string(),
      url: z.string().optional(),
      installed: z.boolean(),
    }),
  ),
  models: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      /** What an analysis records as the version, or the model file's hash. */
      version: z.string(),
      detail: z.string(),
      installed: z.boolean(),
    }),
  ),
  localOnly: z.boolean(),
  /** Configured providers that are not on this computer: the only way case data leaves it. */
  remoteProviders: z.array(z.string()),
});

export type UploadedFileT = z.infer<typeof UploadedFile>;
export type CandidateSourceInputT = z.input<typeof CandidateSourceInput>;
export type CandidateGeneSetViewT = z.infer<typeof CandidateGeneSetView>;
export type CandidateGenesT = z.infer<typeof CandidateGenesResponse>;
export type ImportCasesT = z.infer<typeof ImportCasesResponse>;
export type AboutT = z.infer<typeof AboutResponse>;

// --- the operation table ----------------------------------------------------------------------

export const OPERATIONS = {
  appInfo: { request: AppInfoRequest, response: AppInfoResponse },
  searchTerms: { request: SearchTermsRequest, response: SearchTermsResponse },
  extractTerms: { request: ExtractTermsRequest, response: ExtractTermsResponse },
  categoryProfile: { request: CategoryProfileRequest, response: CategoryProfileResponse },
  listCases: { request: ListCasesRequest, response: ListCasesResponse },
  getCase: { request: GetCaseRequest, response: CaseDetail },
  createCase: { request: CreateCaseRequest, response: CaseDetail },
  updateCase: { request: UpdateCaseRequest, response: CaseDetail },
  runAnalysis: { request: RunAnalysisRequest, response: RunAnalysisResponse },
  getAnalysis: { request: GetAnalysisRequest, response: AnalysisView },
  exportReport: { request: ExportReportRequest, response: ExportReportResponse },
  listProviders: { request: ListProvidersRequest, response: ProvidersResponse },
  setLocalOnly: { request: SetLocalOnlyRequest, response: ProvidersResponse },
  saveProvider: { request: SaveProviderRequest, response: ProvidersResponse },
  setProviderKey: { request: SetProviderKeyRequest, response: ProvidersResponse },
  previewAnalysis: { request: PreviewAnalysisRequest, response: PreviewAnalysisResponse },
  startAnalysis: { request: StartAnalysisRequest, response: JobView },
  analysisJob: { request: JobRequest, response: JobView },
  cancelAnalysis: { request: JobRequest, response: JobView },
  analysisJobResult: { request: JobRequest, response: RunAnalysisResponse },
  getAgentReport: { request: GetAgentReportRequest, response: AgentReportResponse },
  // differential operations
  runDifferential: { request: RunDifferentialRequest, response: RunDifferentialResponse },
  getDifferential: { request: GetDifferentialRequest, response: DifferentialView },
  // history operations
  listAnalyses: { request: ListAnalysesRequest, response: ListAnalysesResponse },
  diffAnalyses: { request: DiffAnalysesRequest, response: DiffAnalysesResponse },
  // case-io operations
  getCandidateGenes: { request: CandidateGenesRequest, response: CandidateGenesResponse },
  setCandidateGenes: { request: SetCandidateGenesRequest, response: CandidateGenesResponse },
  clearCandidateGenes: { request: CandidateGenesRequest, response: CandidateGenesResponse },
  importCases: { request: ImportCasesRequest, response: ImportCasesResponse },
  exportCases: { request: ExportCasesRequest, response: ExportCasesResponse },
  aboutOdyssey: { request: AboutRequest, response: AboutResponse },
} as const;

export type Operations = typeof OPERATIONS;
export type OperationName = keyof Operations;
export const OPERATION_NAMES = Object.keys(OPERATIONS) as OperationName[];
/** What a caller sends (defaults may be left out). */
export type RequestOf<K extends OperationName> = z.input<Operations[K]['request']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedRequestOf<K extends OperationName> = z.output<Operations[K]['request']>;
export type ResponseOf<K extends OperationName> = z.output<Operations[K]['response']>;

export function isOperationName(name: string): name is OperationName {
  return Object.hasOwn(OPERATIONS, name);
}

export type AppInfo = ResponseOf<'appInfo'>;
export type TermHitT = z.infer<typeof TermHit>;
export type ExtractedTermT = z.infer<typeof ExtractedTerm>;
export type CaseDetailT = z.infer<typeof CaseDetail>;
export type CaseSummaryT = z.infer<typeof CaseSummary>;
export type PhenotypeT = z.infer<typeof Phenotype>;
export type PhenotypeInputT = z.input<typeof PhenotypeInput>;
export type AnalysisViewT = z.infer<typeof AnalysisView>;
export type RankedGeneT = z.infer<typeof RankedGene>;
export type EvidenceGridT = z.infer<typeof EvidenceGrid>;
export type CategoryProfileT = z.infer<typeof CategoryProfileResponse>;
export type ProvidersT = z.infer<typeof ProvidersResponse>;
export type ProviderInfoT = z.infer<typeof ProviderInfo>;
export type PreviewT = z.infer<typeof PreviewAnalysisResponse>;
export type JobViewT = z.infer<typeof JobView>;
export type AgentReportT = z.infer<typeof AgentReportResponse>;
export type AgentReportViewT = z.infer<typeof AgentReportView>;
export type TranscriptT = z.infer<typeof TranscriptView>;

/** The client interface the renderer programs against; the transports implement `call`. */
export interface OdysseyApi {
  call<K extends OperationName>(op: K, request: RequestOf<K>): Promise<ResponseOf<K>>;
}

/** An error from the API, carrying the code and the fix. */
export class OdysseyApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'OdysseyApiError';
  }
}

/**
 * What Electron's preload exposes as `window.odyssey`: one named function per operation, each
 * answering with the operation's result or error (IPC cannot carry typed errors).
 */
export type PreloadBridge = {
  [K in OperationName]: (request: RequestOf<K>) => Promise<ApiResult<ResponseOf<K>>>;
};
