import type { AgentTranscript, AgentUsage, SentPayload } from '../../genes/ranking/agent-report.js';
import type { PreparedQuery, Scores } from '../../genes/ranking/types.js';

/** One chunk to order: the genes in the (shuffled) order the agent is shown them. */
export interface ChunkTask {
  query: PreparedQuery;
  /** Gene indexes into the knowledge base. */
  genes: number[];
  /** The knowledge ranker's scores for the whole case, computed once per analysis. */
  knowledge: Scores;
  repetition: number;
  round: number;
}

/** A statement a model made about a gene, to be checked by the verifier. */
export interface GeneClaim {
  gene: string;
  diseaseId?: string;
  phenotypeIds?: string[];
}

export interface ChunkOutcome {
  /** A permutation of the task's genes, best first. */
  order: number[];
  claims: GeneClaim[];
  /** What had to be corrected in the reply (unknown or missing genes, a repair round). */
  notes: string[];
  transcript?: AgentTranscript;
}

/** Per-analysis totals a model-backed agent keeps: what the report shows as usage. */
export type AgentCallStats = AgentUsage;

/**
 * A ranking agent orders one small chunk of candidate genes for a case. The divide-and-conquer
 * ranker calls it many times; it never sees more than a chunk at once.
 */
export interface ChunkAgent {
  readonly name: string;
  readonly version: string;
  readonly provider?: string;
  readonly model?: string;
  /** Versions of the prompt files the agent uses, recorded with each analysis. */
  readonly promptVersions: Record<string, string>;
  /** Starts one analysis: its calls, costs and sent payloads are counted separately. */
  begin(): ChunkAgentRun;
}

export interface ChunkAgentRun {
  rankChunk(task: ChunkTask, signal?: AbortSignal): Promise<ChunkOutcome>;
  stats(): AgentCallStats;
  payloads(): SentPayload[];
}
