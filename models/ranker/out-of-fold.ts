// The ONNX ranker out of fold, exactly as the product runs it: every dev case is ranked by the
// fold model that never saw its gene cohort (written by `train.js --fold-models DIR`), through
// OnnxRanker itself: genome-wide, and in the benchmark's seeded candidate sets of 100 (seed 1),
// where the model re-orders the set's best genes as it does in `odyssey rank --genes`. Also fits the
// one weight with which the gene verdict moves the disease list (onnx-ranker/disease-scores.ts):
// chosen on folds 1-4, reported on the held-out fold 0 and on all cases.
// Run: node dist/models/ranker/out-of-fold.js --folds DIR [--every N] [--weights a,b,...]
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { diseaseGeneIndex, shiftDiseaseScores } from '../../core/agents/onnx-ranker/disease-scores.js';
import { OnnxRanker } from '../../core/agents/onnx-ranker/onnx-ranker.js';
import { rankMetrics, worstTiedRank, type RankMetrics } from '../../core/benchmark/metrics.js';
import { candidateSet } from '../../core/benchmark/run-benchmark.js';
import { requireDataFile } from '../../core/data/installed.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { prepareQuery } from '../../core/genes/ranking/prepare-query.js';
import { FOLDS, HELD_OUT_FOLD, loadDevCases, sample } from '../journey/dev-cases.js';

const { values: a } = parseArgs({ options: { folds: { type: 'string' }, every: { type: 'string' }, weights: { type: 'string' } } });
if (!a.folds) throw new Error('--folds DIR is required (the fold models from train.js --fold-models DIR)');
const weights = (a.weights ?? '0,0.25,0.5,0.75,1,1.5,2,3').split(',').map(Number);

const { kb } = await loadKnowledgeBase();
const models = await Promise.all(Array.from({ length: FOLDS }, (_, f) => OnnxRanker.load(kb, join(a.folds!, `fold-${f}`), 0)));
const diseaseGenes = diseaseGeneIndex(kb);
const { cases: all } = await loadDevCases(kb, requireDataFile('cases'));
const cases = sample(all, Number(a.every ?? 1));

const geneRanks: number[] = [];
const setRanks: number[] = [];
const independent: boolean[] = [];
const diseaseRanks = weights.map(() => [] as number[]);
const folds: number[] = [];
const best = (ranks: number[]): number => Math.min(Infinity, ...ranks);
for (const [i, c] of cases.entries()) {
  const model = models[c.fold]!;
  const truthGenes = c.truthGenes.map((s) => kb.geneIndex(s)!);
  const q = prepareQuery(kb, c.query);
  const v = await model.verdict(q);
  const genes = (await model.score(q)).genes;
  geneRanks.push(best(truthGenes.map((g) => worstTiedRank(genes, g))));
  const set = candidateSet(kb.genes.length, truthGenes, 100, 1, c.id);
  const inSet = (await model.score({ ...q, candidateGenes: set })).genes;
  setRanks.push(best(truthGenes.map((g) => worstTiedRank(inSet, g, set))));
  weights.forEach((w, k) => {
    const d = shiftDiseaseScores(v.knowledge.diseases, diseaseGenes, v, w);
    diseaseRanks[k]!.push(best(c.truth.map((t) => worstTiedRank(d, t))));
  });
  folds.push(c.fold);
  independent.push(!c.literatureOverlap);
  if (i % 1000 === 999) process.stderr.write(`  ${i + 1}/${cases.length}\n`);
}

const where = (ranks: number[], keep: (i: number) => boolean): RankMetrics => rankMetrics(ranks.filter((_, i) => keep(i)));
const strata = (ranks: number[]) => ({ all: rankMetrics(ranks), independent: where(ranks, (i) => independent[i]!), heldOutFold: where(ranks, (i) => folds[i] === HELD_OUT_FOLD) });
const disease = weights.map((w, k) => ({ weight: w, fit: where(diseaseRanks[k]!, (i) => folds[i] !== HELD_OUT_FOLD), ...strata(diseaseRanks[k]!) }));
const chosen = disease.reduce((b, r) => (r.fit.top1 + r.fit.top10 > b.fit.top1 + b.fit.top10 ? r : b));
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
process.stderr.write(`genes genome-wide: top1 ${pct(rankMetrics(geneRanks).top1)} top10 ${pct(rankMetrics(geneRanks).top10)}; sets of 100: top1 ${pct(rankMetrics(setRanks).top1)}\n`);
for (const r of disease) process.stderr.write(`disease weight ${r.weight}: fit ${pct(r.fit.top1)} / ${pct(r.fit.top10)} | held-out ${pct(r.heldOutFold.top1)} / ${pct(r.heldOutFold.top10)} | all ${pct(r.all.top1)} / ${pct(r.all.top10)}\n`);
process.stdout.write(`${JSON.stringify({ cases: cases.length, genes: strata(geneRanks), candidates100: strata(setRanks), disease, chosenWeight: chosen.weight })}\n`);
