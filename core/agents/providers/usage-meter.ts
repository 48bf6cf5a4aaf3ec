/**
 * Token, cost and call accounting for one analysis. Cost is in US dollars from the provider's
 * configured pricing; a call whose pricing is unknown makes the total unknown (null) rather
 * than silently zero, so a report never understates what a remote run cost.
 */
import type { ProviderConfig, Usage } from './types.js';

export interface UsageTotals {
  /** Calls answered by the provider (after any retries). */
  calls: number;
  /** Calls answered from the response cache; they cost nothing. */
  cacheHits: number;
  /** Calls that failed for good (after retries, or rejected). Cancelled calls are not counted. */
  failures: number;
  /** Extra attempts made because of transient failures. */
  retries: number;
  promptTokens: number;
  completionTokens: number;
  /** US dollars; null when a call's pricing is unknown. */
  costUsd: number | null;
  /** Sum of the calls' wall times, ms (concurrent calls overlap, so this can exceed elapsed time). */
  latencyMs: number;
}

export interface UsageSnapshot extends UsageTotals {
  /** The same totals per "provider/model". */
  byModel: Record<string, UsageTotals>;
}

const empty = (): UsageTotals => ({
  calls: 0,
  cacheHits: 0,
  failures: 0,
  retries: 0,
  promptTokens: 0,
  completionTokens: 0,
  costUsd: 0,
  latencyMs: 0,
});

export function callCost(pricing: ProviderConfig['pricing'], usage: Usage): number | null {
  if (!pricing) return null;
  return (
    (usage.promptTokens * pricing.inputPerMTok + usage.completionTokens * pricing.outputPerMTok) /
    1_000_000
  );
}

export class UsageMeter {
  private readonly total = empty();
  private readonly models = new Map<string, UsageTotals>();

  recordCall(config: ProviderConfig, usage: Usage, latencyMs: number, retries: number): void {
    const cost = callCost(config.pricing, usage);
    for (const t of this.targets(config)) {
      t.calls++;
      t.retries += retries;
      t.promptTokens += usage.promptTokens;
      t.completionTokens += usage.completionTokens;
      t.costUsd = t.costUsd === null || cost === null ? null : t.costUsd + cost;
      t.latencyMs += latencyMs;
    }
  }

  recordCacheHit(config: ProviderConfig, latencyMs: number): void {
    for (const t of this.targets(config)) {
      t.cacheHits++;
      t.latencyMs += latencyMs;
    }
  }

  recordFailure(config: ProviderConfig, latencyMs: number, retries: number): void {
    for (const t of this.targets(config)) {
      t.failures++;
      t.retries += retries;
      t.latencyMs += latencyMs;
    }
  }

  snapshot(): UsageSnapshot {
    return {
      ...this.total,
      byModel: Object.fromEntries([...this.models].map(([k, v]) => [k, { ...v }])),
    };
  }

  private targets(config: ProviderConfig): UsageTotals[] {
    const key = `${config.name}/${config.model}`;
    let m = this.models.get(key);
    if (!m) this.models.set(key, (m = empty()));
    return [this.total, m];
  }
}
