// Parameter exploration for the knowledge ranker on every 3rd dev case (stride in argv[3]):
// node dist/bench/tune-knowledge.js '[["label", {"sizePenalty": 0.5}]]'. Parameters stay global.
import { loadKnowledgeBase } from '../core/genes/kb/load.js';
import { PhenotypeRanker, KNOWLEDGE_RANKER, type PhenotypeRankerConfig } from '../core/genes/ranking/phenotype-ranker.js';
import { readCases, type CaseItem } from '../core/cases/sources.js';
import { requireDataFile } from '../core/data/installed.js';
import { runBenchmark } from '../core/benchmark/run-benchmark.js';

const { kb } = await loadKnowledgeBase();
const items: CaseItem[] = [];
const stride = Number(process.argv[3] ?? 3);
let i = 0;
for await (const it of readCases(requireDataFile('cases'))) if (i++ % stride === 0) items.push(it);
const gen = () => (async function* () { yield* items; })();
const grid = JSON.parse(process.argv[2] ?? '[]') as [string, Partial<PhenotypeRankerConfig['scoring']> & { geneShare?: number }][];
for (const [label, p] of [['current', {}] as [string, object], ...grid]) {
  const { geneShare, onsetPenalty, ...scoring } = p as { geneShare?: number; onsetPenalty?: number };
  const cfg = { ...KNOWLEDGE_RANKER, scoring: { ...KNOWLEDGE_RANKER.scoring, ...scoring }, geneShare: geneShare ?? KNOWLEDGE_RANKER.geneShare, onsetPenalty: onsetPenalty ?? KNOWLEDGE_RANKER.onsetPenalty };
  const r = new PhenotypeRanker(kb, cfg);
  const g = await runBenchmark(kb, r, gen());
  const d = await runBenchmark(kb, r, gen(), { level: 'disease' });
  const c = await runBenchmark(kb, r, gen(), { candidates: 100, seed: 1 });
  const f = (x: number) => (100 * x).toFixed(1);
  console.log(`${label.padEnd(30)} g1 ${f(g.top1)} g10 ${f(g.top10)} mrr ${g.mrr.toFixed(3)} ind1 ${f(g.strata.literature.independent.top1)} | d1 ${f(d.top1)} d10 ${f(d.top10)} | c100 ${f(c.top1)} c100ind ${f(c.strata.literature.independent.top1)} | ${g.msPerCase.median}ms`);
}
