import { z } from 'zod';
import type { InferenceSession } from 'onnxruntime-node';
import { OdysseyError } from '../../errors.js';
import type { Ontology } from '../ontology.js';
import { featurise, packBatch } from '../encoder/featurise.js';
import { BUILD_HINT, ModelMetaBase, modelsDir, openModel, runBag } from '../encoder/model-files.js';

export const CLASSIFIER_NAME = 'classifier';
export const CLASSIFIER_FORMAT = 1;

export const ClassifierMetaSchema = ModelMetaBase.extend({
  kind: z.literal('classifier'),
  hidden: z.number().int().positive(),
  /** Output order of the model: the organ-system categories (children of HP:0000118). */
  categoryIds: z.array(z.string()),
  /** A category counts as predicted from this probability on. */
  threshold: z.number(),
  report: z.record(z.string(), z.unknown()),
});
export type ClassifierMeta = z.infer<typeof ClassifierMetaSchema>;

export interface CategoryScore {
  categoryId: string;
  name: string;
  probability: number;
}

/**
 * Phrase → organ-system categories, run by ONNX Runtime. Used when no term matches a phrase
 * confidently (a finding can still be filed under its system) and by the UI to group findings.
 */
export class CategoryClassifier {
  private constructor(
    private readonly session: InferenceSession,
    readonly meta: ClassifierMeta,
    private readonly names: string[],
  ) {}

  static async load(ontology: Ontology, dir = modelsDir()): Promise<CategoryClassifier> {
    const m = await openModel(dir, CLASSIFIER_NAME, ClassifierMetaSchema);
    const names = m.meta.categoryIds.map((id) => ontology.get(id)?.name);
    if (names.some((n) => n === undefined)) {
      throw new OdysseyError('model-stale', `The classifier model was built for HPO ${m.meta.hpoVersion}, whose categories this release (${ontology.version}) lacks.`, `Delete ${m.path} and rebuild. ${BUILD_HINT}`);
    }
    return new CategoryClassifier(m.session, m.meta, names as string[]);
  }

  get threshold(): number {
    return this.meta.threshold;
  }

  /** Every category with its probability, most probable first. */
  async classify(phrase: string): Promise<CategoryScore[]> {
    return (await this.classifyMany([phrase]))[0]!;
  }

  async classifyMany(phrases: readonly string[]): Promise<CategoryScore[][]> {
    if (phrases.length === 0) return [];
    const C = this.meta.categoryIds.length;
    const probs = await runBag(this.session, packBatch(phrases.map((p) => featurise(p, this.meta.spec))), 'probabilities');
    return phrases.map((_, i) =>
      this.meta.categoryIds
        .map((categoryId, c) => ({ categoryId, name: this.names[c]!, probability: Math.round(probs[i * C + c]! * 1e4) / 1e4 }))
        .sort((a, b) => b.probability - a.probability),
    );
  }
}
