import { beforeAll, describe, expect, it } from 'vitest';
import { balancedChunks, plannedCalls, runTournament, validateTournament } from '../../../core/agents/ranker/tournament.js';
import type { ChunkAgentRun, ChunkOutcome, ChunkTask } from '../../../core/agents/ranker/types.js';
import { OdysseyError } from '../../../core/errors.js';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import { PhenotypeRanker, KNOWLEDGE_RANKER } from '../../../core/genes/ranking/phenotype-ranker.js';
import { prepareQuery } from '../../../core/genes/ranking/prepare-query.js';
import type { PreparedQuery, Scores } from '../../../core/genes/ranking/types.js';
import { miniKb } from '../../helpers.js';

let kb: KnowledgeBase;
let query: PreparedQuery;
let knowledge: Scores;
beforeAll(async () => {
  kb = await miniKb();
  query = prepareQuery(kb, { observed: ['HP:0001250'] });
  knowledge = new PhenotypeRanker(kb, KNOWLEDGE_RANKER).scoreNow(query);
});

/**
 * A deterministic ranking agent: orders a chunk by a preference function (lower is better) and
 * records every task it was given. The tournament only sees the ChunkAgentRun interface.
 */
function recordingRun(preference: (g: number) => number = (g) => g): ChunkAgentRun & { tasks: ChunkTask[] } {
  const tasks: ChunkTask[] = [];
  return {
    tasks,
    rankChunk(task: ChunkTask): Promise<ChunkOutcome> {
      tasks.push({ ...task, genes: [...task.genes] });
      return Promise.resolve({ order: [...task.genes].sort((a, b) => preference(a) - preference(b)), claims: [], notes: [] });
    },
    stats: () => ({ calls: tasks.length, cachedCalls: 0, retries: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 }),
    payloads: () => [],
  };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const task = () => ({ query, knowledge, repetition: 0 });

describe('balancedChunks', () => {
  it('makes ⌈n/k⌉ chunks whose sizes differ by at most one, in input order', () => {
    const sizes = (n: number, k: number) => balancedChunks(range(n), k).map((c) => c.length);
    expect(sizes(21, 20)).toEqual([11, 10]);
    expect(sizes(40, 20)).toEqual([20, 20]);
    expect(sizes(41, 20)).toEqual([14, 14, 13]);
    expect(sizes(1000, 20)).toEqual(new Array(50).fill(20));
    expect(sizes(250, 20)).toEqual([20, 20, 20, ...new Array(10).fill(19)]); // 250 = 3·20 + 10·19
    expect(sizes(5, 20)).toEqual([5]);
    expect(sizes(0, 20)).toEqual([]);
    expect(balancedChunks(range(7), 3)).toEqual([[0, 1, 2], [3, 4], [5, 6]]);
  });
});

describe('plannedCalls', () => {
  it('follows Σ⌈nᵢ/k⌉ + 1 (hand-computed)', () => {
    expect(plannedCalls(0, { chunkSize: 20, advance: 5 })).toBe(0);
    expect(plannedCalls(1, { chunkSize: 20, advance: 5 })).toBe(1);
    expect(plannedCalls(20, { chunkSize: 20, advance: 5 })).toBe(1);
    // 21 → 2 chunks → 10 → final
    expect(plannedCalls(21, { chunkSize: 20, advance: 5 })).toBe(3);
    // 1000 → 50 chunks → 250 → 13 → 65 → 4 → 20 → final
    expect(plannedCalls(1000, { chunkSize: 20, advance: 5 })).toBe(68);
    // 37 → 8 → 16 → 4 → 8 → 2 → 4 → final
    expect(plannedCalls(37, { chunkSize: 5, advance: 2 })).toBe(15);
  });

  const cases: [number, number, number][] = [
    [1, 20, 5],
    [7, 20, 5],
    [20, 20, 5],
    [21, 20, 5],
    [100, 10, 3],
    [37, 5, 2],
    [3, 2, 1],
    [101, 2, 1],
    [999, 7, 3],
    [1000, 20, 5],
  ];
  it.each(cases)('equals the calls the tournament makes for n=%i, k=%i, m=%i', async (n, k, m) => {
    const run = recordingRun();
    const r = await runTournament(run, range(n), task(), { chunkSize: k, advance: m, seed: 3 });
    expect(run.tasks.length).toBe(plannedCalls(n, { chunkSize: k, advance: m }));
    expect(r.outcomes.length).toBe(run.tasks.length);
    for (const t of run.tasks) expect(t.genes.length).toBeLessThanOrEqual(k);
    // The last call is the final chunk, alone in the last round.
    const lastRound = Math.max(...run.tasks.map((t) => t.round));
    expect(run.tasks.filter((t) => t.round === lastRound)).toHaveLength(1);
    // Every pool gene appears exactly once in the order.
    expect(r.order).toHaveLength(n);
    expect([...r.order].sort((a, b) => a - b)).toEqual(range(n));
    // The best gene wins every chunk it is in, so it is first.
    expect(r.order[0]).toBe(0);
  });

  it('makes 68 calls per repetition for 1,000 genes with k = 20, m = 5, in 4 rounds', async () => {
    const run = recordingRun();
    await runTournament(run, range(1000), task(), { chunkSize: 20, advance: 5, seed: 1 });
    const perRound = [0, 1, 2, 3].map((round) => run.tasks.filter((t) => t.round === round).length);
    expect(perRound).toEqual([50, 13, 4, 1]);
  });

  it('runs nothing for an empty pool', async () => {
    const run = recordingRun();
    const r = await runTournament(run, [], task(), { chunkSize: 20, advance: 5, seed: 1 });
    expect(run.tasks).toEqual([]);
    expect(r.order).toEqual([]);
  });
});

describe('runTournament', () => {
  it('puts a gene that wins every chunk first, whatever its index', async () => {
    const star = 613;
    const run = recordingRun((g) => (g === star ? -1 : 1000 - g)); // otherwise the highest index wins
    const r = await runTournament(run, range(1000), task(), { chunkSize: 20, advance: 5, seed: 9 });
    expect(r.order[0]).toBe(star);
    expect(r.order[1]).toBe(999);
    // The star was in exactly one chunk per round.
    expect(run.tasks.filter((t) => t.genes.includes(star)).map((t) => t.round)).toEqual([0, 1, 2, 3]);
  });

  it('orders the knocked-out genes by the round they reached, then by their place in the chunk', async () => {
    // n = 6, k = 3, m = 1: two chunks of three, their winners meet in the final chunk of two.
    const run = recordingRun();
    const r = await runTournament(run, range(6), task(), { chunkSize: 3, advance: 1, seed: 5 });
    expect(run.tasks.map((t) => [t.round, t.genes.length])).toEqual([[0, 3], [0, 3], [1, 2]]);
    const [a, b] = run.tasks.slice(0, 2).map((t) => [...t.genes].sort((x, y) => x - y));
    expect(r.order.slice(0, 2)).toEqual([0, a![0] === 0 ? b![0] : a![0]]);
    // Runners-up of both chunks come before the genes that came last in their chunk.
    expect(r.order.slice(2, 4)).toEqual([a![1], b![1]]);
    expect(r.order.slice(4, 6)).toEqual([a![2], b![2]]);
  });

  it('puts genes that survived more rounds above those knocked out earlier', async () => {
    const run = recordingRun();
    const r = await runTournament(run, range(200), task(), { chunkSize: 10, advance: 2, seed: 2 });
    // Rounds: 200 → 20 chunks → 40 → 4 chunks → 8 → final chunk.
    expect(run.tasks.map((t) => t.round)).toEqual([...new Array(20).fill(0), 1, 1, 1, 1, 2]);
    const reached = new Map<number, number>();
    for (const t of run.tasks) for (const g of t.genes) reached.set(g, t.round);
    const rounds = r.order.map((g) => reached.get(g)!);
    expect(rounds.slice(0, 8)).toEqual(new Array(8).fill(2));
    expect(rounds.slice(8, 40)).toEqual(new Array(32).fill(1));
    expect(rounds.slice(40)).toEqual(new Array(160).fill(0));
    // With the index agent the final chunk holds the two best of each round-1 chunk, in order.
    // Genes 0 and 1 are in the top two of every chunk they meet, so they reach the final and lead it.
    expect(r.order.slice(0, 2)).toEqual([0, 1]);
    expect(r.order.slice(0, 8)).toEqual([...r.order.slice(0, 8)].sort((x, y) => x - y));
  });

  it('reproduces its shuffles from the seed and changes them with another seed', async () => {
    const chunksOf = async (seed: number) => {
      const run = recordingRun();
      const r = await runTournament(run, range(100), task(), { chunkSize: 10, advance: 3, seed });
      return { genes: run.tasks.map((t) => t.genes), order: r.order };
    };
    const [a, b, c] = [await chunksOf(42), await chunksOf(42), await chunksOf(43)];
    expect(a).toEqual(b);
    expect(c.genes[0]).not.toEqual(a.genes[0]);
    // The pool is really shuffled: the first chunk is not the first ten genes.
    expect(a.genes[0]).not.toEqual(range(10));
  });

  it('passes the task and the round through to the agent', async () => {
    const run = recordingRun();
    await runTournament(run, range(30), { query, knowledge, repetition: 2 }, { chunkSize: 10, advance: 2, seed: 1 });
    expect(run.tasks.every((t) => t.query === query && t.knowledge === knowledge && t.repetition === 2)).toBe(true);
    expect(run.tasks.map((t) => t.round)).toEqual([0, 0, 0, 1]);
  });

  it('stops before the next round once the signal is aborted', async () => {
    const controller = new AbortController();
    const run = recordingRun();
    const abortingRun: ChunkAgentRun = {
      ...run,
      rankChunk: async (t, s) => {
        const out = await run.rankChunk(t, s);
        controller.abort();
        return out;
      },
    };
    await expect(runTournament(abortingRun, range(100), task(), { chunkSize: 10, advance: 2, seed: 1 }, controller.signal)).rejects.toThrow();
    expect(run.tasks.every((t) => t.round === 0)).toBe(true);
  });
});

describe('validateTournament', () => {
  it.each([
    [{ chunkSize: 1, advance: 1 }, /chunk size must be a whole number of at least 2, not 1/],
    [{ chunkSize: 2.5, advance: 1 }, /chunk size/],
    [{ chunkSize: 20, advance: 0 }, /between 1 and half the chunk size \(10\), not 0/],
    [{ chunkSize: 20, advance: 11 }, /between 1 and half the chunk size \(10\), not 11/],
    [{ chunkSize: 20, advance: 15 }, /not 15/],
    [{ chunkSize: 5, advance: 3 }, /half the chunk size \(2\)/],
  ])('refuses %o with a clear error and a fix', (o, message) => {
    let error: unknown;
    try {
      validateTournament({ ...o, seed: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OdysseyError);
    expect((error as OdysseyError).message).toMatch(message);
    expect((error as OdysseyError).hint).toMatch(/--chunk|--advance/);
  });

  it('accepts the edges', () => {
    expect(() => validateTournament({ chunkSize: 2, advance: 1, seed: 0 })).not.toThrow();
    expect(() => validateTournament({ chunkSize: 20, advance: 10, seed: 0 })).not.toThrow();
  });

  it('is checked by runTournament before any call (advance = chunk size would never shrink the field)', async () => {
    const run = recordingRun();
    await expect(runTournament(run, range(50), task(), { chunkSize: 10, advance: 10, seed: 1 })).rejects.toThrow(OdysseyError);
    expect(run.tasks).toEqual([]);
  });
});
