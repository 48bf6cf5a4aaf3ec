import type { CaseItem } from '../cases/sources.js';
import { isOdysseyError } from '../errors.js';
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import { prepareQuery } from '../genes/ranking/prepare-query.js';
import type { PreparedQuery, Ranker, RankerInfo } from '../genes/ranking/types.js';
import type { KnowledgeVersions } from '../genes/kb/types.js';
import { seededRandom } from '../util/random.js';
import { toBenchCase } from './bench-case.js';
import { AgentStatsCollector, type AgentBenchStats } from './agent-stats.js';
import { rankMetrics, timing, worstTiedRank, type RankMetrics } from './metrics.js';

export interface BenchmarkOptions {
  level?: 'gene' | 'disease';
  /** Rank within K genes: the causal gene plus K−1 decoys drawn with `seed`. */
  candidates?: number;
  seed?: number;
  limit?: number;
  signal?: AbortSignal;
  onProgress?: (done: number) => void;
}

export interface BenchmarkReport extends RankMetrics {
  level: 'gene' | 'disease';
  ranker: RankerInfo;
  candidates: number | null;
  seed: number | null;
  skipped: number;
  skipReasons: Record<string, number>;
  /** Cases whose causal gene (or disease) the knowledge base does not annotate: counted as misses. */
  notInKnowledgeBase: number;
  msPerCase: { median: number; p95: number };
  strata: {
    literature: { overlapping: RankMetrics; independent: RankMetrics };
    terms: Record<string, RankMetrics>;
    categories: Record<string, RankMetrics>;
  };
  versions: KnowledgeVersions;
  /** Present for agent rankers: calls, tokens, cost, wall time and solvability per case. */
  agents?: AgentBenchStats;
}

function termBucket(n: number): string {
  return n <= 3 ? '1-3' : n <= 7 ? '4-7' : n <= 15 ? '8-15' : '16+';
}

/** FNV-1a, so each case's decoys depend on the seed and the case, not on the order cases come in. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function decoys(total: number, exclude: readonly number[], k: number, random: () => number): number[] {
  const chosen = new Set<number>();
  const skip = new Set(exclude);
  while (chosen.size < Math.min(k, total - skip.size)) {
    const g = Math.floor(random() * total);
    if (!skip.has(g)) chosen.add(g);
  }
  return Array.from(chosen);
}

/** A case's seeded candidate set: its (first) causal gene plus size - 1 decoys. */
export function candidateSet(totalGenes: number, truthGenes: readonly number[], size: number, seed: number, caseId: string): number[] {
  const random = seededRandom(hash(`${seed}:${caseId}`));
  return [...truthGenes.slice(0, 1), ...decoys(totalGenes, truthGenes, size - Math.min(1, truthGenes.length), random)];
}

/**
 * Ranks every solved case and reports where the true gene (or disease) landed. Ties count at the
 * worst tied rank; a true gene the knowledge base lacks is a miss. Strata split the result by
 * number of terms, organ systems involved and overlap with the annotation literature.
 */
export async function runBenchmark(kb: KnowledgeBase, ranker: Ranker, items: AsyncIterable<CaseItem>, options: BenchmarkOptions = {}): Promise<BenchmarkReport> {
  const level = options.level ?? 'gene';
  const o = kb.hpo.ontology;
  const ranksAll: number[] = [];
  const ms: number[] = [];
  const byOverlap = { overlapping: [] as number[], independent: [] as number[] };
  const byTerms = new Map<string, number[]>();
  const byCategory = new Map<string, number[]>();
  const skipReasons: Record<string, number> = {};
  const skip = (why: string): void => void (skipReasons[why] = (skipReasons[why] ?? 0) + 1);
  let notInKb = 0;
  let done = 0;
  const agents = new AgentStatsCollector();
  for await (const item of items) {
    if (options.signal?.aborted) break;
    if (options.limit !== undefined && ranksAll.length >= options.limit) break;
    if (!item.case) {
      skip('unreadable phenopacket');
      continue;
    }
    const bc = toBenchCase(kb, item.case);
    if ('skip' in bc) {
      skip(bc.skip);
      continue;
    }
    const t0 = performance.now();
    let prepared: PreparedQuery;
    try {
      prepared = prepareQuery(kb, bc.query);
    } catch (e) {
      if (!isOdysseyError(e)) throw e;
      skip('no usable observed phenotypes');
      continue;
    }
    const truthGenes = bc.truthGenes.map((s) => kb.geneIndex(s)!);
    const truthDiseases = bc.truthDiseases.map((d) => kb.diseaseIndex(d)).filter((d): d is number => d !== undefined);
    if (options.candidates) prepared.candidateGenes = candidateSet(kb.genes.length, truthGenes, options.candidates, options.seed ?? 0, bc.id);
    const scores = await ranker.score(prepared, options.signal);
    let rank = Infinity;
    if (level === 'gene') {
      if (truthGenes.length === 0) notInKb++;
      for (const g of truthGenes) rank = Math.min(rank, worstTiedRank(scores.genes, g, prepared.candidateGenes));
    } else {
      if (truthDiseases.length === 0) notInKb++;
      for (const d of truthDiseases) rank = Math.min(rank, worstTiedRank(scores.diseases, d));
    }
    ms.push(performance.now() - t0);
    ranksAll.push(rank);
    if (scores.agent) agents.add(scores.agent, rank);
    (bc.literatureOverlap ? byOverlap.overlapping : byOverlap.independent).push(rank);
    const bucket = termBucket(prepared.observed.length);
    byTerms.set(bucket, [...(byTerms.get(bucket) ?? []), rank]);
    let mask = 0;
    for (const t of prepared.observed) mask |= o.categoryMask(t);
    o.categoryIds.forEach((c, bit) => {
      if (mask & (1 << bit)) {
        const name = o.get(c)!.name;
        let list = byCategory.get(name);
        if (!list) byCategory.set(name, (list = []));
        list.push(rank);
      }
    });
    options.onProgress?.(++done);
  }
  const skipped = Object.values(skipReasons).reduce((a, b) => a + b, 0);
  return {
    level,
    ranker: ranker.info,
    candidates: options.candidates ?? null,
    seed: options.candidates ? (options.seed ?? 0) : null,
    ...rankMetrics(ranksAll),
    skipped,
    skipReasons,
    notInKnowledgeBase: notInKb,
    msPerCase: timing(ms),
    strata: {
      literature: { overlapping: rankMetrics(byOverlap.overlapping), independent: rankMetrics(byOverlap.independent) },
      terms: Object.fromEntries(['1-3', '4-7', '8-15', '16+'].filter((b) => byTerms.has(b)).map((b) => [b, rankMetrics(byTerms.get(b)!)])),
      categories: Object.fromEntries(Array.from(byCategory).sort((a, b) => b[1].length - a[1].length).map(([k, v]) => [k, rankMetrics(v)])),
    },
    versions: kb.versions,
    ...(agents.size ? { agents: agents.report() } : {}),
  };
}
