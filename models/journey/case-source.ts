// Where a dev case's hypotheses come from in the journey's fits and benchmarks: the knowledge
// ranker (undefined: the engine's own), or the ONNX ranker as the fold model that never saw the
// case's gene cohort (`train.js --fold-models DIR`), so no figure credits the model with cases it
// was trained on.
import { join } from 'node:path';
import { OnnxRanker } from '../../core/agents/onnx-ranker/onnx-ranker.js';
import type { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import { prepareQuery } from '../../core/genes/ranking/prepare-query.js';
import type { RankQuery } from '../../core/genes/ranking/types.js';
import { FOLDS, type DevCase } from './dev-cases.js';

/** Disease scores for the case, or for a variant of its query (the next-step experiment's). */
export type CaseScores = (c: DevCase, query?: RankQuery) => Promise<Float64Array | undefined>;

export interface CaseSource {
  name: string;
  scores: CaseScores;
}

export async function caseSource(kb: KnowledgeBase, foldsDir: string | undefined): Promise<CaseSource> {
  if (!foldsDir) return { name: 'knowledge', scores: async () => undefined };
  const models = await Promise.all(Array.from({ length: FOLDS }, (_, f) => OnnxRanker.load(kb, join(foldsDir, `fold-${f}`))));
  return {
    name: `onnx out of fold (${models.map((m) => m.info.version).join(', ')})`,
    scores: async (c, query = c.query) => (await models[c.fold]!.score(prepareQuery(kb, query))).diseases,
  };
}
