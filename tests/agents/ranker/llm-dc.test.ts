/**
 * The LLM divide-and-conquer ranker end to end on the mini knowledge base, against a real
 * OpenAI-compatible HTTP server on 127.0.0.1 with scripted replies.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { plannedCalls } from '../../../core/agents/ranker/tournament.js';
import { loadRanker, type RankerOptions } from '../../../core/agents/rankers.js';
import { OdysseyError } from '../../../core/errors.js';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import type { PatientCase } from '../../../core/cases/types.js';
import { queryFromCase } from '../../../core/genes/ranking/case-query.js';
import { prepareQuery } from '../../../core/genes/ranking/prepare-query.js';
import { rankCase } from '../../../core/genes/ranking/rank.js';
import type { PreparedQuery, RankQuery } from '../../../core/genes/ranking/types.js';
import { miniKb, tempDir } from '../../helpers.js';
import { brokenStream, content, hang, jsonContent, startScriptedServer, status, toolCall, type Script, type ScriptedServer } from '../providers/scripted-llm-server.js';
import { abortWhileHanging, candidatesOf, chunkPrompt, isFirstAsk, preferring, rawBodies, scriptedLlm, sleep } from './llm-script.js';

let kb: KnowledgeBase;
let server: ScriptedServer | undefined;
beforeAll(async () => {
  kb = await miniKb();
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// Knowledge order for Seizure + Hypotonia: GENEA (Disease one has both), GENED, GENEB, GENEC, GENEG.
const QUERY: RankQuery = { observed: ['HP:0001250', 'HP:0001252'] };
const ALL = ['GENEA', 'GENEB', 'GENEC', 'GENED', 'GENEG'];
// Five genes in chunks of two, one advancing: 3 chunks → 3 genes → 2 chunks → 2 genes → final.
const DC = { chunkSize: 2, advance: 1, repetitions: 2, seed: 7 };
const CALLS_PER_REPETITION = 6;

async function rankWith(script: Script, options: { dc?: RankerOptions['dc']; llm?: Parameters<typeof scriptedLlm>[2]; overrides?: Parameters<typeof scriptedLlm>[3]; home?: string; query?: RankQuery | PreparedQuery } = {}) {
  server ??= await startScriptedServer(script);
  const ranker = await loadRanker('llm', kb, { dc: { ...DC, ...options.dc }, llm: scriptedLlm(server.url, options.home ?? tempDir(), options.llm, options.overrides) });
  const result = await rankCase(kb, ranker, options.query ?? QUERY, { top: 10 });
  return { result, agent: result.agent!, server };
}

describe('LLM divide-and-conquer: chunking, rounds and merge', () => {
  it('sends plannedCalls × R requests, none with more genes than a chunk, and follows the model', async () => {
    const { result, agent, server: s } = await rankWith(preferring(['GENEG']), { dc: { knowledgeWeight: 0 } });
    expect(plannedCalls(5, DC)).toBe(CALLS_PER_REPETITION);
    expect(s.requests).toHaveLength(CALLS_PER_REPETITION * DC.repetitions);
    expect(agent.plannedCalls).toBe(s.requests.length);
    expect(agent.usage).toMatchObject({ calls: s.requests.length, cachedCalls: 0, retries: 0, promptTokens: 10 * s.requests.length, completionTokens: 5 * s.requests.length });
    expect(agent.usage.costUsd).toBe(0); // a local preset costs nothing
    const chunks = s.requests.map((r) => candidatesOf(r.body));
    for (const c of chunks) {
      expect(c.length).toBeGreaterThan(0);
      expect(c.length).toBeLessThanOrEqual(DC.chunkSize);
    }
    // Each repetition shows every gene in the first round exactly once: twice over two repetitions.
    const firstRound = agent.transcripts.filter((t) => /r\d\.1$/.test(t.agent));
    expect(firstRound).toHaveLength(6);
    const shown = firstRound.flatMap((t) => (JSON.parse(t.messages[1]!.content) as { candidates: { gene: string }[] }).candidates.map((c) => c.gene));
    expect(shown.sort()).toEqual([...ALL, ...ALL].sort());
    // The model puts GENEG first in every chunk, so it wins every run; with knowledge weight 0 it leads.
    expect(result.genes[0]!.symbol).toBe('GENEG');
    expect(result.genes.map((g) => g.symbol).sort()).toEqual(ALL);
    expect(agent.solvability.agreement).toBe(1);
    expect(agent.poolSize).toBe(5);
    expect(agent).toMatchObject({ method: 'divide-and-conquer', agent: 'llm', provider: 'ollama', model: 'test-model' });
    expect(agent.parameters).toMatchObject({ chunkSize: 2, advance: 1, repetitions: 2, seed: 7, knowledgeWeight: 0, aggregation: 'borda' });
    expect(result.ranker).toMatchObject({ name: 'llm', params: { agent: 'llm', model: 'test-model', chunkSize: 2 } });
  });

  it('fuses the model with the knowledge order half-and-half by default', async () => {
    // GENEG (knowledge last) wins every run: Borda 0.5·1 + 0.5·0 = 0.5. GENEA (knowledge first)
    // gets 0.5·1 + 0.5·(its agent score ≥ 0) ≥ 0.5 and wins the tie on the knowledge score.
    const { result, agent } = await rankWith(preferring(['GENEG']));
    expect(agent.parameters.knowledgeWeight).toBe(0.5);
    expect(result.genes[0]!.symbol).toBe('GENEA');
    // Pool genes score floor + 1 + fused, the floor being the pool's lowest knowledge score (GENEG's).
    const knowledge = await rankCase(kb, await loadRanker('knowledge', kb), QUERY, { top: 10 });
    const floor = knowledge.genes.find((g) => g.symbol === 'GENEG')!.score;
    expect(result.genes.find((g) => g.symbol === 'GENEG')!.score).toBeCloseTo(floor + 1 + 0.5, 2);
    // Agreement is measured against the fused top gene, which no run put first.
    expect(agent.solvability.agreement).toBe(0);
  });

  it('reports a model that agrees with itself across shuffles', async () => {
    const { agent } = await rankWith(preferring(['GENEC', 'GENEB', 'GENEA', 'GENED', 'GENEG']), { dc: { repetitions: 3, knowledgeWeight: 0 } });
    expect(agent.bias.orderKendallTau).not.toBeNull();
    expect(agent.bias.orderKendallTau!).toBeGreaterThanOrEqual(-1);
    expect(agent.bias.orderKendallTau!).toBeLessThanOrEqual(1);
    expect(agent.solvability.agreement).toBe(1);
    expect(agent.bias.popularityCorrelation === null || Math.abs(agent.bias.popularityCorrelation) <= 1).toBe(true);
  });

  it('ranks only the candidate set when one is given', async () => {
    const { result, server: s } = await rankWith(preferring([]), { query: { ...QUERY, candidates: ['GENEB', 'GENEC', 'GENEG'] } });
    // 3 genes: 2 chunks → 2 → final = 3 calls per repetition.
    expect(s.requests).toHaveLength(3 * DC.repetitions);
    for (const r of s.requests) for (const g of candidatesOf(r.body)) expect(['GENEB', 'GENEC', 'GENEG']).toContain(g);
    expect(result.genes.map((g) => g.symbol).sort()).toEqual(['GENEB', 'GENEC', 'GENEG']);
  });
});

describe('LLM divide-and-conquer: what the model gets wrong is corrected and noted', () => {
  it('repairs malformed JSON once and notes it', async () => {
    let broken = false;
    const answer = preferring([]);
    const { agent, server: s } = await rankWith((body) => {
      if (isFirstAsk(body) && !broken) {
        broken = true;
        return content('{"ranking": [{"gene": "GENEA", "reason": "cut off');
      }
      return answer(body);
    });
    expect(s.requests).toHaveLength(CALLS_PER_REPETITION * DC.repetitions + 1);
    const repair = s.requests.find((r) => r.body.messages.length === 4)!;
    expect(repair.body.messages[2]).toMatchObject({ role: 'assistant', content: '{"ranking": [{"gene": "GENEA", "reason": "cut off' });
    expect(repair.body.messages[3]!.content).toMatch(/^Your reply was not valid\. The reply contains no JSON object|^Your reply was not valid\. The JSON does not parse/);
    expect(agent.notes).toContain('The test-model reply needed a repair round to be valid JSON.');
    expect(agent.transcripts.filter((t) => t.messages.length === 5)).toHaveLength(1);
  });

  it('fails clearly when the repair round is malformed too', async () => {
    await expect(rankWith(() => content('no json at all'), { dc: { repetitions: 1 } })).rejects.toThrow(/did not give a valid answer, even after one repair round/);
  });

  it('ignores unknown gene symbols, appends left-out genes in knowledge order, and notes both', async () => {
    const { result, agent } = await rankWith((body) => {
      const genes = candidatesOf(body);
      // Names two genes it was not given, and leaves out every gene but the last one shown.
      return jsonContent({ ranking: [{ gene: 'FAKE1' }, { gene: 'GENEH', disease: 'OMIM:100001' }, { gene: genes.at(-1) }, { gene: genes.at(-1) }] });
    });
    expect(agent.notes).toContain('The model named FAKE1, which was not among the genes given; it was ignored.');
    expect(agent.notes).toContain('The model named GENEH, which was not among the genes given; it was ignored.');
    expect(agent.notes.some((n) => /^The model left out GENE[A-G]; they were placed after the genes it ranked, in the knowledge order\.$/.test(n))).toBe(true);
    expect(result.genes.map((g) => g.symbol).sort()).toEqual(ALL);
    // A claim about a gene it was not given is still checked.
    expect(agent.claims).toContainEqual(expect.objectContaining({ gene: 'GENEH', diseaseId: 'OMIM:100001', status: 'unknown-gene' }));
  });

  it('places left-out genes after the named ones, in the knowledge order', async () => {
    // One chunk of all five genes; the model names only GENEG and GENEC.
    const { result, agent } = await rankWith(() => jsonContent({ ranking: [{ gene: 'GENEG' }, { gene: 'GENEC' }] }), { dc: { chunkSize: 5, advance: 2, repetitions: 1, knowledgeWeight: 0 } });
    expect(result.genes.map((g) => g.symbol)).toEqual(['GENEG', 'GENEC', 'GENEA', 'GENED', 'GENEB']);
    expect(agent.notes).toEqual(['The model left out GENEA, GENED, GENEB; they were placed after the genes it ranked, in the knowledge order.']);
  });

  it('marks an invented gene–disease link in the claims and keeps the real ones supported', async () => {
    const { agent } = await rankWith((body) =>
      jsonContent({
        ranking: candidatesOf(body).map((gene) => ({
          gene,
          // GENEB is really linked to Disease two; every other gene is claimed for it too (invented).
          disease: 'OMIM:100002',
          phenotypes: gene === 'GENEA' ? ['HP:0001252', 'HP:0000316'] : [],
        })),
      }),
    );
    const of = (gene: string) => agent.claims.filter((c) => c.gene === gene && c.diseaseId === 'OMIM:100002');
    expect(of('GENEB').every((c) => c.status === 'supported')).toBe(true);
    expect(of('GENEB').length).toBeGreaterThan(0);
    for (const gene of ['GENEA', 'GENEC', 'GENED', 'GENEG']) {
      expect(of(gene).length).toBeGreaterThan(0);
      expect(of(gene).every((c) => c.status === 'unsupported')).toBe(true);
    }
    expect(agent.claims).toContainEqual({ gene: 'GENEA', diseaseId: 'OMIM:100002', status: 'unsupported', note: 'The knowledge base does not link GENEA to Disease two (OMIM:100002).' });
    expect(agent.claims).toContainEqual(expect.objectContaining({ gene: 'GENEA', phenotypeId: 'HP:0001252', status: 'supported' }));
    expect(agent.claims).toContainEqual(expect.objectContaining({ gene: 'GENEA', phenotypeId: 'HP:0000316', status: 'unsupported' }));
  });

  it('drops disease names that are not identifiers from the claims', async () => {
    const { agent } = await rankWith((body) => jsonContent({ ranking: candidatesOf(body).map((gene) => ({ gene, disease: 'some syndrome' })) }), { dc: { repetitions: 1 } });
    expect(agent.claims.every((c) => c.diseaseId === undefined)).toBe(true);
  });
});

describe('LLM divide-and-conquer: transient failures are retried', () => {
  it('waits out a 429 with Retry-After and retries 500s', async () => {
    const answer = preferring([]);
    const failures = [status(429, { 'retry-after': '0.3' }), status(500), status(503)];
    const { agent, server: s, result } = await rankWith((body, i) => (i < 3 ? failures[i]! : answer(body)), { dc: { repetitions: 1 } });
    expect(s.requests).toHaveLength(CALLS_PER_REPETITION + 3);
    expect(agent.usage.retries).toBe(3);
    expect(agent.usage.calls).toBe(CALLS_PER_REPETITION);
    // The rate-limited request's body was sent again only after the Retry-After pause.
    const first = s.requests[0]!;
    const resent = s.requests.slice(1).find((r) => r.raw.equals(first.raw) && r.at >= first.at + 250);
    expect(resent).toBeDefined();
    // Retries resend the same bytes; the record holds each distinct payload once.
    expect(agent.payloads).toHaveLength(CALLS_PER_REPETITION);
    expect(result.genes).toHaveLength(5);
  });

  it('gives up with a clear error when a server keeps failing', async () => {
    await expect(rankWith(() => status(500), { dc: { repetitions: 1 }, overrides: { maxRetries: 1 } })).rejects.toThrow(/failed with HTTP 500 after 2 attempts/);
  });

  it('retries a call that timed out, and reports a server that never answers', async () => {
    const answer = preferring([]);
    const { agent, server: s } = await rankWith((body, i) => (i === 0 ? hang() : answer(body)), { dc: { repetitions: 1 }, overrides: { timeoutMs: 300 } });
    expect(agent.usage.retries).toBe(1);
    expect(s.requests).toHaveLength(CALLS_PER_REPETITION + 1);
    expect(s.clientAborts).toBeGreaterThanOrEqual(1);
    await server!.close();
    server = undefined;
    const error = await rankWith(() => hang(), { dc: { repetitions: 1 }, overrides: { timeoutMs: 200, maxRetries: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdysseyError);
    expect((error as OdysseyError).message).toMatch(/did not answer within 0\.2 s after 2 attempts/);
  });

  it('retries a reply that breaks off mid-way', async () => {
    const answer = preferring([]);
    const { agent, server: s } = await rankWith((body, i) => (i === 0 ? brokenStream('{"ranking": [{"gene": "GE') : answer(body)), { dc: { repetitions: 1 } });
    expect(agent.usage.retries).toBe(1);
    expect(s.requests).toHaveLength(CALLS_PER_REPETITION + 1);
    expect(agent.notes).toEqual([]);
  });
});

describe('LLM divide-and-conquer: cancellation', () => {
  it('rejects soon after abort while calls hang, and sends nothing more', async () => {
    server = await startScriptedServer(() => hang());
    const ranker = await loadRanker('llm', kb, { dc: DC, llm: scriptedLlm(server.url, tempDir(), {}, { timeoutMs: 60_000 }) });
    // Abort once the concurrency limit (4) is in flight, so no request is still on its way.
    const { error, elapsedMs } = await abortWhileHanging(server, (signal) => ranker.score(prepareQuery(kb, QUERY), signal), 4);
    expect((error as Error).name).toBe('AbortError');
    expect(elapsedMs).toBeLessThan(1000);
    expect(server.requests).toHaveLength(4);
    const sent = server.requests.length;
    await sleep(100);
    expect(server.requests.length).toBe(sent);
    expect(server.active).toBe(0);
  });
});

describe('LLM divide-and-conquer: a call that fails for good', () => {
  it('stops the rest of the analysis instead of calling on', async () => {
    const answer = preferring([]);
    server = await startScriptedServer((body, i) => (i === 0 ? status(400) : { ...(answer(body) as Extract<ReturnType<typeof answer>, { kind: 'content' }>), delayMs: 150 }));
    const ranker = await loadRanker('llm', kb, { dc: { ...DC, repetitions: 3 }, llm: scriptedLlm(server.url, tempDir()) });
    await expect(ranker.score(prepareQuery(kb, QUERY))).rejects.toThrow(/rejected the request \(HTTP 400\)/);
    await sleep(400);
    // Replies take 150 ms, so calling on would have sent every first-round chunk (9) by now. What
    // was sent: the 4 the concurrency limit let through, and at most the one the failed call's
    // freed slot started before the abort reached it.
    expect(server.requests.length).toBeLessThanOrEqual(5);
    expect(server.clientAborts).toBeGreaterThan(0);
  });
});

describe('LLM divide-and-conquer: cache and replay', () => {
  it('replays a run from the cache with no HTTP request and the same ranking', async () => {
    const home = tempDir();
    const first = await rankWith(preferring(['GENED', 'GENEC']), { home, llm: { cacheMode: 'use' } });
    const calls = CALLS_PER_REPETITION * DC.repetitions;
    // A chunk shown twice in the same order (in another repetition) may already come from the cache.
    expect(first.agent.usage.calls).toBe(calls);
    expect(first.server.requests.length + first.agent.usage.cachedCalls).toBe(calls);
    expect(first.server.requests.length).toBeGreaterThan(0);
    await server!.close();
    server = undefined;
    const replay = await rankWith(() => status(500), { home, llm: { cacheMode: 'replay' } });
    expect(replay.server.requests).toHaveLength(0);
    expect(replay.result.genes).toEqual(first.result.genes);
    expect(replay.agent.usage).toMatchObject({ calls, cachedCalls: calls, promptTokens: 0, completionTokens: 0 });
    expect(replay.agent.payloads).toEqual([]);
    expect(replay.agent.transcripts.map((t) => t.messages)).toEqual(first.agent.transcripts.map((t) => t.messages));
  });

  it('replay fails clearly when the cache has no answer', async () => {
    await expect(rankWith(() => status(500), { llm: { cacheMode: 'replay' } })).rejects.toThrow(/not in the cache/);
    expect(server!.requests).toHaveLength(0);
  });
});

describe('LLM divide-and-conquer: privacy', () => {
  it('sends only HPO terms, sex, an age band, gene symbols and knowledge evidence — exactly what it records', async () => {
    const patient: PatientCase = {
      id: 'case-7731-secret',
      label: 'Jane Q. Public',
      sex: 'FEMALE',
      ageYears: 34.5,
      observed: [{ id: 'HP:0001250', label: 'Seizure' }, { id: 'HP:0001252', label: 'Hypotonia' }],
      excluded: [{ id: 'HP:0000316', label: 'Hypertelorism' }],
      pmids: ['PMID:99999999'],
      source: '/home/clinic/patients/jane.json',
    };
    const query = prepareQuery(kb, queryFromCase(patient));
    const { agent, server: s } = await rankWith(preferring([]), { query });
    const received = rawBodies(s.requests);
    expect(received).toHaveLength(CALLS_PER_REPETITION * DC.repetitions);
    // Byte for byte: the record holds exactly what reached the server.
    expect(agent.payloads.map((p) => p.body).sort()).toEqual([...received].sort());
    for (const p of agent.payloads) expect(p).toMatchObject({ provider: 'ollama', model: 'test-model', url: `${s.url}/chat/completions` });
    for (const text of received) {
      for (const secret of ['case-7731', 'Jane', 'Public', '34.5', 'PMID', '/home/clinic', 'jane.json']) expect(text).not.toContain(secret);
    }
    // Everything the user message says is ontology, gene or knowledge-base text, or the fixed task.
    const o = kb.hpo.ontology;
    const allowed = new Set<string>([
      ...o.terms.flatMap((t) => [t.id, t.name]),
      ...kb.genes.map((g) => g.symbol),
      ...kb.diseases.flatMap((d) => [d.id, d.name, `${d.name} (${d.id})`]),
      'no annotated disease fits',
      'female',
      'adult (18–39 y)',
    ]);
    const prompt = readFileSync(new URL('../../../core/agents/prompts/rank-chunk.v1.md', import.meta.url), 'utf8').trim();
    for (const r of s.requests) {
      expect(Object.keys(r.body).sort()).toEqual(['max_tokens', 'messages', 'model', 'response_format', 'temperature', 'tools'].sort());
      expect(r.body.messages.map((m) => m.role)).toEqual(['system', 'user']);
      expect(r.body.messages[0]!.content).toBe(prompt);
      const p = chunkPrompt(r.body);
      expect(Object.keys(p).sort()).toEqual(['candidates', 'mostSpecificFindings', 'organSystems', 'patient', 'task']);
      expect(p.patient).toEqual({
        observed: [{ id: 'HP:0001250', label: 'Seizure' }, { id: 'HP:0001252', label: 'Hypotonia' }],
        excluded: [{ id: 'HP:0000316', label: 'Hypertelorism' }],
        sex: 'female',
        ageBand: 'adult (18–39 y)',
      });
      expect(p.task).toBe(`Rank all ${p.candidates.length} genes, best first.`);
      expect(p.organSystems).toEqual(['Abnormality of the nervous system (2)']);
      const strings: string[] = [];
      const walk = (v: unknown): void => {
        if (typeof v === 'string') strings.push(v);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
      };
      walk({ ...p, task: undefined, organSystems: undefined });
      for (const str of strings) expect(allowed, str).toContain(str);
    }
  });
});

describe('LLM divide-and-conquer: records for reproducibility', () => {
  it('records a transcript per chunk call and the prompt version', async () => {
    const { agent } = await rankWith(preferring([]));
    expect(agent.transcripts).toHaveLength(CALLS_PER_REPETITION * DC.repetitions);
    expect(agent.transcripts.map((t) => t.agent).sort()).toEqual(['r1.1', 'r1.1', 'r1.1', 'r1.2', 'r1.2', 'r1.3', 'r2.1', 'r2.1', 'r2.1', 'r2.2', 'r2.2', 'r2.3'].map((x) => `rank-chunk ${x}`));
    for (const t of agent.transcripts) {
      expect(t.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
      expect(JSON.parse(t.messages[2]!.content)).toHaveProperty('ranking');
    }
    const prompt = readFileSync(new URL('../../../core/agents/prompts/rank-chunk.v1.md', import.meta.url), 'utf8').trim();
    const { createHash } = await import('node:crypto');
    expect(agent.promptVersions).toEqual({ 'rank-chunk': `rank-chunk@1+${createHash('sha256').update(prompt).digest('hex').slice(0, 12)}` });
    expect(agent.phenotypes.mostSpecific.map((t) => t.id)).toEqual(['HP:0001252', 'HP:0001250']);
  });

  it('answers the gene_annotations tool call from the knowledge base and keeps it in the transcript', async () => {
    const answer = preferring([]);
    let asked = false;
    const { agent, server: s } = await rankWith((body) => {
      if (!asked && isFirstAsk(body) && candidatesOf(body).includes('GENEA')) {
        asked = true;
        return toolCall('gene_annotations', { symbol: 'olda' }, 'call_1');
      }
      return answer(body);
    });
    expect(s.requests).toHaveLength(CALLS_PER_REPETITION * DC.repetitions + 1);
    const spec = s.requests[0]!.body.tools as { type: string; function: { name: string } }[];
    expect(spec.map((t) => t.function.name)).toEqual(['gene_annotations']);
    const followUp = s.requests.find((r) => r.body.messages.some((m) => m.role === 'tool'))!;
    const toolMessage = followUp.body.messages.find((m) => m.role === 'tool')!;
    expect(toolMessage.tool_call_id).toBe('call_1');
    const annotations = JSON.parse(toolMessage.content!) as { gene: string; diseases: { id: string; name: string; inheritance: string[]; phenotypes: { id: string; label: string; frequency?: number }[] }[] };
    expect(annotations.gene).toBe('GENEA');
    expect(annotations.diseases).toHaveLength(1);
    expect(annotations.diseases[0]).toMatchObject({ id: 'OMIM:100001', name: 'Disease one', inheritance: ['Autosomal recessive inheritance'] });
    expect(annotations.diseases[0]!.phenotypes.map((p) => p.id).sort()).toEqual(['HP:0001250', 'HP:0001252']);
    expect(annotations.diseases[0]!.phenotypes.find((p) => p.id === 'HP:0001250')!.frequency).toBe(0.75);
    const withTool = agent.transcripts.find((t) => t.messages.some((m) => m.role === 'tool'))!;
    expect(withTool.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
    expect(withTool.messages[2]!.content).toMatch(/\[tool calls\] .*gene_annotations/);
  });

  it('bounds a model that only ever calls tools: two tool rounds, one repair, then a clear failure', async () => {
    const e = await rankWith(() => toolCall('gene_annotations', { symbol: 'GENEA' }), { dc: { chunkSize: 5, advance: 2, repetitions: 1 } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OdysseyError);
    expect((e as OdysseyError).message).toMatch(/did not give a valid answer, even after one repair round/);
    // Per ask: the first turn and two tool rounds; the ask and its repair: 2 × 3 requests.
    expect(server!.requests).toHaveLength(6);
  });

  it('offers no tools when they are turned off', async () => {
    const { server: s } = await rankWith(preferring([]), { llm: { tools: false }, dc: { repetitions: 1 } });
    for (const r of s.requests) expect(r.body.tools).toBeUndefined();
  });
});

