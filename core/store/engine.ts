/**
 * Ranking for stored analyses. An engine ranks a case's query with a named ranker and says
 * which ranker version and knowledge versions it would use, so reanalysis can skip cases
 * already analysed with exactly those. The in-process engine is below; rank-pool.ts spreads
 * the work over worker threads.
 */
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import type { KnowledgeVersions } from '../genes/kb/types.js';
import { rankCase } from '../genes/ranking/rank.js';
import { createRanker } from '../genes/ranking/registry.js';
import type { AgentReport } from '../genes/ranking/agent-report.js';
import type { Ranker, RankerInfo, RankQuery } from '../genes/ranking/types.js';
import type { AnalysisResult } from './types.js';

/** Genes and diseases stored per analysis, each with its evidence. */
export const STORED_TOP = 100;

export interface RankerDescription {
  ranker: RankerInfo;
  knowledge: KnowledgeVersions;
}

export interface RankOutcome {
  result: AnalysisResult;
  /** What the agents did, for agent rankers: stored with the analysis with its transcripts. */
  agent?: AgentReport;
  startedAt: string;
  durationMs: number;
}

export interface RankEngine {
  describe(rankerName: string): Promise<RankerDescription>;
  rank(rankerName: string, query: RankQuery, signal?: AbortSignal): Promise<RankOutcome>;
  close(): Promise<void>;
}

/** Ranks `query` and keeps what an analysis stores. */
export async function rankForStore(kb: KnowledgeBase, ranker: Ranker, query: RankQuery, signal?: AbortSignal): Promise<RankOutcome> {
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const r = await rankCase(kb, ranker, query, { top: STORED_TOP, explain: STORED_TOP, ...(signal ? { signal } : {}) });
  return {
    result: { genes: r.genes, diseases: r.diseases, warnings: r.warnings, scored: r.scored },
    ...(r.agent ? { agent: r.agent } : {}),
    startedAt,
    durationMs: Math.round((performance.now() - t0) * 10) / 10,
  };
}

/** Makes a ranker by name; the CLI and the app pass one that knows the agents and providers. */
export type RankerFactory = (name: string, kb: KnowledgeBase) => Ranker | Promise<Ranker>;

/** Ranks in this thread with an already loaded knowledge base. */
export class InlineEngine implements RankEngine {
  // Building a ranker's phenotype index takes about a second, so each is built once.
  private readonly rankers = new Map<string, Promise<Ranker>>();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly factory: RankerFactory = createRanker,
  ) {}

  ranker(name: string): Promise<Ranker> {
    let r = this.rankers.get(name);
    if (!r) {
      r = Promise.resolve().then(() => this.factory(name, this.kb));
      // A ranker that failed to load (a missing model, a bad provider) is tried again next time.
      r.catch(() => this.rankers.delete(name));
      this.rankers.set(name, r);
    }
    return r;
  }

  async describe(rankerName: string): Promise<RankerDescription> {
    return { ranker: (await this.ranker(rankerName)).info, knowledge: this.kb.versions };
  }

  async rank(rankerName: string, query: RankQuery, signal?: AbortSignal): Promise<RankOutcome> {
    return rankForStore(this.kb, await this.ranker(rankerName), query, signal);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
