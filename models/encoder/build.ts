import type { Ontology } from '../../core/hpo/ontology.js';
import { featurise, type FeatureSpec } from '../../core/hpo/encoder/featurise.js';
import { ENCODER_FORMAT, ENCODER_NAME, type EncoderMeta } from '../../core/hpo/encoder/phrase-encoder.js';
import { bagSum, normaliseInPlace } from '../shared/bag.js';
import { recipeOf, sha256, writeModel } from '../shared/artefacts.js';
import { SPLIT_SEED, splitLabels } from '../shared/splits.js';
import { acceptance, fitCalibration } from './calibrate.js';
import { heldOutOutcomes, recallByKind, type EmbedFn } from './evaluate.js';
import { encoderOnnx } from './export.js';
import { trainEncoder, type EncoderTrainOptions } from './train.js';
import { hpoVocabulary, wordnetGroups } from './wordnet.js';
import { nonFindingPhrases } from './non-findings.js';
import { LAY_LEXICON } from './lay-lexicon.js';

/** The encoder's features and training settings. Changing any of them changes the model (and its hash). */
export const ENCODER_SPEC: FeatureSpec = { buckets: 1 << 17, minN: 3, maxN: 5, word: 1, stem: 1, pair: 0.5, chars: 1, maxWords: 24 };
export const ENCODER_TRAINING: Omit<EncoderTrainOptions, 'log'> = {
  spec: ENCODER_SPEC,
  dim: 96,
  epochs: 8,
  batch: 256,
  lr: 0.01,
  temperature: 0.05,
  keep: 0.85,
  definitionRate: 0.15,
  wordnetShare: 0.5,
  seed: 4,
};
/** Accepted nearest terms must be right this often on the calibration split. */
export const TARGET_PRECISION = 0.9;
export const ENCODER_RECIPE = recipeOf({ ENCODER_TRAINING, TARGET_PRECISION, SPLIT_SEED, LAY_LEXICON, wordnet: '3.1' });

/** Trains, calibrates, evaluates and exports the encoder into `dir`; returns its metadata. */
export async function buildEncoder(ontology: Ontology, dir: string, log: (line: string) => void): Promise<EncoderMeta> {
  const labels = splitLabels(ontology);
  // The vocabulary comes from training labels only, so held-out wording cannot pick the synsets.
  const trainText = labels.filter((l) => l.split === 'train').map((l) => l.text);
  const wordnet = ENCODER_TRAINING.wordnetShare > 0 ? wordnetGroups(hpoVocabulary(trainText)) : [];
  const lexicon = LAY_LEXICON.map((words) => ({ words: [...words], gloss: '' }));
  const m = trainEncoder(ontology, labels, { wordnet, lexicon }, { ...ENCODER_TRAINING, log });
  const dim = m.dim;
  const embed: EmbedFn = async (texts) => {
    const out = new Float32Array(texts.length * dim);
    texts.forEach((t, i) => {
      bagSum(m.table, dim, featurise(t, m.spec), out, i * dim);
      normaliseInPlace(out, i * dim, dim);
    });
    return out;
  };
  const count = (s: string): number => labels.filter((l) => l.split === s).length;
  // As many non-finding phrases as held-out synonyms, different ones for calibration and test.
  const calib = await heldOutOutcomes(embed, dim, labels, 'calib', 5, nonFindingPhrases(ontology, labels, count('calib'), SPLIT_SEED + 10));
  const calibration = fitCalibration(calib, TARGET_PRECISION);
  const test = await heldOutOutcomes(embed, dim, labels, 'test', 5, nonFindingPhrases(ontology, labels, count('test'), SPLIT_SEED + 11));
  const findings = test.filter((o) => o.gold >= 0);
  const report = {
    trainingSeconds: Math.round(m.ms / 100) / 10,
    losses: m.losses.map((l) => Math.round(l * 1e4) / 1e4),
    labels: { train: count('train'), calib: count('calib'), test: count('test') },
    wordnetGroups: wordnet.length,
    lexiconGroups: lexicon.length,
    splitSeed: SPLIT_SEED,
    testRecall: recallByKind(test),
    calibAcceptance: acceptance(calibration, calib),
    /** Test synonyms and test non-findings together: the precision the threshold was chosen for. */
    testAcceptance: acceptance(calibration, test),
    testSynonymsAccepted: acceptance(calibration, findings),
    /** Share of non-finding phrases wrongly accepted. */
    nonFindingsAccepted: acceptance(calibration, test.filter((o) => o.gold < 0)).coverage,
    training: { ...ENCODER_TRAINING, spec: undefined },
  };
  const onnx = encoderOnnx(m, { hpo_version: ontology.version, seed: String(ENCODER_TRAINING.seed) });
  const meta: EncoderMeta = {
    format: ENCODER_FORMAT,
    kind: 'encoder',
    onnx: `${ENCODER_NAME}.onnx`,
    sha256: sha256(onnx),
    hpoVersion: ontology.version,
    recipe: ENCODER_RECIPE,
    seed: ENCODER_TRAINING.seed,
    spec: m.spec,
    dim,
    calibration,
    report,
  };
  writeModel(dir, ENCODER_NAME, onnx, meta);
  log(`encoder: held-out recall@1 ${report.testRecall.all!.at1.toFixed(3)}, @5 ${report.testRecall.all!.at5.toFixed(3)}; ${(onnx.length / 2 ** 20).toFixed(1)} MB`);
  return meta;
}
