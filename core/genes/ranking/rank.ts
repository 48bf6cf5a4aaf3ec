import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { explainDisease, round } from './explain.js';
import { KNOWLEDGE_RANKER } from './phenotype-ranker.js';
import { prepareQuery } from './prepare-query.js';
import type { PreparedQuery, RankQuery, RankResult, RankedDisease, RankedGene, Ranker } from './types.js';

export interface RankOptions {
  /** How many genes and diseases to return (default 20). */
  top?: number;
  /** How many of them carry a full explanation (default: all returned). */
  explain?: number;
}

/** Indexes with a finite score, best first; ties keep index order so output is stable. */
export function order(scores: Float64Array): number[] {
  const idx: number[] = [];
  for (let i = 0; i < scores.length; i++) if (scores[i]! > -Infinity) idx.push(i);
  return idx.sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/** Competition ranks ("1224"): tied items share the best rank of their group. */
function ranks(sorted: number[], scores: Float64Array): number[] {
  const out: number[] = [];
  sorted.forEach((i, k) => out.push(k > 0 && scores[i] === scores[sorted[k - 1]!] ? out[k - 1]! : k + 1));
  return out;
}

/** Ranks genes and diseases for a query and attaches the evidence for each shown result. */
export async function rankCase(kb: KnowledgeBase, ranker: Ranker, query: RankQuery | PreparedQuery, options: RankOptions & { signal?: AbortSignal } = {}): Promise<RankResult> {
  const prepared = 'warnings' in query ? query : prepareQuery(kb, query);
  const top = options.top ?? 20;
  const explainN = options.explain ?? top;
  const scores = await ranker.score(prepared, options.signal);
  const params = ranker.explanationParams ?? KNOWLEDGE_RANKER.scoring;
  // A gene's best disease is usually in the disease list too: explain each disease once.
  const explained = new Map<number, ReturnType<typeof explainDisease>>();
  const explain = (d: number): ReturnType<typeof explainDisease> => {
    let e = explained.get(d);
    if (!e) explained.set(d, (e = explainDisease(kb, kb.diseases[d]!, prepared, params)));
    return e;
  };

  const geneOrder = order(scores.genes);
  const geneRanks = ranks(geneOrder, scores.genes);
  const genes: RankedGene[] = geneOrder.slice(0, top).map((g, k) => {
    const gene = kb.genes[g]!;
    const diseases = gene.diseases
      .map((id) => ({ id, i: kb.diseaseIndex(id)! }))
      .filter((d) => scores.diseases[d.i]! > -Infinity)
      .sort((a, b) => scores.diseases[b.i]! - scores.diseases[a.i]!)
      .slice(0, 3)
      .map((d) => ({ id: d.id, name: kb.diseases[d.i]!.name, score: round(scores.diseases[d.i]!) }));
    const r: RankedGene = { symbol: gene.symbol, rank: geneRanks[k]!, score: round(scores.genes[g]!), diseases };
    const best = scores.geneBestDisease[g]!;
    if (k < explainN && best >= 0) r.explanation = explain(best);
    return r;
  });

  const diseaseOrder = order(scores.diseases);
  const diseaseRanks = ranks(diseaseOrder, scores.diseases);
  const diseases: RankedDisease[] = diseaseOrder.slice(0, top).map((d, k) => {
    const disease = kb.diseases[d]!;
    const r: RankedDisease = { id: disease.id, name: disease.name, genes: disease.genes, rank: diseaseRanks[k]!, score: round(scores.diseases[d]!) };
    if (k < explainN) r.explanation = explain(d);
    return r;
  });

  const result: RankResult = {
    genes,
    diseases,
    warnings: prepared.warnings,
    ranker: ranker.info,
    versions: kb.versions,
    scored: { genes: geneOrder.length, diseases: diseaseOrder.length },
  };
  if (scores.agent) result.agent = scores.agent;
  return result;
}
