// Trains the learning-to-rank gene model on the phenopacket-store dev cases, cross-validated by
// gene cohort, and exports it to ONNX (models/ranker/ranker.onnx, small enough to commit).
// Deterministic: fixed seeds, fixed case order. Run: node dist/models/ranker/train.js
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { readCases, type CaseItem } from '../../core/cases/sources.js';
import { requireDataFile } from '../../core/data/installed.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { KNOWLEDGE_RANKER, PhenotypeRanker, RESNIK_RANKER } from '../../core/genes/ranking/phenotype-ranker.js';
import { FEATURE_NAMES, FEATURE_COUNT } from '../../core/agents/onnx-ranker/features.js';
import { forward, train, type TrainOptions } from '../../core/agents/onnx-ranker/mlp.js';
import { rankMetrics } from '../../core/benchmark/metrics.js';
import { buildRows, type CaseRow } from './dataset.js';
import { mlpToOnnx } from './export.js';

export const LIST_SIZE = 50;
const FOLDS = 5;
const OPTIONS: TrainOptions = { hidden: 32, epochs: 20, learningRate: 0.003, l2: 1e-4, seed: 7 };

function fold(cohort: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < cohort.length; i++) h = Math.imul(h ^ cohort.charCodeAt(i), 0x01000193);
  return (h >>> 0) % FOLDS;
}

/** Rank of the causal gene after re-ranking the list (worst tie); outside the list it keeps its knowledge rank. */
function modelRank(row: CaseRow, scores: Float32Array): number {
  if (row.target < 0) return row.knowledgeRank;
  const v = scores[row.target]!;
  let r = 0;
  for (const s of scores) if (s >= v) r++;
  return r;
}

function crossValidate(rows: CaseRow[], label: string, trainRows: CaseRow[]): Record<string, unknown> {
  const model: number[] = [];
  const base: number[] = [];
  const indModel: number[] = [];
  const indBase: number[] = [];
  for (let f = 0; f < FOLDS; f++) {
    const m = train(trainRows.filter((r) => r.target >= 0 && fold(r.cohort) !== f), FEATURE_COUNT, OPTIONS);
    for (const row of rows.filter((r) => fold(r.cohort) === f)) {
      const rank = modelRank(row, forward(m, row.x, row.candidates));
      model.push(rank);
      base.push(row.knowledgeRank);
      if (row.independent) {
        indModel.push(rank);
        indBase.push(row.knowledgeRank);
      }
    }
    process.stderr.write(`  ${label}: fold ${f + 1}/${FOLDS}\n`);
  }
  return { knowledge: rankMetrics(base), onnx: rankMetrics(model), independent: { knowledge: rankMetrics(indBase), onnx: rankMetrics(indModel) } };
}

const { kb } = await loadKnowledgeBase();
const knowledge = new PhenotypeRanker(kb, KNOWLEDGE_RANKER);
const resnik = new PhenotypeRanker(kb, RESNIK_RANKER);
const items: CaseItem[] = [];
for await (const it of readCases(requireDataFile('cases'))) items.push(it);
// Feature rows take minutes to compute; they are cached (git-ignored) by what determines them.
const cacheKey = createHash('sha256').update(JSON.stringify([FEATURE_NAMES, LIST_SIZE, kb.versions, KNOWLEDGE_RANKER])).digest('hex').slice(0, 16);
const cachePath = fileURLToPath(new URL(`../../../models/build/ranker-rows-${cacheKey}.v8`, import.meta.url));
let rows: CaseRow[];
let rows100: CaseRow[];
if (existsSync(cachePath)) {
  [rows, rows100] = deserialize(readFileSync(cachePath)) as [CaseRow[], CaseRow[]];
} else {
  process.stderr.write(`features: genome-wide top ${LIST_SIZE}\n`);
  rows = buildRows(kb, knowledge, resnik, items, LIST_SIZE);
  process.stderr.write('features: candidate sets of 100\n');
  rows100 = buildRows(kb, knowledge, resnik, items, 100, 100);
  mkdirSync(dirname(cachePath), { recursive: true });
  writeFileSync(cachePath, serialize([rows, rows100]));
}
const cv = { genomeWide: crossValidate(rows, 'genome-wide', rows), candidates100: crossValidate(rows100, 'candidates 100', rows) };
const final = train(rows.filter((r) => r.target >= 0), FEATURE_COUNT, OPTIONS);
const onnx = mlpToOnnx(final, { features: FEATURE_NAMES.join(','), listSize: String(LIST_SIZE) });
const dir = fileURLToPath(new URL('../../../models/ranker/', import.meta.url));
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}ranker.onnx`, onnx);
const meta = {
  name: 'ranker',
  format: 1,
  onnx: 'ranker.onnx',
  sha256: createHash('sha256').update(onnx).digest('hex'),
  features: FEATURE_NAMES,
  listSize: LIST_SIZE,
  training: { cases: rows.length, usedCases: rows.filter((r) => r.target >= 0).length, options: OPTIONS, folds: FOLDS, knowledgeRanker: `${KNOWLEDGE_RANKER.name} v${KNOWLEDGE_RANKER.version}`, versions: kb.versions },
  crossValidation: cv,
};
writeFileSync(`${dir}ranker.json`, `${JSON.stringify(meta, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(cv, null, 2)}\n`);
