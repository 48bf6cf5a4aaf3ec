import type { KnowledgeVersions } from '../kb/types.js';
import type { AgentReport } from './agent-report.js';
import type { ScoringParams } from './phenotype-scorer.js';

/** What a user asks: findings, and optionally demographics and a candidate gene set. */
export interface RankQuery {
  observed: string[];
  excluded?: string[];
  sex?: 'MALE' | 'FEMALE' | 'OTHER_SEX' | 'UNKNOWN_SEX';
  ageYears?: number;
  onsetYears?: number;
  /** Onset as an HPO onset class, when no age is known. */
  onsetTerm?: string;
  /** Gene symbols or ids; when given, only these genes are ranked. */
  candidates?: string[];
}

/** A query resolved against the knowledge base: term indexes, gene mask, warnings. */
export interface PreparedQuery {
  observed: number[];
  excluded: number[];
  sex?: RankQuery['sex'];
  ageYears?: number;
  onsetYears?: number;
  onsetTerm?: string;
  /** Gene indexes to rank; undefined means genome-wide. */
  candidateGenes?: number[];
  warnings: string[];
}

/** Raw scores from a ranker: higher is better; -Infinity means not scored. */
export interface Scores {
  diseases: Float64Array;
  genes: Float64Array;
  /** Per gene, the index of the disease that gave its score (-1 when none). */
  geneBestDisease: Int32Array;
  /** Set by model-backed rankers: how the agents reached these scores. */
  agent?: AgentReport;
}

export interface RankerInfo {
  name: string;
  version: string;
  description: string;
  params: Record<string, number | string | boolean>;
}

/** Rankers are interchangeable strategies: knowledge, the Resnik reference, later ONNX and LLM agents. */
export interface Ranker {
  readonly info: RankerInfo;
  /** Async because model-backed rankers (ONNX, LLM) are; `signal` cancels their work. */
  score(query: PreparedQuery, signal?: AbortSignal): Promise<Scores>;
  /** Scoring parameters explanations should be computed with (the knowledge ranker's by default). */
  readonly explanationParams?: ScoringParams;
}

export interface TermRef {
  id: string;
  name: string;
}

export type MatchKind = 'exact' | 'patient-more-specific' | 'disease-more-specific' | 'related' | 'unmatched';

export interface TermMatch {
  patientTerm: TermRef;
  kind: MatchKind;
  /** The disease annotation that matched best, with its frequency when stated. */
  diseaseTerm?: TermRef & { frequency?: number };
  /** The most informative common ancestor of the two terms, and its information content. */
  commonAncestor?: TermRef & { ic: number };
  /** What this finding added to the score. */
  contribution: number;
}

export interface ExcludedConflict {
  excludedTerm: TermRef;
  /** The disease annotation at or below the excluded term, i.e. what the patient does not have. */
  diseaseTerm: TermRef & { frequency?: number };
}

export interface Explanation {
  diseaseId: string;
  matches: TermMatch[];
  unmatched: TermRef[];
  excludedConflicts: ExcludedConflict[];
  /** Observed findings the disease is annotated NOT to have. */
  negatedConflicts: TermRef[];
  /** Disease annotations used: how many phenotype terms the disease has. */
  annotationCount: number;
}

export interface DiseaseSummary {
  id: string;
  name: string;
  score: number;
}

export interface RankedGene {
  symbol: string;
  rank: number;
  score: number;
  diseases: DiseaseSummary[];
  explanation?: Explanation;
}

export interface RankedDisease {
  id: string;
  name: string;
  genes: string[];
  rank: number;
  score: number;
  explanation?: Explanation;
}

export interface RankResult {
  genes: RankedGene[];
  diseases: RankedDisease[];
  warnings: string[];
  ranker: RankerInfo;
  versions: KnowledgeVersions;
  /** How many genes and diseases were scored. */
  scored: { genes: number; diseases: number };
  /** Present when agents ranked the genes (divide-and-conquer with ONNX or an LLM). */
  agent?: AgentReport;
}
