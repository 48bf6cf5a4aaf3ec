import { beforeAll, describe, expect, it } from 'vitest';
import { DC_DEFAULTS, DivideAndConquerRanker, LLM_DC_DEFAULTS, type DcConfig } from '../../../core/agents/ranker/dc-ranker.js';
import type { ChunkAgent, ChunkTask, GeneClaim } from '../../../core/agents/ranker/types.js';
import { loadRanker } from '../../../core/agents/rankers.js';
import { OdysseyError } from '../../../core/errors.js';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import { rankCase } from '../../../core/genes/ranking/rank.js';
import type { RankQuery } from '../../../core/genes/ranking/types.js';
import { miniKb, tempDir } from '../../helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await miniKb();
});

/**
 * A deterministic ranking agent (a test implementation of the agent interface): orders each
 * chunk by a fixed preference of gene symbols, and can attach claims and notes.
 */
function preferenceAgent(preference: string[], extra: { claims?: GeneClaim[]; note?: string } = {}): ChunkAgent & { tasks: ChunkTask[] } {
  const tasks: ChunkTask[] = [];
  return {
    name: 'preference',
    version: '0',
    promptVersions: { 'test-prompt': 'test-prompt@1' },
    tasks,
    begin() {
      let calls = 0;
      return {
        rankChunk: (task) => {
          calls++;
          tasks.push(task);
          const place = (g: number) => preference.indexOf(kb.genes[g]!.symbol);
          return Promise.resolve({ order: [...task.genes].sort((a, b) => place(a) - place(b)), claims: extra.claims ?? [], notes: extra.note ? [extra.note] : [], transcript: { agent: `chunk r${task.repetition + 1}.${task.round + 1}`, messages: [{ role: 'user', content: 'test' }] } });
        },
        stats: () => ({ calls, cachedCalls: 0, retries: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 }),
        payloads: () => [],
      };
    },
  };
}

// Knowledge scores for Seizure + Hypotonia: GENEA 0.521 > GENED −0.029 > GENEB −0.131 > GENEC −0.173 > GENEG −2.723.
const QUERY: RankQuery = { observed: ['HP:0001250', 'HP:0001252'] };
const REVERSE = ['GENEG', 'GENEC', 'GENEB', 'GENED', 'GENEA'];
const ONE_CHUNK: DcConfig = { ...DC_DEFAULTS, chunkSize: 10, advance: 1, repetitions: 2 };

async function rank(config: DcConfig, agent = preferenceAgent(REVERSE), query: RankQuery = QUERY) {
  const r = await rankCase(kb, new DivideAndConquerRanker(kb, agent, config), query, { top: 10 });
  const knowledge = await rankCase(kb, await loadRanker('knowledge', kb), query, { top: 10 });
  const ks = new Map(knowledge.genes.map((g) => [g.symbol, g.score]));
  return { r, a: r.agent!, ks, agent };
}

describe('DivideAndConquerRanker: the merge', () => {
  // One chunk holds the whole pool, so each repetition's order is the agent's: G C B D A.
  // Borda: agents G 1, C .75, B .5, D .25, A 0; knowledge A 1, D .75, B .5, C .25, G 0.
  it.each([
    [0, ['GENEG', 'GENEC', 'GENEB', 'GENED', 'GENEA'], [1, 0.75, 0.5, 0.25, 0]],
    [0.25, ['GENEG', 'GENEC', 'GENEB', 'GENED', 'GENEA'], [0.75, 0.625, 0.5, 0.375, 0.25]],
    [0.75, ['GENEA', 'GENED', 'GENEB', 'GENEC', 'GENEG'], [0.75, 0.625, 0.5, 0.375, 0.25]],
    // All tied at 0.5: the knowledge order decides, in the report and in the ranking shown.
    [0.5, ['GENEA', 'GENED', 'GENEB', 'GENEC', 'GENEG'], [0.5, 0.5, 0.5, 0.5, 0.5]],
  ])('fuses the agents with knowledge weight %f', async (w, order, fused) => {
    const { r, ks } = await rank({ ...ONE_CHUNK, knowledgeWeight: w });
    expect(r.genes.map((g) => g.symbol)).toEqual(order);
    const floor = ks.get('GENEG')!;
    r.genes.forEach((g, i) => expect(g.score).toBeCloseTo(floor + 1 + fused[i]!, 2));
  });

  it('merges repetitions by reciprocal-rank fusion when asked', async () => {
    const { r, a } = await rank({ ...ONE_CHUNK, aggregation: 'rrf', knowledgeWeight: 0 });
    expect(a.parameters.aggregation).toBe('rrf');
    expect(r.genes.map((g) => g.symbol)).toEqual(REVERSE);
    expect(r.genes[0]!.score - r.genes[1]!.score).toBeCloseTo(1 / 61 - 1 / 62, 2);
  });

  it('measures agreement against the final top gene and the knowledge margin', async () => {
    const agentsWin = (await rank({ ...ONE_CHUNK, knowledgeWeight: 0 })).a;
    expect(agentsWin.solvability.agreement).toBe(1);
    expect(agentsWin.bias.orderKendallTau).toBe(1);
    // GENEG leads the final order but trails GENEA on knowledge by 3.24.
    expect(agentsWin.solvability.margin).toBeCloseTo(-2.7226 - 0.5211, 2);
    expect(agentsWin.solvability.label).toBe('unsolved');
    expect(agentsWin.solvability.reasons[1]).toBe('The knowledge evidence favours another gene over the top gene (by 3.24).');
    const knowledgeWins = (await rank({ ...ONE_CHUNK, knowledgeWeight: 0.75 })).a;
    expect(knowledgeWins.solvability.agreement).toBe(0);
    expect(knowledgeWins.solvability.margin).toBeCloseTo(0.5211 + 0.0294, 2);
  });
});

describe('DivideAndConquerRanker: the pool', () => {
  it('hands the agents the knowledge top N genome-wide and keeps the rest below them', async () => {
    const { r, a, agent, ks } = await rank({ ...ONE_CHUNK, poolSize: 3, knowledgeWeight: 0 });
    expect(a.poolSize).toBe(3);
    for (const t of agent.tasks) expect(t.genes.map((g) => kb.genes[g]!.symbol).sort()).toEqual(['GENEA', 'GENEB', 'GENED']);
    expect(r.genes.map((g) => g.symbol)).toEqual(['GENEB', 'GENED', 'GENEA', 'GENEC', 'GENEG']);
    expect(r.genes[3]!.score).toBeCloseTo(ks.get('GENEC')!, 3);
    expect(r.genes[4]!.score).toBeCloseTo(ks.get('GENEG')!, 3);
  });

  it('ranks a candidate set whole, whatever the pool size', async () => {
    const { r, a, agent } = await rank({ ...ONE_CHUNK, poolSize: 1, knowledgeWeight: 0 }, undefined, { ...QUERY, candidates: ['GENEA', 'GENEC', 'GENEG'] });
    expect(a.poolSize).toBe(3);
    expect(agent.tasks[0]!.genes).toHaveLength(3);
    expect(r.genes.map((g) => g.symbol)).toEqual(['GENEG', 'GENEC', 'GENEA']);
  });
});

describe('DivideAndConquerRanker: the report', () => {
  it('counts calls, verifies claims, merges notes and keeps transcripts and prompt versions', async () => {
    const agent = preferenceAgent(REVERSE, { claims: [{ gene: 'GENEA', diseaseId: 'OMIM:100002' }, { gene: 'GENEB', diseaseId: 'OMIM:100002' }], note: 'a repeated note' });
    const { a, r } = await rank({ ...DC_DEFAULTS, chunkSize: 2, advance: 1, repetitions: 3 }, agent);
    expect(a.plannedCalls).toBe(6 * 3);
    expect(a.usage.calls).toBe(a.plannedCalls);
    expect(agent.tasks).toHaveLength(a.plannedCalls);
    expect(a.notes).toEqual(['a repeated note']);
    expect(a.claims.filter((c) => c.gene === 'GENEA').every((c) => c.status === 'unsupported')).toBe(true);
    expect(a.claims.filter((c) => c.gene === 'GENEB').every((c) => c.status === 'supported')).toBe(true);
    expect(a.claims).toHaveLength(2 * 18);
    expect(a.transcripts).toHaveLength(18);
    expect(a.promptVersions).toEqual({ 'test-prompt': 'test-prompt@1' });
    expect(a.agent).toBe('preference');
    expect(a.phenotypes.systems.map((s) => s.categoryId)).toEqual(['HP:0000707']);
    expect(r.ranker).toMatchObject({ name: 'preference', version: '1+preference-0' });
    expect(a.wallMs).toBeGreaterThanOrEqual(0);
    // Diseases keep the knowledge scores.
    const knowledge = await rankCase(kb, await loadRanker('knowledge', kb), QUERY, { top: 10 });
    expect(r.diseases).toEqual(knowledge.diseases);
  });
});

describe('divide-and-conquer settings', () => {
  it.each([
    [{ chunkSize: 1 }, /chunk size must be a whole number of at least 2/],
    [{ chunkSize: 20, advance: 15 }, /between 1 and half the chunk size \(10\), not 15/],
    [{ repetitions: 0 }, /shuffled runs must be a whole number of at least 1, not 0/],
    [{ poolSize: 0 }, /pool size/],
    [{ knowledgeWeight: 1.5 }, /knowledge weight must be from 0 to 1/],
    [{ aggregation: 'schulze' as 'borda' }, /aggregation must be borda or rrf/],
  ])('refuses %o before anything runs', async (bad, message) => {
    expect(() => new DivideAndConquerRanker(kb, preferenceAgent(REVERSE), { ...DC_DEFAULTS, ...bad })).toThrow(message);
    // loadRanker names the problem before loading a model or resolving a provider.
    await expect(loadRanker('onnx-dc', kb, { dc: bad })).rejects.toThrow(message);
    await expect(loadRanker('llm', kb, { dc: bad, llm: { provider: 'nope' } })).rejects.toThrow(message);
  });

  it('has documented defaults', () => {
    expect(DC_DEFAULTS).toEqual({ chunkSize: 20, advance: 5, repetitions: 3, seed: 1, poolSize: 100, aggregation: 'borda', knowledgeWeight: 0 });
    expect(LLM_DC_DEFAULTS.knowledgeWeight).toBe(0.5);
  });
});

describe('loadRanker', () => {
  it('asks for a provider for the llm and hybrid rankers', async () => {
    for (const name of ['llm', 'hybrid']) {
      const e = await loadRanker(name, kb).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(OdysseyError);
      expect((e as OdysseyError).code).toBe('provider-missing');
      expect((e as OdysseyError).hint).toMatch(/--provider/);
    }
  });

  it('names unknown rankers and providers', async () => {
    await expect(loadRanker('oracle', kb)).rejects.toThrow(/There is no ranker called "oracle"/);
    await expect(loadRanker('llm', kb, { llm: { provider: 'nope', home: tempDir(), env: {} } })).rejects.toThrow(/Unknown LLM provider "nope"/);
  });

  it('refuses a remote provider in local-only mode before anything is sent', async () => {
    await expect(loadRanker('llm', kb, { llm: { provider: 'openai', overrides: { model: 'gpt-4o-mini' }, home: tempDir(), env: { ODYSSEY_LOCAL_ONLY: '1', OPENAI_API_KEY: 'sk-test' } } })).rejects.toThrow(OdysseyError);
  });

  it('builds the llm ranker with the provider model in its info', async () => {
    const r = await loadRanker('llm', kb, { dc: { chunkSize: 4, advance: 2 }, llm: { provider: 'ollama', overrides: { model: 'llama3.1' }, home: tempDir(), cacheMode: 'off', env: {} } });
    expect(r.info).toMatchObject({ name: 'llm', params: { chunkSize: 4, advance: 2, repetitions: 3, knowledgeWeight: 0.5, agent: 'llm', model: 'llama3.1' } });
  });
});
