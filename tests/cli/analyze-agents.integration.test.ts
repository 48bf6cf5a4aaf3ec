/**
 * `odyssey analyze --ranker llm|onnx-dc` on a stored case: the agents' analysis is stored with its
 * model, provider, prompt versions, transcripts and every payload exactly as the scripted
 * OpenAI-compatible server received it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../core/store/store.js';
import { preferring, rawBodies } from '../agents/ranker/llm-script.js';
import { startScriptedServer, type ScriptedServer } from '../agents/providers/scripted-llm-server.js';
import { tempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

let server: ScriptedServer;
beforeEach(async () => {
  process.env.ODYSSEY_HOME = tempDir('odyssey-analyze-agents-');
  process.env.ODYSSEY_ACTOR = 'analyze-agents-test';
  server = await startScriptedServer(preferring(['FECH', 'ALAS2']));
});
afterEach(() => server.close());

describe('odyssey analyze with agent rankers', () => {
  it('stores an LLM divide-and-conquer analysis with its transcripts and sent payloads', async () => {
    const add = await runCli('case', 'add', '--label', 'agents', '--hpo', 'HP:0001263,HP:0001251,HP:0011273', '--genes', 'ABCB7,ALAS2,ATP7A,CLPX,FECH,SLC25A38,HSPA9,GLRX5,STEAP3,TRNT1');
    expect(add.code, add.err).toBe(0);
    const r = await runCli('analyze', '--case', '1', '--ranker', 'llm', '--provider', 'ollama', '--model', 'test-model', '--base-url', server.url, '--chunk', '4', '--advance', '2', '--rounds', '2', '--knowledge-weight', '0', '--cache', 'off');
    expect(r.code, r.err).toBe(0);
    const store = openStore();
    try {
      const a = store.analyses.latest(1, { result: true })!;
      expect(a.ranker.name).toBe('llm');
      expect(a.model).toBe('test-model');
      expect(a.provider).toBe('ollama');
      expect(a.promptVersions?.['rank-chunk']).toMatch(/^rank-chunk@1\+/);
      // With no weight on the knowledge order, the scripted model's preference decides the top gene.
      expect(a.result!.genes[0]!.symbol).toBe('FECH');
      const sent = a.transcripts!.find((t) => t.agent === 'sent-payloads')!;
      expect(sent.messages.map((m) => m.content).sort()).toEqual(rawBodies(server.requests).sort());
      expect(a.transcripts!.filter((t) => t.agent.startsWith('rank-chunk'))).toHaveLength(server.requests.length);
      const agent = a.parameters.agent as { solvability: { label: string }; usage: { calls: number } };
      expect(['confident', 'possible', 'unsolved']).toContain(agent.solvability.label);
      expect(agent.usage.calls).toBe(server.requests.length);
    } finally {
      store.close();
    }
  });
});
