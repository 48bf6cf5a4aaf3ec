/**
 * `odyssey ddx` as a user runs it, in-process, on the installed knowledge base: a phenopacket,
 * bad input, and a stored case whose journey is kept as an analysis.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { JourneySchema, type Journey } from '../../core/agents/journey/schema.js';
import { openStore } from '../../core/store/store.js';
import { fixture, tempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

const CASE = fixture('cli', 'kcnt1-case.json');
let home: string;
beforeEach(() => {
  home = tempDir('odyssey-ddx-home-');
  process.env.ODYSSEY_HOME = home;
  process.env.ODYSSEY_ACTOR = 'ddx-test';
});

async function userError(args: string[], message: RegExp): Promise<void> {
  const r = await runCli(...args);
  expect(r.code, r.out).toBe(2);
  expect(r.err).toMatch(/^error: /m);
  expect(r.err).toMatch(/^ {2}fix: /m);
  expect(r.err).toMatch(message);
}

describe('odyssey ddx', () => {
  it('prints a readable journey for a phenopacket', async () => {
    const r = await runCli('ddx', '--case', CASE);
    expect(r.code, r.err).toBe(0);
    for (const heading of ['1. Observations', '2. Hypotheses', '3. Testing the leading hypotheses', '4. Reflection and backtracking', '5. Conclusion', '6. Next steps']) expect(r.out).toContain(heading);
    expect(r.out).toMatch(/Engine knowledge v1, budget standard: \d+ hypotheses tested, 2 reflection rounds/);
  });

  it('prints the journey as JSON in the documented shape', async () => {
    const r = await runCli('ddx', '--case', CASE, '--budget', 'quick', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out) as Journey;
    expect(Object.keys(j).slice(0, 5)).toEqual(['differential', 'steps', 'confidence', 'nextSteps', 'versions']);
    expect(JourneySchema.parse(j)).toEqual(j);
    expect(j.budget).toBe('quick');
    expect(j.differential.length).toBeGreaterThan(0);
    expect(j.differential.every((d) => d.probability >= 0 && d.probability <= 1)).toBe(true);
    expect(j.versions).toMatchObject({ hpo: expect.any(String), journey: 'knowledge 1', ranker: expect.stringMatching(/^onnx /) });
    // Hypotheses from the knowledge ranker on request.
    const k = JSON.parse((await runCli('ddx', '--case', CASE, '--budget', 'quick', '--json', '--hypotheses', 'knowledge')).out) as Journey;
    expect(k.versions.ranker).toMatch(/^knowledge /);
    // Ruling out the leader gives another differential without it.
    const first = j.differential[0]!.diseaseId;
    const again = JSON.parse((await runCli('ddx', '--case', CASE, '--budget', 'quick', '--json', '--rule-out', first)).out) as Journey;
    expect(again.differential.map((d) => d.diseaseId)).not.toContain(first);
    expect(again.excludedDiseases).toEqual([first]);
  });

  it('refuses bad input with a clear error and fix', async () => {
    await userError(['ddx'], /Give either --case FILE/);
    await userError(['ddx', '--case', CASE, '--case-id', '1'], /Give either --case FILE/);
    await userError(['ddx', '--case', CASE, '--engine', 'llm'], /llm journey engine needs an LLM provider/);
    await userError(['ddx', '--case', CASE, '--engine', 'oracle'], /--engine must be knowledge or llm/);
    await userError(['ddx', '--case', CASE, '--budget', 'huge'], /--budget must be quick, standard, deep/);
    await userError(['ddx', '--case', CASE, '--hypotheses', 'oracle'], /--hypotheses must be onnx or knowledge/);
    await userError(['ddx', '--case-id', 'seven'], /case number such as 12/);
    await userError(['ddx', '--case-id', '99'], /no case 99/i);
    await userError(['ddx', '--case', fixture('cases', 'malformed-bad-json.json')], /not valid JSON/);
  });

  it('stores the journey with a stored case as an analysis', async () => {
    const add = await runCli('case', 'add', '--label', 'P1', '--sex', 'female', '--hpo', 'HP:0001250,HP:0001263,HP:0000252', '--exclude', 'HP:0000365');
    expect(add.code, add.err).toBe(0);
    const r = await runCli('ddx', '--case-id', '1', '--budget', 'quick', '--json');
    expect(r.code, r.err).toBe(0);
    const printed = JSON.parse(r.out) as Journey & { analysisId: number };
    expect(printed.analysisId).toBe(1);
    const store = openStore({ home, readonly: true });
    try {
      const a = store.analyses.get(printed.analysisId, { result: true })!;
      expect(a.caseId).toBe(1);
      expect(a.parameters).toMatchObject({ differential: { engine: 'knowledge', budget: 'quick' } });
      expect(a.promptVersions).toMatchObject({ journey: 'knowledge 1' });
      const { analysisId, ...journey } = printed;
      void analysisId;
      expect(a.result!.differential).toEqual(journey);
      expect(a.result!.genes.length).toBeGreaterThan(0);
    } finally {
      store.close();
    }
    const human = await runCli('ddx', '--case-id', '1', '--budget', 'quick');
    expect(human.out).toMatch(/Stored as analysis 2;/);
  });
});
