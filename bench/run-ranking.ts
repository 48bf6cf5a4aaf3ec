// Issue 3's benchmark: Odyssey's knowledge ranker beside the plain Resnik reference on the same
// dev cases in the same run, genome-wide and in candidate sets, plus load time and memory.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readCases, type CaseItem } from '../core/cases/sources.js';
import { requireDataFile } from '../core/data/installed.js';
import { runBenchmark } from '../core/benchmark/run-benchmark.js';
import { loadKnowledgeBase } from '../core/genes/kb/load.js';
import { createRanker } from '../core/genes/ranking/registry.js';
import { median } from '../core/util/stats.js';

const { kb } = await loadKnowledgeBase();
const items: CaseItem[] = [];
for await (const it of readCases(requireDataFile('cases'))) items.push(it);
const all = () => (async function* () { yield* items; })();
// Parameters were explored on every 3rd case; the other two thirds were never looked at then.
const untouched = () => (async function* () { yield* items.filter((_, i) => i % 3 !== 0); })();

const out: Record<string, unknown> = {};
for (const name of ['resnik', 'knowledge']) {
  const ranker = createRanker(name, kb);
  const r: Record<string, unknown> = {};
  process.stderr.write(`${name}: gene\n`);
  r.gene = await runBenchmark(kb, ranker, all());
  process.stderr.write(`${name}: disease\n`);
  r.disease = await runBenchmark(kb, ranker, all(), { level: 'disease' });
  process.stderr.write(`${name}: candidates\n`);
  r.candidates10 = await runBenchmark(kb, ranker, all(), { candidates: 10, seed: 1 });
  r.candidates100 = await runBenchmark(kb, ranker, all(), { candidates: 100, seed: 1 });
  r.geneUntouched = await runBenchmark(kb, ranker, untouched());
  out[name] = r;
}

const probe = fileURLToPath(new URL('./load-kb-probe.js', import.meta.url));
const probes = Array.from({ length: 5 }, () => JSON.parse(spawnSync(process.execPath, [probe], { encoding: 'utf8' }).stdout) as { loadMs: number; rankerMs: number; maxRssMb: number; from: string });
out.load = {
  kbFromCacheMs: median(probes.map((p) => p.loadMs)),
  rankerIndexMs: median(probes.map((p) => p.rankerMs)),
  peakRssMbLoadAndRank: median(probes.map((p) => p.maxRssMb)),
  runs: probes.length,
};
const rank = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, fileURLToPath(new URL('../../bin/odyssey.js', import.meta.url)), 'rank', '--hpo', 'HP:0001250,HP:0001263,HP:0000252', '--json'], { encoding: 'utf8' });
out.odysseyRankPeakRssMb = rank.status === 0 ? Number(rank.stderr.trim().split('\n').pop()) / 1024 : null;
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/ranking.json', JSON.stringify(out, null, 2));
const f = (x: number): string => `${(100 * x).toFixed(1)}%`;
for (const name of ['resnik', 'knowledge']) {
  const r = out[name] as Record<string, { top1: number; top10: number; top50: number; mrr: number; msPerCase: { median: number }; strata: { literature: { independent: { top1: number } } } }>;
  console.log(`${name}: gene top1 ${f(r.gene!.top1)} top10 ${f(r.gene!.top10)} top50 ${f(r.gene!.top50)} mrr ${r.gene!.mrr} ind top1 ${f(r.gene!.strata.literature.independent.top1)} | disease top1 ${f(r.disease!.top1)} top10 ${f(r.disease!.top10)} | c10 ${f(r.candidates10!.top1)} c100 ${f(r.candidates100!.top1)} | untouched top1 ${f(r.geneUntouched!.top1)} | ${r.gene!.msPerCase.median} ms`);
}
console.log(JSON.stringify(out.load), out.odysseyRankPeakRssMb);
