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
export const REPORT_FORMATS = ['pdf', 'html', 'tsv', 'json'] as const;

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
