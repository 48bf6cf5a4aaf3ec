// Issue 7's benchmark: the journey-style differential (knowledge engine) on the dev cases.
// Disease-level accuracy of the ranker against the journey at each budget, calibration of the
// top-1 probability on held-out cohorts, next-step questions against random reveals, honesty
// when the true disease is missing, and time per case.
// Run: npm run build && node dist/bench/run-ddx.js [--every N] [--sections a,b] [--budgets a,b]
//      [--next-steps-every N] [--set param=value,...] [--source-folds DIR]
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadCalibration, type Calibration } from '../core/agents/journey/calibration.js';
import { KnowledgeJourneyEngine, type KnowledgeEngineParams } from '../core/agents/journey/knowledge-engine.js';
import { BUDGETS, type Budget } from '../core/agents/journey/schema.js';
import { confidenceOf } from '../core/agents/journey/conclusion.js';
import { rankMetrics, timing, worstTiedRank } from '../core/benchmark/metrics.js';
import { requireDataFile } from '../core/data/installed.js';
import { loadKnowledgeBase } from '../core/genes/kb/load.js';
import { prepareQuery } from '../core/genes/ranking/prepare-query.js';
import { collectRows, fitBudget, isCorrect, rowOf, topProbability, type JourneyRow } from '../models/journey/calibration-fit.js';
import { FOLDS, HELD_OUT_FOLD, loadDevCases, sample } from '../models/journey/dev-cases.js';
import { reliability } from '../models/journey/reliability.js';
import { OnnxRanker } from '../core/agents/onnx-ranker/onnx-ranker.js';
import { caseSource } from '../models/journey/case-source.js';
import { journeyRank } from './ddx-eval.js';
import { nextStepExperiment } from './ddx-next-steps.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const every = Number(arg('--every') ?? 1);
const sections = (arg('--sections') ?? 'accuracy,calibration,honesty,next-steps,speed').split(',');
const budgets = (arg('--budgets') ?? BUDGETS.join(',')).split(',') as Budget[];
const overrides: Partial<KnowledgeEngineParams> = Object.fromEntries((arg('--set') ?? '').split(',').filter(Boolean).map((kv) => [kv.split('=')[0], Number(kv.split('=')[1])]));

const { kb } = await loadKnowledgeBase();
const calibration: Calibration = loadCalibration();
const engine = new KnowledgeJourneyEngine(kb, { calibration, params: overrides });
// --source-folds DIR: hypotheses from the ONNX ranker, each case scored by the fold model that never saw its cohort.
const source = await caseSource(kb, arg('--source-folds'));
const { cases: all, skipped } = await loadDevCases(kb, requireDataFile('cases'));
const cases = sample(all, every);
const out: Record<string, unknown> = { cases: cases.length, skipped, every, params: engine.params, calibration: calibration.fit.id, source: source.name };
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
const log = (s: string): void => void process.stderr.write(`${s}\n`);

/** Per budget, every case's journey reduced to what calibration and honesty need. */
const rowsByBudget = new Map<Budget, JourneyRow[]>();

if (sections.includes('accuracy')) {
  const rankerRanks: number[] = [];
  const independent: boolean[] = [];
  for (const c of cases) {
    const scores = (await source.scores(c)) ?? engine.ranker.scoreNow(prepareQuery(kb, c.query)).diseases;
    rankerRanks.push(Math.min(Infinity, ...c.truth.map((d) => worstTiedRank(scores, d))));
    independent.push(!c.literatureOverlap);
  }
  const acc: Record<string, unknown> = { ranker: rankerMetrics(rankerRanks, independent) };
  for (const budget of budgets) {
    const ranks: number[] = [];
    const rows: JourneyRow[] = [];
    let tested = 0;
    for (const c of cases) {
      const diseaseScores = await source.scores(c);
      const r = engine.deliberate({ query: c.query, ...(diseaseScores ? { diseaseScores } : {}) }, { budget });
      ranks.push(journeyRank(r, c.truth));
      rows.push(rowOf(r, c));
      tested += r.tested.length;
    }
    rowsByBudget.set(budget, rows);
    acc[budget] = { ...rankerMetrics(ranks, independent), meanTested: Math.round((10 * tested) / cases.length) / 10 };
    log(`accuracy ${budget}: top1 ${pct(rankMetrics(ranks).top1)} top10 ${pct(rankMetrics(ranks).top10)}`);
  }
  log(`accuracy ranker: top1 ${pct(rankMetrics(rankerRanks).top1)} top10 ${pct(rankMetrics(rankerRanks).top10)}`);
  out.accuracy = acc;
}

function rankerMetrics(ranks: number[], independent: boolean[]): Record<string, unknown> {
  return { ...rankMetrics(ranks), independent: rankMetrics(ranks.filter((_, i) => independent[i])) };
}

const rowsFor = async (budget: Budget): Promise<JourneyRow[]> => rowsByBudget.get(budget) ?? rowsByBudget.set(budget, await collectRows(engine, cases, budget, source)).get(budget)!;

if (sections.includes('calibration')) {
  const cal: Record<string, unknown> = {};
  for (const budget of budgets) {
    const rows = await rowsFor(budget);
    const held = rows.filter((r) => r.fold === HELD_OUT_FOLD);
    const pHeld = held.map((r) => topProbability(r, calibration.budgets[budget]));
    // Five-fold cross-validation by cohort: every case's probability from a map fitted without its cohort.
    const cvP: number[] = [];
    const cvY: boolean[] = [];
    for (let f = 0; f < FOLDS; f++) {
      const fit = fitBudget(rows.filter((r) => r.fold !== f));
      for (const r of rows.filter((x) => x.fold === f)) {
        cvP.push(topProbability(r, fit));
        cvY.push(isCorrect(r));
      }
    }
    const heldOut = { cases: held.length, ...reliability(pHeld, held.map(isCorrect)) };
    cal[budget] = { heldOut, crossValidated: { cases: cvP.length, ...reliability(cvP, cvY) } };
    log(`calibration ${budget}: held-out ECE ${heldOut.ece}, 5-fold CV ECE ${reliability(cvP, cvY).ece}`);
  }
  out.calibration = cal;
}

if (sections.includes('honesty')) {
  // Standard budget; the true disease and every disease of its genes are left out (see excludedWithTruth).
  const withTruth = cases.filter((c) => c.truth.length);
  const b = calibration.budgets.standard;
  const levels = (rows: JourneyRow[]): Record<string, number> => {
    const n: Record<string, number> = { insufficient: 0, low: 0, moderate: 0, high: 0 };
    for (const r of rows) n[confidenceOf(topProbability(r, b), calibration.insufficientBelow)]!++;
    return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, Math.round((1e4 * v) / Math.max(1, rows.length)) / 1e4]));
  };
  const missing = await collectRows(engine, withTruth, 'standard', source, true);
  const present = (await rowsFor('standard')).filter((r) => r.truth.length);
  const accuracyBy = (rows: JourneyRow[]): Record<string, number> => {
    const outc: Record<string, number> = {};
    for (const level of ['high', 'moderate', 'low', 'insufficient']) {
      const at = rows.filter((r) => confidenceOf(topProbability(r, b), calibration.insufficientBelow) === level);
      outc[level] = at.length ? Math.round((1e4 * at.filter(isCorrect).length) / at.length) / 1e4 : 0;
    }
    return outc;
  };
  // The trade-off behind the committed threshold: how often each threshold says "insufficient"
  // with the disease missing and with it present, and how often the leader is right when it does.
  const share = (rows: JourneyRow[], t: number): number => Math.round((1e4 * rows.filter((r) => topProbability(r, b) < t).length) / Math.max(1, rows.length)) / 1e4;
  const sweep = [0.2, 0.3, 0.4, 0.5].map((t) => {
    const called = present.filter((r) => topProbability(r, b) < t);
    return { below: t, missingInsufficient: share(missing, t), presentInsufficient: share(present, t), presentTop1WhenInsufficient: Math.round((1e4 * called.filter(isCorrect).length) / Math.max(1, called.length)) / 1e4 };
  });
  out.honesty = { cases: withTruth.length, insufficientBelow: calibration.insufficientBelow, missing: levels(missing), present: levels(present), presentTop1ByConfidence: accuracyBy(present), sweep };
  log(`honesty: ${JSON.stringify(out.honesty)}`);
}

if (sections.includes('next-steps')) {
  const nsEvery = Number(arg('--next-steps-every') ?? 1);
  out.nextSteps = { every: nsEvery, ...(await nextStepExperiment(kb, engine, sample(cases.filter((c) => c.truth.length), nsEvery), 20261125, source)) };
  log(`next steps: ${JSON.stringify(out.nextSteps)}`);
}

if (sections.includes('speed')) {
  const sp: Record<string, unknown> = {};
  const timed = sample(cases, Math.max(1, Math.floor(cases.length / 1000)));
  // As the app runs it: with the ONNX source, the committed model scores the case first.
  const app = arg('--source-folds') ? new KnowledgeJourneyEngine(kb, { calibration, params: overrides, source: await OnnxRanker.load(kb) }) : engine;
  for (const budget of budgets) {
    for (const c of timed.slice(0, 50)) await app.run({ query: c.query }, { budget });
    const ms: number[] = [];
    for (const c of timed) {
      const t0 = performance.now();
      await app.run({ query: c.query }, { budget });
      ms.push(performance.now() - t0);
    }
    sp[budget] = { cases: ms.length, ...timing(ms) };
    log(`speed ${budget}: ${JSON.stringify(sp[budget])}`);
  }
  out.speed = sp;
}

mkdirSync('bench/out', { recursive: true });
writeFileSync(`bench/out/ddx${every > 1 ? `-every${every}` : ''}.json`, JSON.stringify(out, null, 2));
