import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { metaPath, readModelMeta, type ModelMetaBaseT } from '../../core/hpo/encoder/model-files.js';

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** A short fingerprint of everything that decides a model besides the HPO release. */
export const recipeOf = (parts: unknown): string => sha256(JSON.stringify(parts)).slice(0, 16);

function writeAtomically(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

/** Writes the ONNX file, then its metadata: the metadata file appears last, so a pair is only ever read whole. */
export function writeModel(dir: string, name: string, onnx: Uint8Array, meta: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeAtomically(join(dir, `${name}.onnx`), onnx);
  writeAtomically(metaPath(dir, name), `${JSON.stringify(meta, null, 2)}\n`);
}

/**
 * Why a model must be (re)built, or undefined when the one on disk is whole and current: built
 * with this format and training recipe, for this HPO release, and its ONNX file matching the
 * recorded checksum.
 */
export function staleReason<S extends z.ZodType<ModelMetaBaseT>>(dir: string, name: string, schema: S, format: number, hpoVersion: string, recipe: string): string | undefined {
  let meta: z.infer<S>;
  try {
    meta = readModelMeta(dir, name, schema);
  } catch (e) {
    return (e as Error).message;
  }
  if (meta.format !== format) return `${name}: format ${meta.format}, this code writes ${format}`;
  if (meta.recipe !== recipe) return `${name}: built by another training recipe`;
  if (meta.hpoVersion !== hpoVersion) return `${name}: trained on HPO ${meta.hpoVersion}, installed release is ${hpoVersion}`;
  const path = join(dir, meta.onnx);
  if (!existsSync(path)) return `${name}: ${path} is missing`;
  if (sha256(readFileSync(path)) !== meta.sha256) return `${name}: ${path} does not match its checksum`;
  return undefined;
}
