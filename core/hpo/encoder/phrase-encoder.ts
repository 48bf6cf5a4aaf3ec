import { z } from 'zod';
import { featurise, packBatch, type FeatureSpec } from './featurise.js';
import { ModelMetaBase, modelsDir, openModel, runBag } from './model-files.js';
import type { InferenceSession } from 'onnxruntime-node';

export const ENCODER_NAME = 'encoder';
export const ENCODER_FORMAT = 2;

export const EncoderMetaSchema = ModelMetaBase.extend({
  kind: z.literal('encoder'),
  dim: z.number().int().positive(),
  calibration: z.object({
    score: z.number(),
    margin: z.number(),
    oneWord: z.number(),
    bias: z.number(),
    threshold: z.number(),
    targetPrecision: z.number(),
  }),
  /** Training and evaluation record, shown in the model card and `bench/run-encoder.ts`. */
  report: z.record(z.string(), z.unknown()),
});
export type EncoderMeta = z.infer<typeof EncoderMetaSchema>;

/** Largest batch sent to ONNX Runtime at once: bounds the padded input tensors. */
const MAX_BATCH = 1024;

/** The phrase encoder: text → unit vector, run by ONNX Runtime from the locally built model. */
export class PhraseEncoder {
  private constructor(
    private readonly session: InferenceSession,
    readonly meta: EncoderMeta,
    /** SHA-256 of the ONNX file: keys the term-vector cache. */
    readonly modelHash: string,
    readonly path: string,
  ) {}

  static async load(dir = modelsDir()): Promise<PhraseEncoder> {
    const m = await openModel(dir, ENCODER_NAME, EncoderMetaSchema);
    return new PhraseEncoder(m.session, m.meta, m.sha256, m.path);
  }

  get dim(): number {
    return this.meta.dim;
  }

  get spec(): FeatureSpec {
    return this.meta.spec;
  }

  /** Unit vectors for the phrases, row-major [n × dim]. A phrase with no words embeds to zeros. */
  async embed(texts: readonly string[]): Promise<Float32Array> {
    const out = new Float32Array(texts.length * this.dim);
    for (let start = 0; start < texts.length; start += MAX_BATCH) {
      const chunk = texts.slice(start, start + MAX_BATCH);
      if (chunk.length === 0) continue;
      const batch = packBatch(chunk.map((t) => featurise(t, this.spec)));
      out.set(await runBag(this.session, batch, 'vector'), start * this.dim);
    }
    return out;
  }
}
