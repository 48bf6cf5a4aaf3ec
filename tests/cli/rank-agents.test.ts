/**
 * `odyssey rank --ranker llm|onnx|hybrid` as a user runs it, in-process, on the installed
 * knowledge base, with the LLM behind a scripted OpenAI-compatible server on 127.0.0.1 and the
 * store folder (providers.json, response cache) in a temporary ODYSSEY_HOME.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AgentReport } from '../../core/genes/ranking/agent-report.js';
import type { RankResult } from '../../core/genes/ranking/types.js';
import { candidatesOf, preferring, rawBodies } from '../agents/ranker/llm-script.js';
import { startScriptedServer, type ScriptedServer } from '../agents/providers/scripted-llm-server.js';
import { tempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

const NO_STACK = /\n\s+at /;
const HPO = 'HP:0001263,HP:0001251,HP:0011273';
const GENES = 'ABCB7,ALAS2,ATP7A,CLPX,FECH,SLC25A38,HSPA9,GLRX5,STEAP3,TRNT1';
const savedHome = process.env.ODYSSEY_HOME;
let server: ScriptedServer | undefined;
beforeEach(() => {
  process.env.ODYSSEY_HOME = tempDir('odyssey-cli-agents-');
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(() => {
  if (savedHome === undefined) delete process.env.ODYSSEY_HOME;
  else process.env.ODYSSEY_HOME = savedHome;
});

type RankJson = RankResult & { agent: AgentReport };

async function expectUserError(args: string[], message: RegExp, fix: RegExp): Promise<void> {
  const r = await runCli(...args);
  expect(r.code, r.out + r.err).toBe(2);
  expect(r.err).toMatch(/^error: /m);
  expect(r.err).toMatch(message);
  expect(r.err).toMatch(/^ {2}fix: /m);
  expect(r.err).toMatch(fix);
  expect(r.err).not.toMatch(NO_STACK);
}

describe('odyssey rank --ranker llm', () => {
  it('ranks through the provider, shows what was sent, and replays from the cache', async () => {
    server = await startScriptedServer(preferring(['TRNT1']));
    const args = ['rank', '--hpo', HPO, '--genes', GENES, '--ranker', 'llm', '--provider', 'ollama', '--model', 'm', '--base-url', server.url, '--chunk', '4', '--advance', '2', '--rounds', '2', '--knowledge-weight', '0', '--json'];
    const r = await runCli(...args);
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as RankJson;
    // 10 genes, k = 4, m = 2: 3 chunks → 6 → 2 chunks → 4 → final = 6 calls, twice.
    expect(server.requests).toHaveLength(12);
    for (const q of server.requests) expect(candidatesOf(q.body).length).toBeLessThanOrEqual(4);
    expect(out.ranker).toMatchObject({ name: 'llm', params: { chunkSize: 4, advance: 2, repetitions: 2, model: 'm' } });
    expect(out.agent).toMatchObject({ agent: 'llm', provider: 'ollama', model: 'm', plannedCalls: 12, poolSize: 10 });
    expect(out.agent.usage.calls).toBe(12);
    expect(out.agent.payloads.map((p) => p.body).sort()).toEqual(rawBodies(server.requests).sort());
    expect(out.agent.payloads.every((p) => p.provider === 'ollama' && p.model === 'm')).toBe(true);
    expect(out.genes[0]!.symbol).toBe('TRNT1'); // the model's pick, with the knowledge weight at 0
    expect(out.genes.map((g) => g.symbol).sort()).toEqual(GENES.split(',').sort());

    // The same analysis again, from the cache only: no request, same ranking.
    const replay = await runCli(...args, '--cache', 'replay');
    expect(replay.code, replay.err).toBe(0);
    expect(server.requests).toHaveLength(12);
    const again = JSON.parse(replay.out) as RankJson;
    expect(again.genes).toEqual(out.genes);
    expect(again.agent.usage.cachedCalls).toBe(12);
    expect(again.agent.payloads).toEqual([]);
  });

  it('prints the agents\' account in the table view', async () => {
    server = await startScriptedServer(preferring([]));
    const r = await runCli('rank', '--hpo', HPO, '--genes', GENES, '--ranker', 'llm', '--provider', 'ollama', '--model', 'm', '--base-url', server.url, '--chunk', '10', '--rounds', '1', '--cache', 'off');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Agents \(divide-and-conquer, llm ollama\/m\): 10 genes, 1 calls \(planned 1\), \d+ ms/);
    expect(r.out).toMatch(/solvability: (CONFIDENT|POSSIBLE|UNSOLVED) — /);
    expect(r.out).toMatch(/bias: input-order Kendall tau n\/a \(one run\); rank vs annotation count \(Spearman\) (-?\d\.\d\d|n\/a)/);
    expect(r.out).toMatch(/1 request\(s\) sent to ollama; --json shows each payload exactly as sent\./);
    expect(server.requests).toHaveLength(1);
  });
});

describe('odyssey rank: bad agent options', () => {
  it('refuses a chunk of one gene', async () => {
    await expectUserError(['rank', '--hpo', HPO, '--ranker', 'onnx', '--chunk', '1'], /chunk size must be a whole number of at least 2, not 1/, /--chunk 20/);
  });

  it('refuses advancing more than half a chunk', async () => {
    await expectUserError(['rank', '--hpo', HPO, '--ranker', 'llm', '--provider', 'ollama', '--model', 'm', '--advance', '15', '--chunk', '20'], /between 1 and half the chunk size \(10\), not 15/, /--advance 5 with --chunk 20/);
  });

  it('refuses --model without --provider', async () => {
    await expectUserError(['rank', '--hpo', HPO, '--ranker', 'llm', '--model', 'm'], /--model and --base-url need --provider/, /--provider ollama/);
  });

  it('asks for a provider for the llm ranker', async () => {
    await expectUserError(['rank', '--hpo', HPO, '--ranker', 'llm'], /need an LLM provider/, /Pass --provider/);
  });
});

describe('odyssey rank --ranker onnx --chunk', () => {
  it('switches the ONNX ranker to divide-and-conquer', async () => {
    const r = await runCli('rank', '--hpo', HPO, '--genes', GENES, '--ranker', 'onnx', '--chunk', '4', '--advance', '2', '--json');
    expect(r.code, r.err).toBe(0);
    const out = JSON.parse(r.out) as RankJson;
    expect(out.ranker.name).toBe('onnx-dc');
    expect(out.agent).toMatchObject({ agent: 'onnx', plannedCalls: 18, poolSize: 10, payloads: [] });
    expect(out.agent.usage.calls).toBe(18);
  });
});
