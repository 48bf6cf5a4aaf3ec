import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PhraseEncoder } from '../../../core/hpo/encoder/phrase-encoder.js';
import { CategoryClassifier } from '../../../core/hpo/classifier/category-classifier.js';
import { EncoderMatcher } from '../../../core/hpo/encoder/encoder-matcher.js';
import type { HpoLoadResult } from '../../../core/hpo/hpo-cache.js';
import { tempDir } from '../../helpers.js';
import { BUILD_TIMEOUT, realModels } from './real-models.js';

// Copies of the real model files, damaged in the ways a disk or an interrupted copy damages them.
let hpo: HpoLoadResult;
let real: string;
beforeAll(async () => {
  ({ hpo, dir: real } = await realModels());
}, BUILD_TIMEOUT);

function copyModels(...names: string[]): string {
  const dir = tempDir('odyssey-models-');
  for (const n of names) copyFileSync(join(real, n), join(dir, n));
  return dir;
}

describe('missing or damaged model files', () => {
  it('a folder without models → model-missing, naming the file and how to build it', async () => {
    const dir = tempDir('odyssey-models-');
    const e = await PhraseEncoder.load(dir).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'OdysseyError', code: 'model-missing' });
    expect((e as Error).message).toContain(join(dir, 'encoder.json'));
    expect((e as { hint: string }).hint).toContain('build-models');
    await expect(CategoryClassifier.load(hpo.ontology, dir)).rejects.toMatchObject({ code: 'model-missing' });
    await expect(EncoderMatcher.load(hpo.ontology, { modelsDir: dir })).rejects.toMatchObject({ code: 'model-missing' });
  });

  it('metadata present but the ONNX file gone → model-missing', async () => {
    const dir = copyModels('encoder.json');
    await expect(PhraseEncoder.load(dir)).rejects.toMatchObject({ code: 'model-missing', message: expect.stringContaining('encoder.onnx') });
  });

  it('a truncated ONNX file → model-corrupt (checksum)', async () => {
    const dir = copyModels('encoder.json', 'encoder.onnx');
    const bytes = readFileSync(join(dir, 'encoder.onnx'));
    writeFileSync(join(dir, 'encoder.onnx'), bytes.subarray(0, bytes.length >> 1));
    await expect(PhraseEncoder.load(dir)).rejects.toMatchObject({ code: 'model-corrupt', message: expect.stringContaining('checksum') });
  });

  it('garbage that matches its recorded checksum → model-corrupt from ONNX Runtime', async () => {
    const dir = copyModels('classifier.json');
    const garbage = Buffer.from('this is not an ONNX model at all');
    writeFileSync(join(dir, 'classifier.onnx'), garbage);
    const meta = JSON.parse(readFileSync(join(dir, 'classifier.json'), 'utf8')) as { sha256: string };
    const { createHash } = await import('node:crypto');
    meta.sha256 = createHash('sha256').update(garbage).digest('hex');
    writeFileSync(join(dir, 'classifier.json'), JSON.stringify(meta));
    await expect(CategoryClassifier.load(hpo.ontology, dir)).rejects.toMatchObject({ code: 'model-corrupt', message: expect.stringContaining('ONNX Runtime') });
  });

  it('damaged metadata → model-corrupt', async () => {
    const dir = copyModels('encoder.onnx');
    writeFileSync(join(dir, 'encoder.json'), '{"format": 1, "kind": "enc');
    await expect(PhraseEncoder.load(dir)).rejects.toMatchObject({ code: 'model-corrupt' });
    rmSync(dir, { recursive: true, force: true });
  });
});
