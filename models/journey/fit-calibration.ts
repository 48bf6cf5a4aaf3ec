// Fits the journey calibration on the dev cases outside the held-out cohort fold and writes
// models/journey/calibration.json (small, committed). Deterministic: fixed folds, fixed order.
// Run: npm run build && node dist/models/journey/fit-calibration.js [--every N] [--source-folds DIR]
// (--source-folds: the ONNX fold models of `train.js --fold-models DIR`, the hypotheses the app uses)
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KNOWLEDGE_ENGINE_PARAMS, KnowledgeJourneyEngine } from '../../core/agents/journey/knowledge-engine.js';
import { BUDGETS } from '../../core/agents/journey/schema.js';
import type { Calibration } from '../../core/agents/journey/calibration.js';
import { requireDataFile } from '../../core/data/installed.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { collectRows, fitBudget, measureRecordRate } from './calibration-fit.js';
import { caseSource } from './case-source.js';
import { FOLDS, HELD_OUT_FOLD, loadDevCases, sample } from './dev-cases.js';

/**
 * Below this leader probability the journey says "insufficient evidence"; set, not fitted. At 0.3
 * most journeys whose disease is missing from the knowledge base end there, and a known disease's
 * journey that does is led by the right disease about 1 time in 7 (bench/RESULTS.md, issue 7).
 */
const INSUFFICIENT_BELOW = 0.3;

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const every = Number(arg('--every') ?? 1);
const { kb } = await loadKnowledgeBase();
// The product takes its hypotheses from the ONNX ranker; the fit sees that ranker out of fold.
const source = await caseSource(kb, arg('--source-folds'));
const { cases } = await loadDevCases(kb, requireDataFile('cases'));
const fitCases = sample(cases.filter((c) => c.fold !== HELD_OUT_FOLD), every);
const record = measureRecordRate(kb, fitCases, KNOWLEDGE_ENGINE_PARAMS.hallmarkFrequency, KNOWLEDGE_ENGINE_PARAMS.hallmarkIc);
process.stderr.write(`record rate ${record.rate.toFixed(3)} from ${record.hallmarks} hallmarks of ${fitCases.length} cases\n`);
const provisional: Calibration = {
  format: 1,
  budgets: { quick: { temperature: 1, platt: [1, 0, 0] }, standard: { temperature: 1, platt: [1, 0, 0] }, deep: { temperature: 1, platt: [1, 0, 0] } },
  recordRate: record.rate,
  insufficientBelow: INSUFFICIENT_BELOW,
  fit: {},
};
const engine = new KnowledgeJourneyEngine(kb, { calibration: provisional });
const budgets = {} as Calibration['budgets'];
const losses: Record<string, number> = {};
for (const budget of BUDGETS) {
  const rows = await collectRows(engine, fitCases, budget, source);
  const { logLoss, ...fit } = fitBudget(rows);
  budgets[budget] = fit;
  losses[budget] = logLoss;
  process.stderr.write(`${budget}: T ${fit.temperature}, platt ${fit.platt.join(', ')}, log loss ${logLoss}\n`);
}
const body = { budgets, recordRate: Math.round(record.rate * 1e4) / 1e4, insufficientBelow: INSUFFICIENT_BELOW };
const id = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12);
const out: Calibration = {
  format: 1,
  ...body,
  fit: {
    id,
    cases: fitCases.length,
    every,
    folds: FOLDS,
    heldOutFold: HELD_OUT_FOLD,
    split: 'gene cohort (phenopacket-store folder), FNV-1a hash mod 5; fitted on folds other than the held-out one',
    hallmarks: record.hallmarks,
    source: source.name,
    logLoss: losses,
    engineParams: KNOWLEDGE_ENGINE_PARAMS,
    versions: kb.versions,
  },
};
const path = fileURLToPath(new URL('../../../models/journey/calibration.json', import.meta.url));
writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
process.stdout.write(`wrote ${path} (${id})\n`);
