import type { CaseItem } from '../../core/cases/sources.js';
import { toBenchCase } from '../../core/benchmark/bench-case.js';
import { isOdysseyError } from '../../core/errors.js';
import type { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import type { PhenotypeRanker } from '../../core/genes/ranking/phenotype-ranker.js';
import { prepareQuery } from '../../core/genes/ranking/prepare-query.js';
import { worstTiedRank } from '../../core/benchmark/metrics.js';
import { candidateFeatures } from '../../core/agents/onnx-ranker/features.js';
import type { RankingExample } from '../../core/agents/onnx-ranker/mlp.js';
import { seededRandom } from '../../core/util/random.js';

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
