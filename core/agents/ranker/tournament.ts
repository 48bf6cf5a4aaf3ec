import { OdysseyError } from '../../errors.js';
import { seededRandom, shuffled } from '../../util/random.js';
import type { ChunkAgentRun, ChunkOutcome, ChunkTask } from './types.js';

export interface TournamentOptions {
  /** Genes an agent orders at once. */
  chunkSize: number;
  /** How many of each chunk's best go on to the next round. */
  advance: number;
  seed: number;
}

export function validateTournament(o: TournamentOptions): void {
  if (!Number.isInteger(o.chunkSize) || o.chunkSize < 2) {
    throw new OdysseyError('bad-option', `The chunk size must be a whole number of at least 2, not ${o.chunkSize}.`, 'Use --chunk 20, for example.');
  }
  // Chunks are balanced, so each holds at least half the chunk size; advancing fewer than that
  // guarantees every round shrinks the field.
  if (!Number.isInteger(o.advance) || o.advance < 1 || o.advance > Math.floor(o.chunkSize / 2)) {
    throw new OdysseyError('bad-option', `Genes advancing per chunk must be between 1 and half the chunk size (${Math.floor(o.chunkSize / 2)}), not ${o.advance}.`, 'Use --advance 5 with --chunk 20, for example.');
  }
}

/** Splits items into ⌈n/k⌉ chunks whose sizes differ by at most one. */
export function balancedChunks<T>(items: readonly T[], k: number): T[][] {
  const count = Math.ceil(items.length / k);
  const out: T[][] = [];
  let start = 0;
  for (let c = 0; c < count; c++) {
    const size = Math.floor(items.length / count) + (c < items.length % count ? 1 : 0);
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}

/**
 * Model calls for one repetition over n genes: Σ ⌈nᵢ/k⌉ over the elimination rounds, where
 * n₀ = n and nᵢ₊₁ = m·⌈nᵢ/k⌉ while nᵢ > k, plus one call for the final chunk. Every round
 * divides the field by about k/m, so the total is about (n − k)/(k − m) + rounds + 1; for
 * n = 1,000, k = 20, m = 5 it is 50 + 13 + 4 + 1 = 68 calls, and 204 for three repetitions.
 */
export function plannedCalls(n: number, o: Pick<TournamentOptions, 'chunkSize' | 'advance'>): number {
  if (n === 0) return 0;
  let calls = 0;
  let alive = n;
  while (alive > o.chunkSize) {
    const chunks = Math.ceil(alive / o.chunkSize);
    calls += chunks;
    alive = o.advance * chunks;
  }
  return calls + 1;
}

export interface TournamentResult {
  /** Every pool gene, best first: the final chunk's order, then those knocked out later first. */
  order: number[];
  outcomes: ChunkOutcome[];
}

type Task = Omit<ChunkTask, 'genes' | 'round'>;

/**
 * One repetition of divide-and-conquer: shuffle, rank chunks, keep each chunk's best m, and
 * repeat until one chunk is left. Genes knocked out in the same round are ordered by the place
 * they reached in their chunk, so a runner-up of a strong chunk is not buried.
 */
export async function runTournament(run: ChunkAgentRun, pool: readonly number[], task: Task, o: TournamentOptions, signal?: AbortSignal): Promise<TournamentResult> {
  // Advancing as many as a chunk holds never shrinks the field: without this check the loop never ends.
  validateTournament(o);
  const random = seededRandom(o.seed);
  const outcomes: ChunkOutcome[] = [];
  const knockedOut: number[][] = [];
  let alive = shuffled(pool, random);
  let round = 0;
  while (alive.length > o.chunkSize) {
    signal?.throwIfAborted();
    const chunks = balancedChunks(alive, o.chunkSize);
    const results = await Promise.all(chunks.map((genes) => run.rankChunk({ ...task, genes, round }, signal)));
    outcomes.push(...results);
    const out: number[] = [];
    const next: number[] = [];
    for (const r of results) next.push(...r.order.slice(0, o.advance));
    const longest = Math.max(...results.map((r) => r.order.length));
    for (let place = o.advance; place < longest; place++) for (const r of results) if (place < r.order.length) out.push(r.order[place]!);
    knockedOut.push(out);
    // Winners meet winners of other chunks in a fresh draw, so chunk neighbours do not stay paired.
    alive = shuffled(next, random);
    round++;
  }
  signal?.throwIfAborted();
  const final = alive.length ? await run.rankChunk({ ...task, genes: alive, round }, signal) : { order: [], claims: [], notes: [] };
  outcomes.push(final);
  return { order: [...final.order, ...knockedOut.reverse().flat()], outcomes };
}
