import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { z } from 'zod';
import { OdysseyError } from '../../errors.js';
import { packageRoot } from '../../data/paths.js';

/**
 * Where the local models live and how they are opened. Each model is an ONNX file plus a small
 * JSON metadata file (featuriser spec, calibration, the ONNX file's SHA-256, evaluation). The
 * hash is checked on load, so a truncated or damaged file is reported as such rather than as
 * a cryptic runtime failure or, worse, silently wrong vectors.
 */
export function modelsDir(): string {
  return resolve(process.env.ODYSSEY_MODELS_DIR ?? join(packageRoot(), 'models', 'build'));
}

export const BUILD_HINT = 'Build the local models with `node dist/models/build-models.js` (npm install runs it after installing the data).';

export const FeatureSpecSchema = z.object({
  buckets: z.number().int().positive(),
  minN: z.number().int().positive(),
  maxN: z.number().int().positive(),
  word: z.number(),
  stem: z.number(),
  pair: z.number(),
  chars: z.number(),
  maxWords: z.number().int().positive(),
});

/** Fields every model's metadata file has; each model adds its own. */
export const ModelMetaBase = z.object({
  format: z.number().int(),
  kind: z.string(),
  onnx: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  hpoVersion: z.string(),
  /** Fingerprint of the training recipe (settings and hand-written training data) that made the model. */
  recipe: z.string(),
  seed: z.number(),
  spec: FeatureSpecSchema,
});
export type ModelMetaBaseT = z.infer<typeof ModelMetaBase>;

export interface OpenedModel<M> {
  session: ort.InferenceSession;
  meta: M;
  /** SHA-256 of the ONNX file (hex). */
  sha256: string;
  path: string;
}

export function metaPath(dir: string, name: string): string {
  return join(dir, `${name}.json`);
}

/** Reads and validates a model's metadata file; missing → model-missing, unreadable → model-corrupt. */
export function readModelMeta<S extends z.ZodType>(dir: string, name: string, schema: S): z.infer<S> {
  const path = metaPath(dir, name);
  if (!existsSync(path)) {
    throw new OdysseyError('model-missing', `The ${name} model is not built: ${path} is missing.`, BUILD_HINT);
  }
  try {
    return schema.parse(JSON.parse(readFileSync(path, 'utf8')));
  } catch (e) {
    throw new OdysseyError('model-corrupt', `The ${name} model's metadata file ${path} is damaged.`, `Delete it and rebuild. ${BUILD_HINT}`, { cause: e });
  }
}

/** Opens a model: metadata, hash check, then an ONNX Runtime session (single-threaded: phrases are tiny). */
export async function openModel<S extends z.ZodType<ModelMetaBaseT>>(dir: string, name: string, schema: S): Promise<OpenedModel<z.infer<S>>> {
  const meta = readModelMeta(dir, name, schema);
  const path = join(dir, meta.onnx);
  if (!existsSync(path)) {
    throw new OdysseyError('model-missing', `The ${name} model is not built: ${path} is missing.`, BUILD_HINT);
  }
  const bytes = readFileSync(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== meta.sha256) {
    throw new OdysseyError(
      'model-corrupt',
      `The ${name} model file ${path} is damaged or was replaced (its checksum does not match ${metaPath(dir, name)}).`,
      `Delete ${path} and rebuild. ${BUILD_HINT}`,
    );
  }
  try {
    const session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
    return { session, meta, sha256, path };
  } catch (e) {
    throw new OdysseyError('model-corrupt', `ONNX Runtime cannot load the ${name} model ${path}: ${(e as Error).message}`, `Delete it and rebuild. ${BUILD_HINT}`, { cause: e });
  }
}

/** Runs a featurised batch through a model's graph; returns the named float output. */
export async function runBag(session: ort.InferenceSession, batch: { ids: BigInt64Array; weights: Float32Array; batch: number; width: number }, output: string): Promise<Float32Array> {
  const feeds = {
    ids: new ort.Tensor('int64', batch.ids, [batch.batch, batch.width]),
    weights: new ort.Tensor('float32', batch.weights, [batch.batch, batch.width]),
  };
  const result = await session.run(feeds, [output]);
  return result[output]!.data as Float32Array;
}
