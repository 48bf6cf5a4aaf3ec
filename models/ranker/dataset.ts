import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { readCases, type CaseItem } from '../../core/cases/sources.js';
import { requireDataFile } from '../../core/data/installed.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { KNOWLEDGE_RANKER, PhenotypeRanker, RESNIK_RANKER } from '../../core/genes/ranking/phenotype-ranker.js';
import { toBenchCase } from '../../core/benchmark/bench-case.js';
import { isOdysseyError } from '../../core/errors.js';
import type { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import { prepareQuery } from '../../core/genes/ranking/prepare-query.js';
import { worstTiedRank } from '../../core/benchmark/metrics.js';
import { candidateFeatures, FEATURE_NAMES, selectColumns } from '../../core/agents/onnx-ranker/features.js';
import type { RankingExample } from '../../core/agents/onnx-ranker/mlp.js';
import { seededRandom } from '../../core/util/random.js';

/** How many of the knowledge ranker's best genes the model re-orders. */
export const LIST_SIZE = 50;

export interface CaseRow extends RankingExample {
  id: string;
  /** The phenopacket-store gene cohort (folder) the case comes from: the unit of cross-validation. */
  cohort: string;
  independent: boolean;
  /** Genome-wide knowledge rank of the causal gene (worst tie), for cases whose gene is outside the list. */
  knowledgeRank: number;
}

export function cohortOf(source: string | undefined): string {
  return /notebooks\/([^/]+)\//.exec(source ?? '')?.[1] ?? source ?? 'unknown';
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * One row per solved case: features of the knowledge ranker's top `k` genes (or of a seeded
 * candidate set of `candidates` genes) and where the causal gene sits among them (-1: not there).
 */
export function buildRows(kb: KnowledgeBase, knowledge: PhenotypeRanker, resnik: PhenotypeRanker, items: readonly CaseItem[], k: number, candidates?: number): CaseRow[] {
  const rows: CaseRow[] = [];
  for (const item of items) {
    if (!item.case) continue;
    const bc = toBenchCase(kb, item.case);
    if ('skip' in bc) continue;
    let q;
    try {
      q = prepareQuery(kb, bc.query);
    } catch (e) {
      if (isOdysseyError(e)) continue;
      throw e;
    }
    const truth = bc.truthGenes.map((s) => kb.geneIndex(s)!);
    if (candidates) {
      const random = seededRandom(fnv(`1:${bc.id}`));
      const set = new Set(truth.slice(0, 1));
      while (set.size < candidates) set.add(Math.floor(random() * kb.genes.length));
      q.candidateGenes = Array.from(set);
    }
    const ks = knowledge.scoreNow(q);
    const rs = resnik.scoreNow(q);
    const f = candidateFeatures(kb, knowledge, q, ks, rs, k);
    const target = f.genes.findIndex((g) => truth.includes(g));
    let knowledgeRank = Infinity;
    for (const t of truth) knowledgeRank = Math.min(knowledgeRank, worstTiedRank(ks.genes, t, q.candidateGenes));
    rows.push({ id: bc.id, cohort: cohortOf(item.source), independent: !bc.literatureOverlap, x: f.x, candidates: f.genes.length, target, knowledgeRank });
  }
  return rows;
}

/** Keeps the named feature columns of rows computed with `from`. */
function projectColumns(rows: CaseRow[], from: readonly string[]): CaseRow[] {
  const cols = FEATURE_NAMES.map((n) => from.indexOf(n));
  return rows.map((r) => ({ ...r, x: selectColumns(r.x, r.candidates, cols, from.length) }));
}

/**
 * Feature rows of every dev case, genome-wide (top LIST_SIZE) and in seeded candidate sets of 100
 * (the benchmark's sets). They take many minutes to compute, so they are cached (git-ignored)
 * under models/build/, keyed by the list size, data versions and knowledge ranker; a cache
 * computed with more features than the current ones serves by keeping the current columns.
 */
export async function loadRows(): Promise<{ kb: KnowledgeBase; rows: CaseRow[]; rows100: CaseRow[] }> {
  const { kb } = await loadKnowledgeBase();
  const key = createHash('sha256').update(JSON.stringify([LIST_SIZE, kb.versions, KNOWLEDGE_RANKER])).digest('hex').slice(0, 12);
  const dir = fileURLToPath(new URL('../../../models/build/', import.meta.url));
  const names = createHash('sha256').update(FEATURE_NAMES.join(',')).digest('hex').slice(0, 8);
  for (const file of existsSync(dir) ? readdirSync(dir).sort() : []) {
    if (!file.startsWith(`ranker-rows-${key}-`) || !file.endsWith('.v9')) continue;
    const cached = deserialize(readFileSync(join(dir, file))) as { features: string[]; rows: CaseRow[]; rows100: CaseRow[] };
    if (!FEATURE_NAMES.every((n) => cached.features.includes(n))) continue;
    return { kb, rows: projectColumns(cached.rows, cached.features), rows100: projectColumns(cached.rows100, cached.features) };
  }
  const knowledge = new PhenotypeRanker(kb, KNOWLEDGE_RANKER);
  const resnik = new PhenotypeRanker(kb, RESNIK_RANKER);
  const items: CaseItem[] = [];
  for await (const it of readCases(requireDataFile('cases'))) items.push(it);
  process.stderr.write(`features: genome-wide top ${LIST_SIZE}\n`);
  const rows = buildRows(kb, knowledge, resnik, items, LIST_SIZE);
  process.stderr.write('features: candidate sets of 100\n');
  const rows100 = buildRows(kb, knowledge, resnik, items, 100, 100);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `ranker-rows-${key}-${names}.v9`), serialize({ features: [...FEATURE_NAMES], rows, rows100 }));
  return { kb, rows, rows100 };
}
