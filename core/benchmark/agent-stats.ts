import type { AgentReport, SolvabilityLabel } from '../genes/ranking/agent-report.js';
import { median } from '../util/stats.js';
import { timing } from './metrics.js';

export interface AgentBenchStats {
  cases: number;
  callsPerCase: { median: number; p95: number };
  plannedCallsPerCase: { median: number; p95: number };
  promptTokensPerCase: { median: number; p95: number };
  completionTokensPerCase: { median: number; p95: number };
  cachedCalls: number;
  retries: number;
  /** Null when any provider's prices are unknown. */
  costUsd: number | null;
  wallMsPerCase: { median: number; p95: number };
  /** Per solvability label: how many cases got it and how often their top gene was right. */
  solvability: Record<SolvabilityLabel, { cases: number; top1: number }>;
  medianOrderKendallTau: number | null;
  medianPopularityCorrelation: number | null;
  unsupportedClaims: number;
  claims: number;
}

/** Collects what the agents reported for each benchmark case. */
export class AgentStatsCollector {
  private readonly calls: number[] = [];
  private readonly planned: number[] = [];
  private readonly prompt: number[] = [];
  private readonly completion: number[] = [];
  private readonly wall: number[] = [];
  private readonly taus: number[] = [];
  private readonly pops: number[] = [];
  private cached = 0;
  private retries = 0;
  private cost: number | null = 0;
  private claims = 0;
  private unsupported = 0;
  private readonly labels: Record<SolvabilityLabel, { cases: number; hits: number }> = { confident: { cases: 0, hits: 0 }, possible: { cases: 0, hits: 0 }, unsolved: { cases: 0, hits: 0 } };

  add(a: AgentReport, rank: number): void {
    this.calls.push(a.usage.calls);
    this.planned.push(a.plannedCalls);
    this.prompt.push(a.usage.promptTokens);
    this.completion.push(a.usage.completionTokens);
    this.wall.push(a.wallMs);
    this.cached += a.usage.cachedCalls;
    this.retries += a.usage.retries;
    this.cost = this.cost === null || a.usage.costUsd === null ? null : this.cost + a.usage.costUsd;
    if (a.bias.orderKendallTau !== null) this.taus.push(a.bias.orderKendallTau);
    if (a.bias.popularityCorrelation !== null) this.pops.push(a.bias.popularityCorrelation);
    this.claims += a.claims.length;
    this.unsupported += a.claims.filter((c) => c.status !== 'supported').length;
    const l = this.labels[a.solvability.label];
    l.cases++;
    if (rank === 1) l.hits++;
  }

  get size(): number {
    return this.calls.length;
  }

  report(): AgentBenchStats {
    const label = (k: SolvabilityLabel): { cases: number; top1: number } => ({ cases: this.labels[k].cases, top1: this.labels[k].cases ? this.labels[k].hits / this.labels[k].cases : 0 });
    return {
      cases: this.calls.length,
      callsPerCase: timing(this.calls),
      plannedCallsPerCase: timing(this.planned),
      promptTokensPerCase: timing(this.prompt),
      completionTokensPerCase: timing(this.completion),
      cachedCalls: this.cached,
      retries: this.retries,
      costUsd: this.cost === null ? null : Math.round(this.cost * 1e6) / 1e6,
      wallMsPerCase: timing(this.wall),
      solvability: { confident: label('confident'), possible: label('possible'), unsolved: label('unsolved') },
      medianOrderKendallTau: this.taus.length ? Math.round(median(this.taus) * 1000) / 1000 : null,
      medianPopularityCorrelation: this.pops.length ? Math.round(median(this.pops) * 1000) / 1000 : null,
      unsupportedClaims: this.unsupported,
      claims: this.claims,
    };
  }
}
