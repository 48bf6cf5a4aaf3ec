import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isOdysseyError } from '../core/errors.js';
import { loadHpo } from '../core/hpo/hpo-cache.js';
import type { Ontology } from '../core/hpo/ontology.js';
import { modelsDir } from '../core/hpo/encoder/model-files.js';
import { ENCODER_FORMAT, ENCODER_NAME, EncoderMetaSchema, PhraseEncoder } from '../core/hpo/encoder/phrase-encoder.js';
import { CLASSIFIER_FORMAT, CLASSIFIER_NAME, ClassifierMetaSchema } from '../core/hpo/classifier/category-classifier.js';
import { loadTermVectors } from '../core/hpo/encoder/term-vectors.js';
import { staleReason } from './shared/artefacts.js';
import { buildEncoder, ENCODER_RECIPE } from './encoder/build.js';
import { buildClassifier, CLASSIFIER_RECIPE } from './classifier/build.js';

/**
 * Builds whatever local model is missing, damaged or out of date for the installed HPO release:
 * the phrase encoder, the category classifier, and the encoder's term-vector cache. Everything
 * is trained here from the HPO release with fixed seeds, so the same release and code give the
 * same bytes. Runs at set-up (scripts/postinstall.mjs), from the tests' setup when the models
 * are absent, and by hand: `node dist/models/build-models.js [--force]`.
 */
export interface BuildOptions {
  dir?: string;
  /** Rebuild even when current models are on disk. */
  force?: boolean;
  ontology?: Ontology;
  log?: (line: string) => void;
}

export interface BuildResult {
  dir: string;
  built: string[];
  current: string[];
  ms: number;
}

const LOCK = '.build.lock';
/** A lock older than this is taken to be left over from a killed build. */
const STALE_LOCK_MS = 20 * 60_000;

export async function buildModels(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const dir = options.dir ?? modelsDir();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  mkdirSync(dir, { recursive: true });
  const ontology = options.ontology ?? (await loadHpo()).ontology;
  const release = await withLock(dir, log);
  try {
    const result: BuildResult = { dir, built: [], current: [], ms: 0 };
    const jobs = [
      { name: ENCODER_NAME, stale: () => staleReason(dir, ENCODER_NAME, EncoderMetaSchema, ENCODER_FORMAT, ontology.version, ENCODER_RECIPE), build: () => buildEncoder(ontology, dir, log) },
      { name: CLASSIFIER_NAME, stale: () => staleReason(dir, CLASSIFIER_NAME, ClassifierMetaSchema, CLASSIFIER_FORMAT, ontology.version, CLASSIFIER_RECIPE), build: () => buildClassifier(ontology, dir, log) },
    ];
    for (const job of jobs) {
      const reason = options.force ? 'forced' : job.stale();
      if (!reason) {
        result.current.push(job.name);
        continue;
      }
      log(`odyssey models: building ${job.name} (${reason})`);
      await job.build();
      result.built.push(job.name);
    }
    // The term vectors are a cache in data/cache/: built now so the first lookup is fast.
    const tv = await loadTermVectors(await PhraseEncoder.load(dir), ontology);
    if (tv.from === 'built') log(`odyssey models: term vectors for ${tv.labels.length} labels cached in ${tv.path}`);
    result.ms = performance.now() - started;
    return result;
  } finally {
    release();
  }
}

/**
 * One build at a time per folder (npm install and a test run may start together): others wait
 * for the lock to go, then find the models current. Returns the release function.
 */
async function withLock(dir: string, log: (line: string) => void): Promise<() => void> {
  const path = join(dir, LOCK);
  let waited = false;
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if (lockIsStale(path)) {
      rmSync(path, { force: true });
      continue;
    }
    if (!waited) log(`odyssey models: another build holds ${path}; waiting for it`);
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function lockIsStale(path: string): boolean {
  try {
    if (Date.now() - statSync(path).mtimeMs > STALE_LOCK_MS) return true;
    const pid = Number(readFileSync(path, 'utf8'));
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0); // signal 0 only asks whether the process exists
    return false;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ESRCH' || code === 'ENOENT';
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const r = await buildModels({ force: process.argv.includes('--force') });
    const what = r.built.length ? `built ${r.built.join(', ')}` : 'already current';
    process.stderr.write(`odyssey models: ${what} in ${r.dir} (${(r.ms / 1000).toFixed(1)} s)\n`);
  } catch (e) {
    if (isOdysseyError(e)) process.stderr.write(`error: ${e.message}\n${e.hint ? `fix: ${e.hint}\n` : ''}`);
    else process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(2);
  }
}
