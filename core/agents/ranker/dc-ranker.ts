import { setMaxListeners } from 'node:events';
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import type { AgentReport } from '../../genes/ranking/agent-report.js';
import { KNOWLEDGE_RANKER, PhenotypeRanker } from '../../genes/ranking/phenotype-ranker.js';
import type { PreparedQuery, Ranker, RankerInfo, Scores } from '../../genes/ranking/types.js';
import { OdysseyError } from '../../errors.js';
import { AGGREGATION_METHODS, meanPairwiseTau, spearman, aggregate, type AggregationMethod } from './rank-aggregation.js';
import { analysePhenotypes, caseSpecificity } from './phenotype-analyst.js';
import { assessSolvability } from './solvability.js';
import { plannedCalls, runTournament, validateTournament } from './tournament.js';
import type { ChunkAgent, ChunkOutcome } from './types.js';
import { verifyClaims } from './verifier.js';

export interface DcConfig {
  /** Genes an agent orders at once (k). */
  chunkSize: number;
  /** Genes each chunk sends on to the next round (m). */
  advance: number;
  /** Independent shuffled runs merged at the end (R). */
  repetitions: number;
  seed: number;
  /** Genome-wide runs hand the agents the knowledge ranker's top N; candidate sets go in whole. */
  poolSize: number;
  aggregation: AggregationMethod;
  /**
   * Weight of the base order (the knowledge ranker's, or the ONNX ranker's in hybrid) in the
   * final fusion; 0 = agents only.
   */
  knowledgeWeight: number;
}

/**
 * The ONNX agent's features already hold the knowledge score, and fusing it in again lowered
 * top-1 in candidate sets of 100 (bench/RESULTS.md, issue 6), so its weight is 0. An LLM's
 * order is fused half-and-half, so a weak model cannot sink the knowledge floor.
 */
export const DC_DEFAULTS: DcConfig = { chunkSize: 20, advance: 5, repetitions: 3, seed: 1, poolSize: 100, aggregation: 'borda', knowledgeWeight: 0 };
export const LLM_DC_DEFAULTS: DcConfig = { ...DC_DEFAULTS, knowledgeWeight: 0.5 };

/** Checks a configuration before any model is loaded or called. */
export function validateDcConfig(c: DcConfig): void {
  validateTournament(c);
  if (!Number.isInteger(c.repetitions) || c.repetitions < 1) {
    throw new OdysseyError('bad-option', `The number of shuffled runs must be a whole number of at least 1, not ${c.repetitions}.`, 'Use --rounds 3, for example.');
  }
  if (!Number.isInteger(c.poolSize) || c.poolSize < 1) {
    throw new OdysseyError('bad-option', `The pool size must be a whole number of at least 1, not ${c.poolSize}.`, 'Use --pool 100, for example.');
  }
  if (!(c.knowledgeWeight >= 0 && c.knowledgeWeight <= 1)) {
    throw new OdysseyError('bad-option', `The knowledge weight must be from 0 to 1, not ${c.knowledgeWeight}.`, 'Use --knowledge-weight 0.5, for example.');
  }
  if (!AGGREGATION_METHODS.includes(c.aggregation)) {
    throw new OdysseyError('bad-option', `The aggregation must be ${AGGREGATION_METHODS.join(' or ')}, not ${c.aggregation}.`, 'Use --aggregation borda, for example.');
  }
}

export interface DcProgress {
  done: number;
  planned: number;
}

/**
 * The divide-and-conquer gene ranker (after Neeley et al. 2025): the candidates are shuffled and
 * split into small chunks, an agent orders each chunk, the best of each go forward until one
 * chunk is left; R shuffled repetitions are merged by rank aggregation and fused with the
 * knowledge ranker's order. Small chunks keep the agent accurate; shuffles expose and average
 * out its sensitivity to input order. Diseases keep the knowledge scores.
 */
export class DivideAndConquerRanker implements Ranker {
  readonly info: RankerInfo;
  readonly explanationParams = KNOWLEDGE_RANKER.scoring;
  private readonly knowledge: PhenotypeRanker;
  private annotationCounts?: Int32Array;

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly agent: ChunkAgent,
    readonly config: DcConfig = DC_DEFAULTS,
    private readonly onProgress?: (p: DcProgress) => void,
    knowledge?: PhenotypeRanker,
  ) {
    validateDcConfig(config);
    this.knowledge = knowledge ?? new PhenotypeRanker(kb, KNOWLEDGE_RANKER);
    this.info = {
      name: agent.name === 'onnx' ? 'onnx-dc' : agent.name,
      version: `1+${agent.name}-${agent.version}`,
      description: `Divide-and-conquer: ${agent.name} agents order chunks of ${config.chunkSize}, best ${config.advance} go forward, ${config.repetitions} shuffled runs merged by ${config.aggregation} and fused with the knowledge ranker`,
      params: { ...config, agent: agent.name, ...(agent.model ? { model: agent.model } : {}), knowledgeRanker: `${KNOWLEDGE_RANKER.name} v${KNOWLEDGE_RANKER.version}` },
    };
  }

  /** Genes ranked by the agents: the candidate set whole, or the base ranker's top N. */
  pool(query: PreparedQuery, ks: Scores): number[] {
    const all = query.candidateGenes ?? Array.from({ length: this.kb.genes.length }, (_, i) => i);
    const finite = all.filter((g) => ks.genes[g]! > -Infinity).sort((a, b) => ks.genes[b]! - ks.genes[a]! || a - b);
    return query.candidateGenes ? finite : finite.slice(0, this.config.poolSize);
  }

  score(query: PreparedQuery, signal?: AbortSignal): Promise<Scores> {
    return this.scoreOver(query, undefined, signal);
  }

  /**
   * Ranks with `base` scores choosing the pool and joining the fusion in place of the knowledge
   * ranker's (hybrid passes the ONNX run's).
   */
  async scoreOver(query: PreparedQuery, base: Scores | undefined, signal?: AbortSignal): Promise<Scores> {
    const t0 = performance.now();
    // Every in-flight model call listens on the one signal that cancels the whole analysis.
    if (signal) setMaxListeners(0, signal);
    const c = this.config;
    const ks = this.knowledge.scoreNow(query);
    const bs = base ?? ks;
    const pool = this.pool(query, bs);
    const planned = plannedCalls(pool.length, c) * c.repetitions;
    const run = this.agent.begin();
    let done = 0;
    const counted = {
      rankChunk: async (...args: Parameters<typeof run.rankChunk>) => {
        const r = await run.rankChunk(...args);
        this.onProgress?.({ done: ++done, planned });
        return r;
      },
      stats: run.stats,
      payloads: run.payloads,
    };
    // One call failing for good fails the analysis: stop the other repetitions' calls too, rather
    // than let them run on (and cost) for a result nobody will see.
    const stop = new AbortController();
    const inner = signal ? AbortSignal.any([signal, stop.signal]) : stop.signal;
    setMaxListeners(0, inner);
    let runs: Awaited<ReturnType<typeof runTournament>>[];
    try {
      runs = await Promise.all(
        Array.from({ length: c.repetitions }, (_, r) => runTournament(counted, pool, { query, knowledge: ks, repetition: r }, { chunkSize: c.chunkSize, advance: c.advance, seed: c.seed * 1009 + r }, inner)),
      );
    } catch (e) {
      stop.abort();
      throw e;
    }
    const orders = runs.map((r) => r.order);
    const fused = this.fuse(orders, pool);
    const final = pool.slice().sort((a, b) => fused.get(b)! - fused.get(a)! || bs.genes[b]! - bs.genes[a]! || a - b);

    let floor = Infinity;
    for (const g of pool) floor = Math.min(floor, bs.genes[g]!);
    const genes = Float64Array.from(bs.genes);
    // Equal fused scores are ordered by the base score in `final`; a step far below any real
    // difference keeps that order in the scores, so the ranking shown is the one reported on.
    final.forEach((g, i) => (genes[g] = floor + 1 + fused.get(g)! - i * 1e-12));
    const agent = this.report(query, ks, pool, orders, final, runs.flatMap((r) => r.outcomes), run, planned, performance.now() - t0);
    return { diseases: ks.diseases, genes, geneBestDisease: ks.geneBestDisease, agent };
  }

  /** Mean aggregate of the repetitions, fused with the base order (the pool's order) as one more weighted voter. */
  private fuse(orders: number[][], pool: number[]): Map<number, number> {
    const agents = aggregate(orders, this.config.aggregation);
    const byKnowledge = aggregate([pool], this.config.aggregation);
    const w = this.config.knowledgeWeight;
    return new Map(pool.map((g) => [g, (1 - w) * (agents.get(g) ?? 0) + w * byKnowledge.get(g)!]));
  }

  private report(query: PreparedQuery, ks: Scores, pool: number[], orders: number[][], final: number[], outcomes: ChunkOutcome[], run: ReturnType<ChunkAgent['begin']>, planned: number, wallMs: number): AgentReport {
    const top = final[0];
    const agreement = top === undefined ? 0 : orders.filter((o) => o[0] === top).length / orders.length;
    let next = -Infinity;
    for (const g of pool) if (g !== top) next = Math.max(next, ks.genes[g]!);
    const margin = top === undefined ? 0 : next === -Infinity ? ks.genes[top]! : ks.genes[top]! - next;
    const counts = this.geneAnnotationCounts();
    const stats = run.stats();
    const notes = [...new Set(outcomes.flatMap((o) => o.notes))];
    return {
      method: 'divide-and-conquer',
      agent: this.agent.name,
      ...(this.agent.provider ? { provider: this.agent.provider } : {}),
      ...(this.agent.model ? { model: this.agent.model } : {}),
      parameters: { ...this.config },
      poolSize: pool.length,
      plannedCalls: planned,
      usage: stats,
      wallMs: Math.round(wallMs * 10) / 10,
      solvability: assessSolvability({ agreement, margin, specificity: caseSpecificity(this.kb.hpo, query.observed) }),
      bias: {
        orderKendallTau: meanPairwiseTau(orders),
        popularityCorrelation: spearman(final.map((_, rank) => rank + 1), final.map((g) => counts[g]!)),
      },
      phenotypes: analysePhenotypes(this.kb.hpo, query),
      claims: verifyClaims(this.kb, outcomes.flatMap((o) => o.claims)),
      notes,
      promptVersions: { ...this.agent.promptVersions },
      transcripts: outcomes.flatMap((o) => (o.transcript ? [o.transcript] : [])),
      payloads: run.payloads(),
    };
  }

  /** Phenotype annotations over each gene's diseases: how well studied the gene is. */
  private geneAnnotationCounts(): Int32Array {
    if (!this.annotationCounts) {
      this.annotationCounts = Int32Array.from(this.kb.genes, (g) => g.diseases.reduce((n, id) => n + (this.kb.disease(id)?.phenotypes.length ?? 0), 0));
    }
    return this.annotationCounts;
  }
}
