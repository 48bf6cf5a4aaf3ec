import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir, dataDir } from '../../data/paths.js';
import type { Ontology } from '../ontology.js';
import { labelsFingerprint, termLabels, type TermLabel } from './labels.js';
import type { PhraseEncoder } from './phrase-encoder.js';

export interface TermVectors {
  labels: TermLabel[];
  /** Unit vectors, row-major [labels × dim]. */
  vectors: Float32Array;
  from: 'cache' | 'built';
  ms: number;
  path: string;
}

/** The cache file for this model and label list: a new model or HPO release gets a new file. */
export function termVectorsPath(encoder: PhraseEncoder, ontology: Ontology, labels: readonly TermLabel[], root = dataDir()): string {
  return join(cacheDir(root), `encoder-vectors-${encoder.modelHash.slice(0, 16)}-${labelsFingerprint(ontology, labels)}.f32`);
}

/**
 * Vectors of every current label and synonym, from the cache in data/cache/ when it matches the
 * model and the release, otherwise embedded now (about a second) and cached. The file is raw
 * float32 in label order; its length is checked, and anything odd is simply rebuilt, since it
 * only ever holds derived data. Older caches are removed when a new one is written.
 */
export async function loadTermVectors(encoder: PhraseEncoder, ontology: Ontology, options: { root?: string; useCache?: boolean } = {}): Promise<TermVectors> {
  const started = performance.now();
  const labels = termLabels(ontology);
  const path = termVectorsPath(encoder, ontology, labels, options.root);
  const bytes = labels.length * encoder.dim * 4;
  if (options.useCache !== false && existsSync(path) && statSync(path).size === bytes) {
    const buf = readFileSync(path);
    const vectors = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    return { labels, vectors, from: 'cache', ms: performance.now() - started, path };
  }
  const vectors = await encoder.embed(labels.map((l) => l.text));
  if (options.useCache !== false) {
    const dir = cacheDir(options.root);
    mkdirSync(dir, { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength));
    renameSync(tmp, path);
    const name = path.slice(dir.length + 1);
    for (const f of readdirSync(dir)) if (/^encoder-vectors-.*\.f32$/.test(f) && f !== name) rmSync(join(dir, f), { force: true });
  }
  return { labels, vectors, from: 'built', ms: performance.now() - started, path };
}
