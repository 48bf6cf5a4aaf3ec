/**
 * The agent operations of the API on the real data, with a scripted OpenAI-compatible server as
 * the LLM (the process boundary): providers and local-only, the preview of what would be sent,
 * an LLM analysis as a job with progress, its cancel (settling within a second), and the
 * agents' report and transcripts read back from the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OperationName, RequestOf, ResponseOf } from '../../core/api/contract.js';
import { ApiContext } from '../../core/api/context.js';
import {
  startScriptedServer,
  status,
  type ScriptedServer,
} from '../agents/providers/scripted-llm-server.js';
import { preferring, sleep } from '../agents/ranker/llm-script.js';
import { tempDir } from '../helpers.js';
import { apiCaller } from './call-api.js';

const SECRET = 'sk-test-never-shown-0123456789';
const LABEL = 'Ms Confidential Example';
const NOTES = 'Lives at 12 Private Road; referred by Dr Who.';
const SLOW = 'slow-model';
const PLANNED = 24;

let ctx: ApiContext;
let server: ScriptedServer;

const { api, ok } = apiCaller(() => ctx);
async function errorCode<K extends OperationName>(op: K, request: RequestOf<K>): Promise<string> {
  const r = await api(op, request);
  return r.ok ? 'ok' : r.error.code;
}

async function settle(jobId: string, seen: ResponseOf<'analysisJob'>[] = []) {
  for (;;) {
    const j = await ok('analysisJob', { jobId });
    seen.push(j);
    if (j.state !== 'running') return j;
    await sleep(15);
  }
}

let caseId: number;

beforeAll(async () => {
  // A slow model never answers in time, so a run with it can be cancelled mid-way.
  const model = preferring(['SCN1A', 'CDKL5', 'STXBP1']);
  server = await startScriptedServer(async (body) => {
    if (body.model === SLOW) await sleep(30_000);
    if (body.model === 'missing-model')
      return status(404, {}, { error: { message: 'The model `missing-model` does not exist' } });
    return model(body);
  });
  ctx = new ApiContext({
    home: tempDir('odyssey-agent-api-'),
    actor: 'agent-api-test',
    env: { OPENAI_API_KEY: SECRET },
  });
  caseId = (
    await ok('createCase', {
      label: LABEL,
      notes: NOTES,
      sex: 'FEMALE',
      ageYears: 3,
      phenotypes: [{ id: 'HP:0011097' }, { id: 'HP:0001250' }, { id: 'HP:0001263' }],
    })
  ).case.id;
}, 60_000);
afterAll(async () => {
  ctx?.close();
  await server?.close();
});

describe('Settings → providers', () => {
  it('lists presets, local or remote, whether the key is set, and never the key', async () => {
    const p = await ok('listProviders', {});
    const openai = p.providers.find((x) => x.name === 'openai')!;
    expect(openai).toMatchObject({ local: false, apiKeyEnv: 'OPENAI_API_KEY', keySet: true });
    expect(p.providers.find((x) => x.name === 'ollama')).toMatchObject({ local: true });
    expect(p.localOnly).toBe(false);
    expect(p.keyStorage).toMatchObject({ mode: 'environment', available: false });
    expect(JSON.stringify(p)).not.toContain(SECRET);
  });

  it('adds a provider to providers.json, validated, and refuses a bad address by name', async () => {
    const p = await ok('saveProvider', {
      name: 'scripted',
      baseURL: server.url,
      model: 'test-model',
    });
    expect(p.providers.find((x) => x.name === 'scripted')).toMatchObject({
      local: true,
      configured: true,
      model: 'test-model',
      baseURL: server.url,
    });
    const bad = await api('saveProvider', { name: 'lab', baseURL: 'ftp://lab/v1' });
    expect(!bad.ok && bad.error).toMatchObject({ code: 'provider-config' });
    expect(await errorCode('saveProvider', { name: 'lab' })).toBe('provider-config');
    // A key pasted where the variable name goes is refused by the contract.
    expect(await errorCode('saveProvider', { name: 'lab', apiKeyEnv: 'sk-abc-123' })).toBe(
      'bad-request',
    );
    expect((await ok('listProviders', {})).providers.some((x) => x.name === 'lab')).toBe(false);
  });

  it('keeps no keys in the browser: setProviderKey says keys come from the environment', async () => {
    expect(
      await errorCode('setProviderKey', { provider: 'openai', key: 'sk-something-long' }),
    ).toBe('keys-from-environment');
  });
});

describe('previewAnalysis: what an LLM analysis would send', () => {
  it('shows the patient part, the genes and the provider, with no label, notes or case id', async () => {
    const p = await ok('previewAnalysis', { caseId, ranker: 'llm', provider: 'scripted' });
    expect(p.provider).toMatchObject({ name: 'scripted', model: 'test-model', remote: false });
    expect(p.candidates).toMatchObject({ kind: 'knowledge-top', count: 100 });
    const patient = p.patient as { patient: { observed: { id: string }[]; sex?: string } };
    expect(patient.patient.observed.map((t) => t.id).sort()).toEqual(
      ['HP:0001250', 'HP:0001263', 'HP:0011097'].sort(),
    );
    const text = JSON.stringify(p.patient);
    expect(text).not.toContain(LABEL);
    expect(text).not.toContain('Private Road');
    expect(text).not.toMatch(/"(caseId|label|notes|id)":\s*\d/);
    expect(p.notes.join(' ')).toMatch(/nothing leaves/);
    // 100 genes in chunks of 20, best 5 on: 5 + 2 + 1 calls, for each of 3 shuffled runs.
    expect(p.plannedCalls).toBe(PLANNED);
  });

  it('marks a remote provider, and its missing key', async () => {
    const p = await ok('previewAnalysis', {
      caseId,
      ranker: 'hybrid',
      provider: 'azure',
      model: 'gpt',
    }).catch((e: Error) => e.message);
    // Azure needs an address; the error names the fix.
    expect(String(p)).toMatch(/provider-config/);
    const o = await ok('previewAnalysis', {
      caseId,
      ranker: 'llm',
      provider: 'openai',
      model: 'gpt-4o-mini',
    });
    expect(o.provider).toMatchObject({
      remote: true,
      keySet: true,
      baseURL: 'https://api.openai.com/v1',
    });
  });

  it('needs a provider for the LLM rankers', async () => {
    expect(await errorCode('previewAnalysis', { caseId, ranker: 'llm' })).toBe('provider-missing');
  });
});

describe('startAnalysis guards', () => {
  it('refuses a remote provider without the confirmation, sending nothing', async () => {
    const r = await api('startAnalysis', {
      caseId,
      ranker: 'llm',
      provider: 'openai',
      model: 'gpt-4o-mini',
    });
    expect(!r.ok && r.error).toMatchObject({ code: 'confirm-remote' });
    expect(!r.ok && r.error.message).toMatch(/Nothing was sent/);
  });

  it('local-only refuses a remote provider, in the preview and at the start', async () => {
    expect((await ok('setLocalOnly', { localOnly: true })).localOnly).toBe(true);
    const choice = { caseId, ranker: 'llm', provider: 'openai', model: 'gpt-4o-mini' };
    expect(await errorCode('previewAnalysis', choice)).toBe('llm-local-only');
    expect(await errorCode('startAnalysis', { ...choice, confirmRemote: true })).toBe(
      'llm-local-only',
    );
    // A provider on this machine is still allowed.
    expect(
      await errorCode('previewAnalysis', { ...choice, provider: 'scripted', model: 'test-model' }),
    ).toBe('ok');
    expect((await ok('setLocalOnly', { localOnly: false })).localOnly).toBe(false);
  });
});

describe('an LLM analysis as a job', () => {
  let analysisId: number;

  it('runs with progress by stage and calls done/planned, then gives the result', async () => {
    const before = server.requests.length;
    const job = await ok('startAnalysis', { caseId, ranker: 'llm', provider: 'scripted' });
    expect(job.state).toBe('running');
    const seen: ResponseOf<'analysisJob'>[] = [];
    const end = await settle(job.jobId, seen);
    expect(end.state, JSON.stringify(end.error)).toBe('done');
    const agents = seen.filter((s) => s.stage === 'llm-agents');
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.at(-1)!.calls!.planned).toBe(PLANNED);
    expect(server.requests.length - before).toBe(PLANNED);
    const result = await ok('analysisJobResult', { jobId: job.jobId });
    expect(result.outcome).toBe('analysed');
    expect(result.analysis.ranker.name).toBe('llm');
    expect(result.analysis.genes.length).toBeGreaterThan(10);
    analysisId = result.analysis.id;
  }, 30_000);

  it('getAgentReport: solvability, bias, usage, transcripts, and payloads exactly as sent', async () => {
    const r = await ok('getAgentReport', { caseId, analysisId });
    expect(r.ranker).toBe('llm');
    expect(r.model).toBe('test-model');
    expect(['confident', 'possible', 'unsolved']).toContain(r.agent!.solvability.label);
    expect(r.agent!.solvability.reasons.length).toBeGreaterThan(0);
    expect(r.agent!.usage.calls).toBe(PLANNED);
    expect(r.agent!.bias.orderKendallTau).not.toBeNull();
    expect(r.transcripts.length).toBeGreaterThan(0);
    expect(r.transcripts[0]!.messages.some((m) => m.role === 'assistant')).toBe(true);
    const received = new Set(server.requests.map((q) => q.raw.toString('utf8')));
    expect(r.sentPayloads).toHaveLength(PLANNED);
    for (const p of r.sentPayloads) expect(received.has(p.body)).toBe(true);
    for (const p of r.sentPayloads) expect(p.body).not.toContain(LABEL);
  });

  it('getAgentReport of a knowledge analysis has no agent part', async () => {
    const job = await ok('startAnalysis', { caseId, ranker: 'knowledge' });
    const end = await settle(job.jobId);
    expect(end).toMatchObject({ state: 'done', outcome: 'analysed' });
    const r = await ok('getAgentReport', { caseId, analysisId: end.analysisId });
    expect(r).toMatchObject({
      ranker: 'knowledge',
      agent: null,
      transcripts: [],
      sentPayloads: [],
    });
  }, 30_000);

  it('cancels a run mid-way: it settles within a second and says it was cancelled', async () => {
    const aborts = server.clientAborts;
    const job = await ok('startAnalysis', {
      caseId,
      ranker: 'llm',
      provider: 'scripted',
      model: SLOW,
    });
    while (server.active === 0) await sleep(10);
    const t0 = performance.now();
    const c = await ok('cancelAnalysis', { jobId: job.jobId });
    const elapsed = performance.now() - t0;
    expect(c.state).toBe('cancelled');
    expect(elapsed).toBeLessThan(1_000);
    expect(c.error?.code).toBe('cancelled');
    expect(await errorCode('analysisJobResult', { jobId: job.jobId })).toBe('cancelled');
    while (server.active > 0) await sleep(10);
    expect(server.clientAborts).toBeGreaterThan(aborts);
  }, 30_000);

  it('a run the provider refuses ends failed, with the reason, and is kept in the history', async () => {
    const job = await ok('startAnalysis', {
      caseId,
      ranker: 'llm',
      provider: 'scripted',
      model: 'missing-model',
    });
    const end = await settle(job.jobId);
    expect(end.state).toBe('failed');
    expect(end.error?.code).toBe('analysis-failed');
    expect(end.error?.message).toMatch(/missing-model/);
    const detail = await ok('getCase', { id: caseId });
    expect(detail.analyses.some((a) => a.status === 'failed')).toBe(true);
  }, 30_000);

  it('runs the local ONNX agents as a job too, reporting their calls', async () => {
    const seen: ResponseOf<'analysisJob'>[] = [];
    const job = await ok('startAnalysis', { caseId, ranker: 'onnx-dc' });
    const end = await settle(job.jobId, seen);
    expect(end.state, JSON.stringify(end.error)).toBe('done');
    expect(seen.some((s) => s.stage === 'local-agents' && s.calls!.planned > 0)).toBe(true);
    const r = await ok('getAgentReport', { caseId, analysisId: end.analysisId });
    expect(r.agent?.agent).toBe('onnx');
    expect(r.sentPayloads).toEqual([]);
  }, 30_000);

  it('runs hybrid: the local agents first, the LLM only when they are not confident', async () => {
    const before = server.requests.length;
    const seen: ResponseOf<'analysisJob'>[] = [];
    const job = await ok('startAnalysis', { caseId, ranker: 'hybrid', provider: 'scripted' });
    const end = await settle(job.jobId, seen);
    expect(end.state, JSON.stringify(end.error)).toBe('done');
    expect(seen.some((s) => s.stage === 'local-agents')).toBe(true);
    const r = await ok('getAgentReport', { caseId, analysisId: end.analysisId });
    expect(r.agent?.method).toBe('hybrid');
    const consulted = server.requests.length > before;
    expect(seen.some((s) => s.stage === 'llm-agents')).toBe(consulted);
    expect(r.sentPayloads.length).toBe(server.requests.length - before);
    // Skipping the LLM is only allowed when the local agents were confident.
    if (!consulted) expect(r.agent!.solvability.label).toBe('confident');
  }, 30_000);

  it('answers for an unknown job with a named error', async () => {
    expect(await errorCode('analysisJob', { jobId: 'no-such-job' })).toBe('job-not-found');
    expect(await errorCode('cancelAnalysis', { jobId: 'no-such-job' })).toBe('job-not-found');
  });
});
