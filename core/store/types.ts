/**
 * What the case store holds, as the UI, reports and CLI see it. Built on the domain types of
 * core/cases and core/genes/ranking; those never depend on the store.
 */
import type { CaseDiagnosis, PhenotypeEntry, Sex, VitalStatus } from '../cases/types.js';
import type { CandidateSourceKind, VcfSourceStats } from '../genes/candidate-set.js';
import type { KnowledgeVersions } from '../genes/kb/types.js';
import type { RankedDisease, RankedGene, RankerInfo, RankResult } from '../genes/ranking/types.js';
import type { Journey } from '../agents/journey/schema.js';

export type CaseStatus = 'unsolved' | 'solved' | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = ['unsolved', 'solved', 'closed'];

export interface StoredCase {
  id: number;
  /** Label or pseudonym; never a real name unless the user typed one. */
  label: string;
  sex?: Sex;
  vitalStatus?: VitalStatus;
  ageYears?: number;
  ageTerm?: string;
  onsetYears?: number;
  onsetTerm?: string;
  notes: string;
  status: CaseStatus;
  /** Final diagnosis when solved; for an imported case, the diagnosis its file gave. */
  diagnosis?: CaseDiagnosis;
  pmids: string[];
  /** Phenopacket id, for imported cases. */
  externalId?: string;
  /** SHA-256 of the case as imported (see import.ts); with externalId, the import key. */
  contentHash?: string;
  importedFrom?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

/** Fields of a new case; the store fills in id, times and who. */
export type NewCase = Omit<StoredCase, 'id' | 'createdAt' | 'createdBy' | 'updatedAt' | 'notes' | 'status' | 'pmids'> & {
  notes?: string;
  status?: CaseStatus;
  pmids?: string[];
};

/** Editable fields; `null` clears an optional one. Status 'solved' goes through solve(). */
export interface CasePatch {
  label?: string;
  sex?: Sex | null;
  vitalStatus?: VitalStatus | null;
  ageYears?: number | null;
  ageTerm?: string | null;
  onsetYears?: number | null;
  onsetTerm?: string | null;
  notes?: string;
  status?: 'unsolved' | 'closed';
}

export interface StoredPhenotype extends PhenotypeEntry {
  rowId: number;
  excluded: boolean;
  /** The text the term was extracted from, and the span within it, when extracted. */
  sourceText?: string;
  span?: [number, number];
  addedBy: string;
  addedAt: string;
}

export interface NewPhenotype extends PhenotypeEntry {
  excluded?: boolean;
  sourceText?: string;
  span?: [number, number];
}

export interface StoredGeneSet {
  id: number;
  caseId: number;
  kind: CandidateSourceKind;
  path?: string;
  sha256?: string;
  inputCount: number;
  genes: string[];
  warnings: string[];
  vcf?: VcfSourceStats;
  addedBy: string;
  addedAt: string;
}

export type AnalysisStatus = 'done' | 'failed';

export interface AgentTranscript {
  agent: string;
  messages: { role: string; content: string }[];
}

/** What an analysis found: the ranked genes with their evidence and the disease differential. */
export interface AnalysisResult {
  genes: RankedGene[];
  diseases: RankedDisease[];
  warnings: string[];
  scored: RankResult['scored'];
  /** The journey-style differential diagnosis (`odyssey ddx`), when one was run. */
  differential?: Journey;
}

export interface GeneMove {
  symbol: string;
  /** Rank in the earlier analysis; null when it was not among the genes stored then. */
  from: number | null;
  /** Rank now; null when it is not among the genes stored now. */
  to: number | null;
}

export interface AnalysisDiff {
  previousId: number;
  /** The N of "top N" the lists below refer to. */
  top: number;
  knowledgeChanged: { source: keyof KnowledgeVersions; from: string; to: string }[];
  rankerChanged?: { from: string; to: string };
  /** Whether the case's findings or candidate genes changed between the two analyses. */
  inputsChanged: boolean;
  enteredTop: GeneMove[];
  leftTop: GeneMove[];
  /** Genes in the top N both times whose rank changed. */
  moved: GeneMove[];
  /** Diseases in the top N now that were not in the top N before. */
  newDiseases: { id: string; name: string; rank: number; previousRank: number | null }[];
  topGene: { before: string | null; after: string | null };
  /** How many genes each analysis stored: a null rank means "not among them". */
  listed: { before: number; after: number };
}

export interface AnalysisRecord {
  id: number;
  caseId: number;
  status: AnalysisStatus;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  ranker: RankerInfo;
  knowledge: KnowledgeVersions;
  model?: string;
  provider?: string;
  promptVersions?: Record<string, string>;
  parameters: Record<string, unknown>;
  geneSetId?: number;
  /** SHA-256 of the ranking query (findings, demographics, candidates). */
  inputHash: string;
  /** Ranker + parameters + knowledge versions + inputs: equal keys mean an identical rerun. */
  runKey: string;
  previousId?: number;
  diff?: AnalysisDiff;
  /** The one-paragraph account of what changed since the previous analysis. */
  summary?: string;
  error?: string;
  createdBy: string;
}

export interface AnalysisWithResult extends AnalysisRecord {
  result?: AnalysisResult;
  transcripts?: AgentTranscript[];
}

/** One row of the case list. */
export interface CaseSummary {
  id: number;
  label: string;
  status: CaseStatus;
  sex?: Sex;
  ageYears?: number;
  causalGene?: string;
  diagnosisId?: string;
  diagnosisLabel?: string;
  externalId?: string;
  observedCount: number;
  excludedCount: number;
  createdAt: string;
  updatedAt: string;
  latestAnalysis?: { id: number; finishedAt: string; topGene?: string; ranker: string };
}

export interface CaseQuery {
  status?: CaseStatus;
  /** Words matched (case-insensitively, as substrings) in label, notes, phenopacket id and diagnosis. */
  text?: string;
  /** A causal gene, or a gene in the top `geneTop` of the latest analysis. */
  gene?: string;
  geneTop?: number;
  /** An observed HPO term. */
  hpo?: string;
  /** Last changed at or after / before this time (ISO 8601; a bare date means its whole day). */
  since?: string;
  until?: string;
  page?: number;
  pageSize?: number;
}

export interface CasePage {
  items: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  caseId?: number;
  entityId?: number;
  details?: unknown;
}
