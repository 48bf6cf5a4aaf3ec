import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import { packageRoot } from '../../data/paths.js';
import { isOdysseyError, OdysseyError } from '../../errors.js';
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import { KNOWLEDGE_RANKER, PhenotypeRanker, RESNIK_RANKER } from '../../genes/ranking/phenotype-ranker.js';
import type { PreparedQuery, Ranker, RankerInfo, Scores } from '../../genes/ranking/types.js';
import { diseaseGeneIndex, shiftDiseaseScores } from './disease-scores.js';
import { FEATURE_NAMES, candidateFeatures, selectColumns } from './features.js';

const MetaSchema = z.object({
  name: z.literal('ranker'),
  format: z.literal(1),
  onnx: z.string(),
  sha256: z.string(),
  features: z.array(z.string()),
  listSize: z.number().int().positive(),
});

/**
 * How strongly the model's gene verdict moves the disease list (see disease-scores.ts): fitted
 * out of fold by models/ranker/out-of-fold.ts (disease top-1 53.4% → 57.2%; bench/RESULTS.md).
 */
export const DISEASE_WEIGHT = 2;

/** True when the error says the model is not usable here (missing, stale or damaged files). */
export function modelUnavailable(e: unknown): boolean {
  return isOdysseyError(e) && ['model-missing', 'model-stale', 'model-corrupt'].includes(e.code);
}

const HINT = 'Rebuild it with `node dist/models/ranker/train.js` (needs the installed data), or restore models/ranker/ from the repository.';

export function rankerModelDir(): string {
  return join(packageRoot(), 'models', 'ranker');
}

/**
 * The learning-to-rank agent: the knowledge ranker proposes its best genes, a small ONNX model
 * re-orders them from knowledge-base features (see features.ts), and the genes below the list
 * keep the knowledge order. Runs fully offline in onnxruntime-node.
 */
export class OnnxRanker implements Ranker {
  readonly info: RankerInfo;
  readonly explanationParams = KNOWLEDGE_RANKER.scoring;
  private readonly knowledge: PhenotypeRanker;
  private readonly resnik: PhenotypeRanker;
  private diseaseGenes: Int32Array[] | undefined;

  private constructor(
    private readonly kb: KnowledgeBase,
    private readonly session: ort.InferenceSession,
    private readonly listSize: number,
    sha256: string,
    /** Which of the computed features the model takes, in its input order. */
    private readonly columns: readonly number[],
    private readonly diseaseWeight: number,
  ) {
    this.knowledge = new PhenotypeRanker(kb, KNOWLEDGE_RANKER);
    this.resnik = new PhenotypeRanker(kb, RESNIK_RANKER);
    this.info = {
      name: 'onnx',
      version: `1+${sha256.slice(0, 12)}`,
      description: `Learning-to-rank MLP (ONNX) re-ordering the knowledge ranker's top ${listSize} genes`,
      params: { listSize, diseaseWeight, model: `ranker.onnx sha256:${sha256.slice(0, 16)}`, knowledgeRanker: `${KNOWLEDGE_RANKER.name} v${KNOWLEDGE_RANKER.version}` },
    };
  }

  static async load(kb: KnowledgeBase, dir = rankerModelDir(), diseaseWeight = DISEASE_WEIGHT): Promise<OnnxRanker> {
    const metaPath = join(dir, 'ranker.json');
    if (!existsSync(metaPath)) throw new OdysseyError('model-missing', `The ONNX gene ranker is missing: ${metaPath} does not exist.`, HINT);
    let meta: z.infer<typeof MetaSchema>;
    try {
      meta = MetaSchema.parse(JSON.parse(readFileSync(metaPath, 'utf8')));
    } catch (e) {
      throw new OdysseyError('model-corrupt', `The ONNX gene ranker's metadata ${metaPath} is damaged.`, HINT, { cause: e });
    }
    const columns = meta.features.map((n) => (FEATURE_NAMES as readonly string[]).indexOf(n));
    if (columns.includes(-1)) {
      throw new OdysseyError('model-stale', 'The ONNX gene ranker was trained on other features than this version computes.', HINT);
    }
    const path = join(dir, meta.onnx);
    if (!existsSync(path)) throw new OdysseyError('model-missing', `The ONNX gene ranker is missing: ${path} does not exist.`, HINT);
    const bytes = readFileSync(path);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== meta.sha256) throw new OdysseyError('model-corrupt', `The ONNX gene ranker ${path} is damaged (checksum mismatch).`, HINT);
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
    return new OnnxRanker(kb, session, meta.listSize, sha, columns, diseaseWeight);
  }

  /** The knowledge and Resnik scores the features are computed from, for the whole case. */
  baseScores(query: PreparedQuery): { knowledge: Scores; resnik: Scores } {
    return { knowledge: this.knowledge.scoreNow(query), resnik: this.resnikScores(query) };
  }

  resnikScores(query: PreparedQuery): Scores {
    return this.resnik.scoreNow(query);
  }

  /**
   * Model scores for a set of genes, with the set-relative features (margins, reciprocal ranks)
   * computed within that set — what a divide-and-conquer chunk agent needs. Returns the genes in
   * the knowledge order with one score each.
   */
  async scoreSet(query: PreparedQuery, genes: readonly number[], base: { knowledge: Scores; resnik: Scores }, signal?: AbortSignal): Promise<{ genes: number[]; scores: Float32Array }> {
    const f = candidateFeatures(this.kb, this.knowledge, { ...query, candidateGenes: [...genes] }, base.knowledge, base.resnik, genes.length);
    if (f.genes.length === 0) return { genes: [], scores: new Float32Array(0) };
    signal?.throwIfAborted();
    const out = await this.session.run({ features: new ort.Tensor('float32', selectColumns(f.x, f.genes.length, this.columns), [f.genes.length, this.columns.length]) });
    return { genes: f.genes, scores: out.score!.data as Float32Array };
  }

  /** The knowledge ranker's scores and the model's scores of its best genes. */
  async verdict(query: PreparedQuery, signal?: AbortSignal): Promise<{ knowledge: Scores; genes: number[]; scores: Float32Array }> {
    const base = this.baseScores(query);
    const ks = base.knowledge;
    const pool = query.candidateGenes ?? Array.from({ length: this.kb.genes.length }, (_, i) => i);
    const top = pool.filter((g) => ks.genes[g]! > -Infinity).sort((a, b) => ks.genes[b]! - ks.genes[a]! || a - b).slice(0, this.listSize);
    return { knowledge: ks, ...(await this.scoreSet(query, top, base, signal)) };
  }

  async score(query: PreparedQuery, signal?: AbortSignal): Promise<Scores> {
    const { knowledge: ks, genes: listed, scores: model } = await this.verdict(query, signal);
    if (listed.length === 0) return ks;
    // The re-ordered list stays above every gene outside it, in model order.
    let floor = Infinity;
    for (const g of listed) floor = Math.min(floor, ks.genes[g]!);
    let lo = Infinity;
    for (const v of model) lo = Math.min(lo, v);
    const genes = Float64Array.from(ks.genes);
    listed.forEach((g, i) => (genes[g] = floor + 1 + (model[i]! - lo)));
    this.diseaseGenes ??= diseaseGeneIndex(this.kb);
    const diseases = shiftDiseaseScores(ks.diseases, this.diseaseGenes, { genes: listed, scores: model }, this.diseaseWeight);
    return { diseases, genes, geneBestDisease: ks.geneBestDisease };
  }
}
