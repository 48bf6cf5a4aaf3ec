/**
 * The LLM journey engine against a scripted OpenAI-compatible server (the only stand-in: the
 * knowledge base, ontology and calibration are the real ones). The scripted model answers from
 * what each request carries, the way a model would.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCalibration } from '../../../core/agents/journey/calibration.js';
import { KnowledgeJourneyEngine } from '../../../core/agents/journey/knowledge-engine.js';
import { LlmJourneyEngine } from '../../../core/agents/journey/llm-engine.js';
import { JourneySchema } from '../../../core/agents/journey/schema.js';
import { resolveProvider } from '../../../core/agents/providers/config.js';
import { readCases } from '../../../core/cases/sources.js';
import type { PatientCase } from '../../../core/cases/types.js';
import { queryFromCase } from '../../../core/genes/ranking/case-query.js';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import { loadKnowledgeBase } from '../../../core/genes/kb/load.js';
import { fixture, tempDir } from '../../helpers.js';
import { content, jsonContent, startScriptedServer, type Reply, type ScriptedServer, type WireBody } from '../providers/scripted-llm-server.js';

let kb: KnowledgeBase;
let knowledge: KnowledgeJourneyEngine;
let kcnt1: PatientCase;
let server: ScriptedServer | undefined;

beforeAll(async () => {
  ({ kb } = await loadKnowledgeBase());
  knowledge = new KnowledgeJourneyEngine(kb, { calibration: loadCalibration() });
  for await (const item of readCases(fixture('cli', 'kcnt1-case.json'))) if (item.case) kcnt1 = item.case;
}, 60_000);

afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface JourneyPrompt {
  patient: { observed: { id: string }[] };
  candidates: { diseaseId: string }[];
}
const promptOf = (body: WireBody): JourneyPrompt => JSON.parse(body.messages.find((m) => m.role === 'user')!.content!) as JourneyPrompt;

/**
 * A model that prefers the knowledge engine's second candidate, cites one of the patient's
 * findings for it and one the patient does not have, drops the first, and proposes an invented
 * disease id.
 */
function contrarian(body: WireBody): Reply {
  const p = promptOf(body);
  const [first, second, ...rest] = p.candidates.map((c) => c.diseaseId);
  return jsonContent({
    monologue: 'Hypothesis: the second candidate. Check: fits the seizures. Backtrack: the first misses a finding.',
    hypotheses: [
      { diseaseId: second, verdict: 'keep', evidenceFor: [p.patient.observed[0]!.id, 'HP:0000047'], reason: 'fits' },
      { diseaseId: first, verdict: 'drop', reason: 'misses a finding' },
    ],
    ranking: [second, ...rest, 'OMIM:999999'],
    confident: false,
  });
}

function engine(url: string): LlmJourneyEngine {
  const home = tempDir();
  const config = resolveProvider('ollama', { model: 'test-model', baseURL: url, timeoutMs: 2_000, maxRetries: 1, backoff: { baseMs: 1, maxMs: 5, retryAfterMaxMs: 100 } }, home, {});
  return new LlmJourneyEngine(kb, knowledge, { config, client: { localOnly: false, cacheMode: 'off', env: {} } });
}

describe('LLM journey engine', () => {
  it('parses the model journey into the same schema, re-orders by its vote and marks what the knowledge base does not support', async () => {
    server = await startScriptedServer(contrarian);
    const query = queryFromCase(kcnt1);
    const base = knowledge.runNow({ query }, { budget: 'standard' });
    const rec = await engine(server.url).runWithRecord({ query }, { budget: 'standard' });
    const j = rec.journey;
    expect(JourneySchema.parse(j)).toEqual(j);
    expect(j.engine).toBe('llm');
    // Standard budget: three samples, one call each.
    expect(server.requests).toHaveLength(3);
    // Every sample voted the knowledge engine's second candidate first and dropped its first: the
    // vote moves probability between them, but only half of it (the knowledge half stays calibrated).
    const p = (journey: typeof j, id: string): number => journey.differential.find((e) => e.diseaseId === id)!.probability;
    const [first, second] = [base.differential[0]!.diseaseId, base.differential[1]!.diseaseId];
    expect(p(j, second)).toBeGreaterThan(p(base, second));
    expect(p(j, first)).toBeLessThan(p(base, first));
    expect(p(j, first)).toBeGreaterThanOrEqual(p(base, first) / 2);
    const added = j.steps.flatMap((s) => (s.kind === 'hypotheses' ? s.candidates : [])).find((c) => c.diseaseId === 'OMIM:999999');
    expect(added).toMatchObject({ source: 'llm', supported: false });
    const cited = j.differential.find((e) => e.diseaseId === second)!.evidenceFor.filter((e) => e.text.startsWith('Cited by the model'));
    expect(cited.find((e) => e.term.id === 'HP:0000047')?.supported).toBe(false);
    expect(j.warnings.some((w) => w.includes('not supported'))).toBe(true);
    expect(j.steps.find((s) => s.kind === 'reflection' && s.changes.some((c) => c.action === 'demoted' && c.diseaseId === first))).toBeDefined();
    // What went out is what the server got, and holds no identifier of the case.
    expect(rec.payloads.map((p) => p.body)).toEqual(expect.arrayContaining(server.requests.map((r) => r.raw.toString('utf8'))));
    for (const r of server.requests) expect(r.raw.toString('utf8')).not.toContain(kcnt1.id);
    expect(rec.promptVersions.journey).toMatch(/^journey@1\+/);
    expect(rec.transcripts).toHaveLength(3);
  });

  it('spends more calls on deeper budgets: one sample for quick, five with a reflection round each for deep', async () => {
    server = await startScriptedServer(contrarian);
    const query = queryFromCase(kcnt1);
    await engine(server.url).run({ query }, { budget: 'quick' });
    expect(server.requests).toHaveLength(1);
    await engine(server.url).run({ query }, { budget: 'deep' });
    expect(server.requests).toHaveLength(1 + 5 * 2);
    const reflection = server.requests.slice(1).find((r) => r.body.messages.length > 2);
    expect(reflection?.body.messages.at(-1)?.content).toContain('Backtrack');
  });

  it('repairs one malformed reply and fails clearly after a second', async () => {
    server = await startScriptedServer((body, i) => (i === 0 ? content('{"monologue": "unfinished') : contrarian(body)));
    const query = queryFromCase(kcnt1);
    const j = await engine(server.url).run({ query }, { budget: 'quick' });
    expect(j.engine).toBe('llm');
    expect(server.requests).toHaveLength(2);
    await server.close();
    server = await startScriptedServer(() => content('not json at all'));
    await expect(engine(server.url).run({ query }, { budget: 'quick' })).rejects.toMatchObject({ code: 'llm-bad-output' });
  });
});
