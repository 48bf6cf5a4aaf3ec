/**
 * What a model-backed ranker (the divide-and-conquer agents) adds to a ranking, as plain data:
 * how the run was made, what it cost, how sure it is, how biased it looked, which claims the
 * knowledge base does not support, and every message exchanged. It lives beside the ranking
 * types because results, the store and reports carry it; the agents that fill it sit above.
 */

export interface AgentMessage {
  role: string;
  content: string;
}

export interface AgentTranscript {
  agent: string;
  messages: AgentMessage[];
}

/** One request body exactly as it left the machine, so the user can see what was sent. */
export interface SentPayload {
  provider: string;
  model: string;
  url: string;
  body: string;
  at: string;
}

export type SolvabilityLabel = 'confident' | 'possible' | 'unsolved';

export interface Solvability {
  label: SolvabilityLabel;
  reasons: string[];
  /** Share of shuffled repetitions whose top gene is the final top gene (0–1). */
  agreement: number;
  /** Knowledge-score lead of the final top gene over the best other gene in the pool; negative when the knowledge evidence favours another gene. */
  margin: number;
  /** Information content of the case's most specific findings (mean of the top three). */
  specificity: number;
}

export interface BiasFigures {
  /** Mean pairwise Kendall tau between the repetitions' orders: 1 means input order did not matter. */
  orderKendallTau: number | null;
  /** Spearman correlation between a gene's final rank and its annotation count (negative: well-annotated genes rank higher). */
  popularityCorrelation: number | null;
}

export type ClaimStatus = 'supported' | 'unsupported' | 'unknown-gene' | 'unknown-disease' | 'unknown-term';

/** A gene–disease or gene–phenotype statement a model made, checked against the knowledge base. */
export interface VerifiedClaim {
  gene: string;
  diseaseId?: string;
  phenotypeId?: string;
  status: ClaimStatus;
  note: string;
}

export interface PhenotypeSystemSummary {
  categoryId: string;
  name: string;
  /** Patient terms in this organ system, most specific first. */
  terms: { id: string; name: string; ic: number }[];
}

/** The phenotype analyst's reading of the case. */
export interface PhenotypeSummary {
  systems: PhenotypeSystemSummary[];
  mostSpecific: { id: string; name: string; ic: number }[];
  /** Findings so general they barely narrow the search. */
  uninformative: { id: string; name: string; ic: number }[];
  /** Findings implied by a more specific finding also recorded. */
  redundant: { id: string; name: string; impliedBy: string }[];
  /** Observed findings that contradict an excluded one. */
  conflicts: { observed: string; excluded: string; note: string }[];
}

export interface AgentUsage {
  calls: number;
  cachedCalls: number;
  retries: number;
  promptTokens: number;
  completionTokens: number;
  /** US dollars; null when the provider's prices are not configured. */
  costUsd: number | null;
}

export interface AgentReport {
  method: string;
  /** The chunk-ranking agent, e.g. "onnx" or "llm". */
  agent: string;
  provider?: string;
  model?: string;
  parameters: Record<string, number | string | boolean>;
  /** Genes ranked by the agents (the rest keep the knowledge order below them). */
  poolSize: number;
  plannedCalls: number;
  usage: AgentUsage;
  wallMs: number;
  solvability: Solvability;
  bias: BiasFigures;
  phenotypes: PhenotypeSummary;
  claims: VerifiedClaim[];
  /** Problems with the agents' replies: unknown genes, genes left out, repaired output. */
  notes: string[];
  promptVersions: Record<string, string>;
  transcripts: AgentTranscript[];
  payloads: SentPayload[];
}

/** Sent payloads kept as one transcript of an analysis, each body byte for byte as sent. */
export function sentPayloadsTranscript(payloads: readonly SentPayload[]): AgentTranscript[] {
  return payloads.length ? [{ agent: 'sent-payloads', messages: payloads.map((p) => ({ role: `request to ${p.provider} ${p.url} at ${p.at}`, content: p.body })) }] : [];
}
