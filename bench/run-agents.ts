// Issue 6's agent benchmarks: divide-and-conquer with the ONNX agent against ranking all at once
// in candidate sets of 100; the LLM pipeline's overhead per model call, its call count on a
// 1,000-gene set and how fast it cancels, against an instant local OpenAI-compatible server.
// `node dist/bench/run-agents.js [--limit N] [--skip-sets]`
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadRanker } from '../core/agents/rankers.js';
import { plannedCalls } from '../core/agents/ranker/tournament.js';
import { runBenchmark } from '../core/benchmark/run-benchmark.js';
import { toBenchCase } from '../core/benchmark/bench-case.js';
import { readCases, type CaseItem } from '../core/cases/sources.js';
import { requireDataFile } from '../core/data/installed.js';
import { loadKnowledgeBase } from '../core/genes/kb/load.js';
import { prepareQuery } from '../core/genes/ranking/prepare-query.js';
import { median, quantile } from '../core/util/stats.js';
import { sample, seededRandom } from '../core/util/random.js';
import { startEchoServer } from './echo-llm-server.js';

const args = process.argv.slice(2);
const limitArg = args.indexOf('--limit');
const limit = limitArg >= 0 ? Number(args[limitArg + 1]) : undefined;
const { kb } = await loadKnowledgeBase();
const items: CaseItem[] = [];
for await (const it of readCases(requireDataFile('cases'))) items.push(it);
const all = () => (async function* () { yield* items; })();
const out: Record<string, unknown> = {};
const f = (x: number): string => `${(100 * x).toFixed(1)}%`;

if (!args.includes('--skip-sets')) {
  for (const [name, options] of [['onnx', {}], ['onnx-dc', { dc: { chunkSize: 20, advance: 5, repetitions: 3 } }]] as const) {
    process.stderr.write(`${name}: candidate sets of 100\n`);
    const ranker = await loadRanker(name, kb, options);
    const r = await runBenchmark(kb, ranker, all(), { candidates: 100, seed: 1, ...(limit ? { limit } : {}) });
    out[`${name}Sets100`] = r;
    console.log(`${name} sets of 100: top1 ${f(r.top1)} top3 ${f(r.top3)} top10 ${f(r.top10)} mrr ${r.mrr} | ${r.msPerCase.median} ms/case${r.agents ? ` | ${r.agents.callsPerCase.median} calls/case` : ''}`);
    if (r.agents) console.log(`  solvability ${JSON.stringify(r.agents.solvability)} tau ${r.agents.medianOrderKendallTau} popularity ${r.agents.medianPopularityCorrelation}`);
  }
}

// 1,000-gene candidate sets: the causal gene and 999 seeded decoys, for 15 cases.
const random = seededRandom(6);
const cases = sample(
  items.flatMap((it) => {
    if (!it.case) return [];
    const bc = toBenchCase(kb, it.case);
    return 'skip' in bc || bc.truthGenes.length === 0 ? [] : [bc];
  }),
  15,
  random,
);
const genes = kb.genes.map((g) => g.symbol);
const home = mkdtempSync(join(tmpdir(), 'odyssey-bench-agents-'));
const echo = await startEchoServer('echo');
const llm = { provider: 'ollama', overrides: { model: 'bench', baseURL: echo.url, concurrency: 4 }, home, cacheMode: 'off' as const, tools: false };
const dc = { chunkSize: 20, advance: 5, repetitions: 3 };
const overhead: { calls: number; planned: number; wallMs: number; msPerCall: number }[] = [];
const ranker = await loadRanker('llm', kb, { llm, dc });
// One untimed run first: the first calls pay for JIT compilation and connection set-up.
await ranker.score(prepareQuery(kb, { ...cases[0]!.query, candidates: genes.slice(0, 1000) }));
for (const bc of cases) {
  const candidates = [bc.truthGenes[0]!, ...sample(genes.filter((g) => g !== bc.truthGenes[0]), 999, random)];
  const query = prepareQuery(kb, { ...bc.query, candidates });
  const t0 = performance.now();
  const scores = await ranker.score(query);
  const wallMs = performance.now() - t0;
  const a = scores.agent!;
  overhead.push({ calls: a.usage.calls, planned: a.plannedCalls, wallMs, msPerCall: wallMs / a.usage.calls });
}
await echo.close();
out.thousandGenes = {
  cases: overhead.length,
  formulaCalls: plannedCalls(1000, dc) * dc.repetitions,
  calls: median(overhead.map((o) => o.calls)),
  wallMsMedian: Math.round(median(overhead.map((o) => o.wallMs))),
  msPerCallMedian: Math.round(median(overhead.map((o) => o.msPerCall)) * 100) / 100,
  msPerCallP95: Math.round(quantile(overhead.map((o) => o.msPerCall), 0.95) * 100) / 100,
  note: 'Instant local server in the same process on 127.0.0.1, concurrency 4: wall time per call covers the pipeline (prompt building, HTTP both ways, the server parsing and replying, validation, tournament, aggregation, verification), with no model time.',
};
console.log('1,000 genes, chunk 20, R = 3:', JSON.stringify(out.thousandGenes));

// Cancellation: a server that never answers; abort 300 ms in and time how long the run takes to stop.
const hang = await startEchoServer('hang');
const cancelMs: number[] = [];
for (const bc of cases.slice(0, 5)) {
  const candidates = [bc.truthGenes[0]!, ...sample(genes.filter((g) => g !== bc.truthGenes[0]), 999, random)];
  const query = prepareQuery(kb, { ...bc.query, candidates });
  const ranker = await loadRanker('llm', kb, { llm: { ...llm, overrides: { ...llm.overrides, baseURL: hang.url, timeoutMs: 60_000 } }, dc });
  const controller = new AbortController();
  const run = ranker.score(query, controller.signal).then(
    () => 'finished',
    (e: Error) => e.name,
  );
  await new Promise((r) => setTimeout(r, 300));
  const t0 = performance.now();
  controller.abort();
  const how = await run;
  cancelMs.push(performance.now() - t0);
  if (how !== 'AbortError') console.log(`  cancel ended with ${how}`);
}
await hang.close();
out.cancel = { runs: cancelMs.length, medianMs: Math.round(median(cancelMs) * 10) / 10, maxMs: Math.round(Math.max(...cancelMs) * 10) / 10 };
console.log('cancel after abort:', JSON.stringify(out.cancel));

mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/agents.json', JSON.stringify(out, null, 2));
