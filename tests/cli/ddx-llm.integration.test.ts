/**
 * `odyssey ddx --engine llm` against a scripted OpenAI-compatible server, on the installed
 * knowledge base: a phenopacket, and a stored case whose LLM journey is kept with its
 * transcripts and the payloads exactly as sent.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JourneySchema, type Journey } from '../../core/agents/journey/schema.js';
import { openStore } from '../../core/store/store.js';
import { jsonContent, startScriptedServer, type ScriptedServer, type WireBody } from '../agents/providers/scripted-llm-server.js';
import { fixture, tempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

const CASE = fixture('cli', 'kcnt1-case.json');
let server: ScriptedServer;

/** Keeps the knowledge engine's candidates in their order and cites the patient's first finding. */
function agreeing(body: WireBody) {
  const p = JSON.parse(body.messages.find((m) => m.role === 'user')!.content!) as { patient: { observed: { id: string }[] }; candidates: { diseaseId: string }[] };
  const ids = p.candidates.map((c) => c.diseaseId);
  return jsonContent({ monologue: 'The first candidate explains the seizures.', hypotheses: [{ diseaseId: ids[0], verdict: 'keep', evidenceFor: [p.patient.observed[0]!.id] }], ranking: ids, confident: true });
}

beforeEach(async () => {
  process.env.ODYSSEY_HOME = tempDir('odyssey-ddx-llm-');
  process.env.ODYSSEY_ACTOR = 'ddx-llm-test';
  server = await startScriptedServer(agreeing);
});
afterEach(() => server.close());

const llmArgs = (): string[] => ['--engine', 'llm', '--provider', 'ollama', '--model', 'test-model', '--base-url', server.url, '--cache', 'off'];

describe('odyssey ddx --engine llm', () => {
  it('writes the journey with the model and prints it in the documented shape', async () => {
    const r = await runCli('ddx', '--case', CASE, '--budget', 'quick', '--json', ...llmArgs());
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Journey;
    expect(JourneySchema.parse(j)).toEqual(j);
    expect(j.engine).toBe('llm');
    expect(j.differential[0]!.diseaseId).toBe('OMIM:614959');
    expect(server.requests).toHaveLength(1);
  });

  it('stores the journey of a stored case with the transcripts and every payload as sent', async () => {
    const add = await runCli('case', 'import', CASE);
    expect(add.code, add.err).toBe(0);
    const r = await runCli('ddx', '--case-id', '1', '--budget', 'standard', ...llmArgs());
    expect(r.code, r.err).toBe(0);
    const store = openStore();
    try {
      const a = store.analyses.latest(1, { result: true })!;
      expect(a.result?.differential?.engine).toBe('llm');
      expect(a.model).toBe('test-model');
      expect(a.promptVersions?.journey).toMatch(/^journey@1\+/);
      const sent = a.transcripts!.find((t) => t.agent === 'sent-payloads')!;
      expect(sent.messages.map((m) => m.content)).toEqual(server.requests.map((q) => q.raw.toString('utf8')));
      expect(a.transcripts!.filter((t) => t.agent.startsWith('journey sample'))).toHaveLength(3);
    } finally {
      store.close();
    }
  });

  it('asks for a provider, and refuses provider options without the llm engine', async () => {
    const r = await runCli('ddx', '--case', CASE, '--engine', 'llm');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/needs an LLM provider/);
    const r2 = await runCli('ddx', '--case', CASE, '--provider', 'ollama');
    expect(r2.code).toBe(2);
    expect(r2.err).toMatch(/only apply to --engine llm/);
  });
});
