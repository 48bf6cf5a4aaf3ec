import type { Ontology } from '../../core/hpo/ontology.js';
import { featurise, type FeatureSpec } from '../../core/hpo/encoder/featurise.js';
import { CLASSIFIER_FORMAT, CLASSIFIER_NAME, type ClassifierMeta } from '../../core/hpo/classifier/category-classifier.js';
import { recipeOf, sha256, writeModel } from '../shared/artefacts.js';
import { heldOutTerms, SPLIT_SEED } from '../shared/splits.js';
import { evaluateClassifier, type PredictFn } from './evaluate.js';
import { classifierOnnx } from './export.js';
import { predictTs, trainClassifier, type ClassifierTrainOptions } from './train.js';

export const CLASSIFIER_SPEC: FeatureSpec = { buckets: 1 << 16, minN: 3, maxN: 5, word: 1, stem: 1, pair: 0.5, chars: 1, maxWords: 24 };
export const CLASSIFIER_TRAINING: Omit<ClassifierTrainOptions, 'log'> = {
  spec: CLASSIFIER_SPEC,
  hidden: 64,
  epochs: 4,
  batch: 64,
  lr: 0.01,
  keep: 0.85,
  seed: 5,
};
export const CLASSIFIER_THRESHOLD = 0.5;
export const CLASSIFIER_RECIPE = recipeOf({ CLASSIFIER_TRAINING, CLASSIFIER_THRESHOLD, SPLIT_SEED });

/** Trains, evaluates on held-out terms and exports the category classifier into `dir`. */
export async function buildClassifier(ontology: Ontology, dir: string, log: (line: string) => void): Promise<ClassifierMeta> {
  const heldOut = heldOutTerms(ontology);
  const m = trainClassifier(ontology, heldOut, { ...CLASSIFIER_TRAINING, log });
  const C = m.categories;
  const predict: PredictFn = async (texts) => {
    const out = new Float32Array(texts.length * C);
    texts.forEach((t, i) => out.set(predictTs(m, featurise(t, m.spec)), i * C));
    return out;
  };
  const report = {
    trainingSeconds: Math.round(m.ms / 100) / 10,
    losses: m.losses.map((l) => Math.round(l * 1e4) / 1e4),
    heldOutTerms: heldOut.size,
    splitSeed: SPLIT_SEED + 1,
    heldOutNames: await evaluateClassifier(predict, ontology, heldOut, CLASSIFIER_THRESHOLD, true),
    heldOutLabels: await evaluateClassifier(predict, ontology, heldOut, CLASSIFIER_THRESHOLD, false),
    training: { ...CLASSIFIER_TRAINING, spec: undefined },
  };
  const onnx = classifierOnnx(m, { hpo_version: ontology.version, seed: String(CLASSIFIER_TRAINING.seed) });
  const meta: ClassifierMeta = {
    format: CLASSIFIER_FORMAT,
    kind: 'classifier',
    onnx: `${CLASSIFIER_NAME}.onnx`,
    sha256: sha256(onnx),
    hpoVersion: ontology.version,
    recipe: CLASSIFIER_RECIPE,
    seed: CLASSIFIER_TRAINING.seed,
    spec: m.spec,
    hidden: m.hidden,
    categoryIds: [...ontology.categoryIds],
    threshold: CLASSIFIER_THRESHOLD,
    report,
  };
  writeModel(dir, CLASSIFIER_NAME, onnx, meta);
  log(`classifier: held-out term names top-1 ${report.heldOutNames.top1.toFixed(3)}, micro-F1 ${report.heldOutNames.f1.toFixed(3)}; ${(onnx.length / 2 ** 20).toFixed(1)} MB`);
  return meta;
}
