/**
 * Divide-and-conquer on the real knowledge base: the LLM agents at scale (1,000 candidate genes)
 * against the scripted server, the ONNX agents with the committed model, and hybrid routing.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analysePhenotypes, UNINFORMATIVE_IC } from '../../../core/agents/ranker/phenotype-analyst.js';
import { plannedCalls } from '../../../core/agents/ranker/tournament.js';
import { loadRanker } from '../../../core/agents/rankers.js';
import { readCases } from '../../../core/cases/sources.js';
import { requireDataFile } from '../../../core/data/installed.js';
import type { PatientCase } from '../../../core/cases/types.js';
import { loadKnowledgeBase } from '../../../core/genes/kb/load.js';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import { queryFromCase } from '../../../core/genes/ranking/case-query.js';
import { KNOWLEDGE_RANKER, PhenotypeRanker } from '../../../core/genes/ranking/phenotype-ranker.js';
import { prepareQuery } from '../../../core/genes/ranking/prepare-query.js';
import { rankCase } from '../../../core/genes/ranking/rank.js';
import { tempDir } from '../../helpers.js';
import { hang, startScriptedServer, type ScriptedServer } from '../providers/scripted-llm-server.js';
import { abortWhileHanging, candidatesOf, preferring, rawBodies, scriptedLlm, sleep } from './llm-script.js';

// A well-described ABCB7 case from the dev phenopackets (PMID_11118249 patient III-2): specific
// findings and a wide knowledge-score lead.
const CLEAR = ['HP:0001263', 'HP:0001251', 'HP:0001903', 'HP:0011273', 'HP:0012187', 'HP:0001260', 'HP:0001288', 'HP:0000639', 'HP:0100753', 'HP:0006897', 'HP:0020081', 'HP:0001272', 'HP:0002363', 'HP:0034280', 'HP:0032550'];
// Developmental delay and autism only: hundreds of genes fit about equally.
const VAGUE = ['HP:0001263', 'HP:0000729'];

let kb: KnowledgeBase;
let server: ScriptedServer | undefined;
beforeAll(async () => {
  ({ kb } = await loadKnowledgeBase());
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Three findings keep the knowledge scoring quick; the knowledge ranker's top 1,000 genes for them
// make a large candidate set every agent can score.
const BROAD = ['HP:0001263', 'HP:0001251', 'HP:0011273'];
let thousand: string[];
beforeAll(() => {
  const ks = new PhenotypeRanker(kb, KNOWLEDGE_RANKER).scoreNow(prepareQuery(kb, { observed: BROAD }));
  const genes = Array.from(ks.genes.keys()).filter((g) => ks.genes[g]! > -Infinity).sort((a, b) => ks.genes[b]! - ks.genes[a]! || a - b);
  thousand = genes.slice(0, 1000).map((g) => kb.genes[g]!.symbol);
});

const K20 = { chunkSize: 20, advance: 5, repetitions: 3, seed: 1 };

describe('LLM divide-and-conquer over 1,000 candidate genes', () => {
  it('makes exactly plannedCalls × R = 204 calls of at most 20 genes, reports progress and ranks every candidate', async () => {
    server = await startScriptedServer(preferring([]));
    const seen: { done: number; planned: number }[] = [];
    const ranker = await loadRanker('llm', kb, { dc: K20, llm: scriptedLlm(server.url, tempDir(), {}, { concurrency: 8 }), onProgress: (p) => seen.push(p) });
    expect(thousand).toHaveLength(1000);
    const r = await rankCase(kb, ranker, { observed: BROAD, candidates: thousand }, { top: 1000, explain: 0 });
    const a = r.agent!;
    expect(plannedCalls(1000, K20)).toBe(68);
    expect(server.requests).toHaveLength(204);
    expect(a.plannedCalls).toBe(204);
    expect(a.usage.calls).toBe(204);
    expect(a.poolSize).toBe(1000);
    expect(seen.map((p) => p.done)).toEqual(Array.from({ length: 204 }, (_, i) => i + 1));
    expect(seen.every((p) => p.planned === 204)).toBe(true);
    const sizes = server.requests.map((q) => candidatesOf(q.body).length);
    expect(Math.max(...sizes)).toBe(20);
    // Rounds of 50 × 20, 13 chunks of 19–20, 4 of 16–17 genes and a final 20, three times over.
    expect(sizes.filter((s) => s === 20).length).toBe(3 * (50 + 3 + 1));
    expect(r.genes.map((g) => g.symbol).sort()).toEqual([...thousand].sort());
    // What was recorded is what the server received, byte for byte.
    expect(a.payloads.map((p) => p.body).sort()).toEqual(rawBodies(server.requests).sort());
    expect(a.transcripts).toHaveLength(204);
  });

  it('can be cancelled within 1 s while every call hangs', async () => {
    server = await startScriptedServer(() => hang());
    const ranker = await loadRanker('llm', kb, { dc: K20, llm: scriptedLlm(server.url, tempDir(), {}, { timeoutMs: 120_000, concurrency: 8 }) });
    const query = prepareQuery(kb, { observed: BROAD, candidates: thousand });
    // Abort once the calls are really in flight at the server (the rest queued behind the limit).
    const { error, elapsedMs } = await abortWhileHanging(server, (signal) => ranker.score(query, signal), 8);
    expect((error as Error).name).toBe('AbortError');
    // The target is 1 s; this is a functional bound, far above the few ms it takes.
    expect(elapsedMs).toBeLessThan(1000);
    console.info(`1,000 genes, k = 20, R = 3: rejected ${elapsedMs.toFixed(1)} ms after abort`);
    const sent = server.requests.length;
    expect(sent).toBe(8); // only the calls the concurrency limit let through were ever sent
    await sleep(100);
    expect(server.requests.length).toBe(sent);
    expect(server.active).toBe(0);
    expect(server.clientAborts).toBe(8);
  });
});

describe('phenotype analyst on the real ontology', () => {
  it('separates uninformative from specific findings', () => {
    const q = prepareQuery(kb, { observed: ['HP:0000707', 'HP:0001250', 'HP:0011273'] });
    const s = analysePhenotypes(kb.hpo, q);
    expect(s.uninformative.map((t) => t.id)).toContain('HP:0000707');
    expect(s.uninformative.map((t) => t.id)).not.toContain('HP:0011273');
    expect(s.mostSpecific[0]!.id).toBe('HP:0011273');
    expect(s.mostSpecific[0]!.ic).toBeGreaterThan(UNINFORMATIVE_IC);
    expect(s.redundant.map((r) => r.id)).toEqual(['HP:0000707']); // implied by Seizure
    expect(s.systems.map((x) => x.categoryId)).toContain('HP:0000707');
  });
});

async function firstDevCase(): Promise<PatientCase> {
  for await (const item of readCases(requireDataFile('cases'))) if (item.case?.diagnosis?.genes.length) return item.case;
  throw new Error('no solved case in the dev archive');
}

describe('ONNX divide-and-conquer (committed model)', () => {
  it('ranks a real phenopacket and returns a full report', async () => {
    const c = await firstDevCase();
    const ranker = await loadRanker('onnx-dc', kb);
    const r = await rankCase(kb, ranker, queryFromCase(c), { top: 20 });
    const a = r.agent!;
    expect(r.ranker.name).toBe('onnx-dc');
    expect(a).toMatchObject({ method: 'divide-and-conquer', agent: 'onnx', poolSize: 100, payloads: [], claims: [] });
    // 100 genes: 5 chunks → 25 → 2 chunks → 10 → final = 8 calls per repetition.
    expect(a.plannedCalls).toBe(8 * 3);
    expect(a.usage.calls).toBe(a.plannedCalls);
    expect(['confident', 'possible', 'unsolved']).toContain(a.solvability.label);
    expect(a.solvability.reasons).toHaveLength(3);
    expect(a.solvability.agreement).toBeGreaterThanOrEqual(0);
    expect(a.solvability.agreement).toBeLessThanOrEqual(1);
    expect([0, 1 / 3, 2 / 3, 1].some((x) => Math.abs(x - a.solvability.agreement) < 1e-9)).toBe(true);
    expect(a.bias.orderKendallTau).not.toBeNull();
    expect(Math.abs(a.bias.orderKendallTau!)).toBeLessThanOrEqual(1);
    expect(a.bias.popularityCorrelation).not.toBeNull();
    expect(Math.abs(a.bias.popularityCorrelation!)).toBeLessThanOrEqual(1);
    expect(a.phenotypes.mostSpecific.length).toBeGreaterThan(0);
    expect(a.transcripts).toEqual([]);
    // The pool (knowledge top 100) ranks above every other gene.
    expect(r.genes).toHaveLength(20);
    expect(r.scored.genes).toBeGreaterThan(100);
  });

  it('is what --ranker onnx with a chunk size gives', async () => {
    const ranker = await loadRanker('onnx', kb, { dc: { chunkSize: 10, advance: 3 } });
    const a = (await ranker.score(prepareQuery(kb, { observed: BROAD }))).agent!;
    // 100 genes, k = 10, m = 3: 10 → 30 → 3 → 9 → final = 14 per repetition.
    expect(a.plannedCalls).toBe(14 * 3);
    expect(a.usage.calls).toBe(42);
  });
});

describe('hybrid: the LLM only when the offline agents are unsure', () => {
  it('sends nothing for a clear case and asks the LLM about a vague one', async () => {
    server = await startScriptedServer(preferring([]));
    const ranker = await loadRanker('hybrid', kb, { llm: scriptedLlm(server.url, tempDir(), {}, { concurrency: 8 }) });
    const clear = await rankCase(kb, ranker, { observed: CLEAR }, { top: 5 });
    expect(clear.agent!.solvability.label).toBe('confident');
    expect(clear.agent!.method).toBe('hybrid');
    expect(clear.agent!.notes.at(-1)).toBe('The offline agents were confident, so the LLM was not consulted and nothing was sent.');
    expect(clear.genes[0]!.symbol).toBe('ABCB7');
    expect(server.requests).toHaveLength(0);
    expect(clear.agent!.payloads).toEqual([]);

    const vague = await rankCase(kb, ranker, { observed: VAGUE }, { top: 5 });
    expect(vague.agent!.method).toBe('hybrid');
    expect(vague.agent!.agent).toBe('llm');
    expect(vague.agent!.notes[0]).toMatch(/^The offline agents labelled the case (possible|unsolved), so the LLM agents ranked their top 100 genes\.$/);
    expect(server.requests.length).toBe(vague.agent!.plannedCalls);
    expect(server.requests.length).toBe(8 * 3);
    expect(vague.agent!.payloads).toHaveLength(server.requests.length);
  });
});
