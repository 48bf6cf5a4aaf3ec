// Issue 4's local ONNX models on the real HPO release: held-out synonym recall with and without
// the encoder, the hand-written lay set, classifier accuracy on held-out terms, load and lookup
// times. `node dist/bench/run-encoder.js` (after `npm run build`); JSON in bench/out/encoder.json.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadHpo } from '../core/hpo/hpo-cache.js';
import { Ontology } from '../core/hpo/ontology.js';
import { normalise } from '../core/hpo/search/normalise.js';
import { TermSearch } from '../core/hpo/search/term-search.js';
import { EncoderMatcher } from '../core/hpo/encoder/encoder-matcher.js';
import { confidence } from '../core/hpo/encoder/calibration.js';
import { termLabels } from '../core/hpo/encoder/labels.js';
import { CategoryClassifier } from '../core/hpo/classifier/category-classifier.js';
import { median, quantile } from '../core/util/stats.js';
import { buildModels } from '../models/build-models.js';
import { splitLabels, heldOutTerms, SPLIT_SEED, type SplitLabel } from '../models/shared/splits.js';
import { heldOutOutcomes, type QueryOutcome } from '../models/encoder/evaluate.js';
import { nonFindingPhrases } from '../models/encoder/non-findings.js';
import { evaluateClassifier } from '../models/classifier/evaluate.js';
import { acceptance } from '../models/encoder/calibrate.js';
import { LAY_CHECK, LAY_PHRASES, type LayPhrase } from '../models/encoder/lay-phrases.js';
import { TermExtractor } from '../core/hpo/extract/term-extractor.js';
import { addCounts, GoldNoteSchema, prf, scoreNote, type Counts, type GoldNote } from '../core/hpo/extract/evaluation.js';
import { OnnxPhraseMatcher } from '../core/hpo/encoder/onnx-phrase-matcher.js';

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** A fresh process that loads the models (the ontology is loaded first and not counted). */
async function probe(): Promise<void> {
  const { ontology } = await loadHpo();
  const t0 = performance.now();
  const matcher = await EncoderMatcher.load(ontology);
  const t1 = performance.now();
  await CategoryClassifier.load(ontology);
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ encoderMs: t1 - t0, classifierMs: t2 - t1, vectorsFrom: matcher.loadInfo.vectorsFrom, rssMb: process.memoryUsage().rss / 2 ** 20 }));
}

function loadTimes(runs: number): Record<string, number> {
  const script = fileURLToPath(import.meta.url);
  const enc: number[] = [];
  const cls: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [script, '--probe'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const o = JSON.parse(r.stdout) as { encoderMs: number; classifierMs: number; rssMb: number };
    enc.push(o.encoderMs);
    cls.push(o.classifierMs);
    rss.push(o.rssMb);
  }
  return { encoderAndVectorsMs: round(median(enc), 0), classifierMs: round(median(cls), 0), bothMs: round(median(enc.map((e, i) => e + cls[i]!)), 0), rssMb: round(median(rss), 0) };
}

/** The dictionary stand-in: a held-out phrase that equals a remaining label (after folding) is found by lookup. */
function exactIndex(labels: readonly SplitLabel[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of labels) if (l.split === 'train' && !m.has(normalise(l.text))) m.set(normalise(l.text), l.term);
  return m;
}

interface Ranked {
  at1: number;
  at5: number;
}
const score = (lists: number[][], gold: number[][]): Ranked => {
  const n = lists.length;
  const at1 = lists.filter((l, i) => gold[i]!.includes(l[0]!)).length;
  const at5 = lists.filter((l, i) => l.slice(0, 5).some((t) => gold[i]!.includes(t))).length;
  return { at1: round(at1 / n), at5: round(at5 / n) };
};

async function main(): Promise<void> {
  const hpo = await loadHpo();
  const { ontology } = hpo;
  const build = await buildModels({ ontology });
  const matcher = await EncoderMatcher.load(ontology);
  const classifier = await CategoryClassifier.load(ontology);
  const labels = splitLabels(ontology);
  const heldOutKeys = new Set(labels.filter((l) => l.split !== 'train').map((l) => `${l.term}\t${normalise(l.text)}`));
  // Term search (issue 2) over the release with every held-out synonym removed.
  const reduced = new Ontology({
    version: ontology.version,
    terms: ontology.terms.map((t, i) => ({ ...t, synonyms: t.synonyms.filter((s) => !heldOutKeys.has(`${i}\t${normalise(s.text)}`)) })),
  });
  const search = new TermSearch(reduced);
  const exact = exactIndex(labels);
  const embed = (texts: string[]): Promise<Float32Array> => matcher.encoder.embed(texts);

  // Held-out synonyms: dictionary (exact), term search, encoder, dictionary then encoder.
  const count = (s: string): number => labels.filter((l) => l.split === s).length;
  const test = await heldOutOutcomes(embed, matcher.encoder.dim, labels, 'test', 5, nonFindingPhrases(ontology, labels, count('test'), SPLIT_SEED + 11));
  const calib = await heldOutOutcomes(embed, matcher.encoder.dim, labels, 'calib', 5, nonFindingPhrases(ontology, labels, count('calib'), SPLIT_SEED + 10));
  const kinds = ['all', 'layperson', 'paraphrase', 'abbreviation', 'spelling/plural'];
  const heldOut: Record<string, unknown> = {};
  for (const kind of kinds) {
    const idx = test.map((_, i) => i).filter((i) => test[i]!.gold >= 0 && (kind === 'all' || test[i]!.kind === kind));
    const gold = idx.map((i) => [test[i]!.gold]);
    const texts = idx.map((i) => test[i]!.text);
    const dict = texts.map((t) => (exact.has(normalise(t)) ? [exact.get(normalise(t))!] : []));
    const ts = texts.map((t) => search.search(t, { limit: 5 }).map((r) => reduced.indexOf(r.id)!));
    const enc = idx.map((i) => test[i]!.terms);
    const both = dict.map((d, j) => (d.length ? [...d, ...enc[j]!.filter((t) => t !== d[0])] : enc[j]!));
    heldOut[kind] = { n: idx.length, dictionary: score(dict, gold), termSearch: score(ts, gold), encoder: score(enc, gold), dictionaryThenEncoder: score(both, gold) };
  }

  // The hand-written lay sets, looked up against every label (full release: they are not HPO wording).
  const fullSearch = new TermSearch(ontology);
  const allExact = new Map(termLabels(ontology).map((l) => [normalise(l.text), l.term] as const));
  const laySet = async (set: LayPhrase[]): Promise<Record<string, unknown>> => {
    const gold = set.map((p) => p.ids.map((id) => ontology.indexOf(id)!));
    const dict = set.map((p) => (allExact.has(normalise(p.text)) ? [allExact.get(normalise(p.text))!] : []));
    const ts = set.map((p) => fullSearch.search(p.text, { limit: 5 }).map((r) => ontology.indexOf(r.id)!));
    const found = await matcher.matchMany(set.map((p) => p.text), { k: 5 });
    const enc = found.map((ms) => ms.map((m) => ontology.indexOf(m.id)!));
    const accepted = found.filter((ms) => ms[0]?.accepted);
    return {
      n: set.length,
      dictionary: score(dict, gold),
      termSearch: score(ts, gold),
      encoder: score(enc, gold),
      encoderAccepted: { accepted: accepted.length, right: found.filter((ms, i) => ms[0]?.accepted && gold[i]!.includes(ontology.indexOf(ms[0].id)!)).length },
      misses: set.flatMap((p, i) => (enc[i]!.some((t) => gold[i]!.includes(t)) ? [] : [`${p.text} → ${found[i]![0]?.name ?? '-'}`])),
    };
  };
  const lay = { development: await laySet(LAY_PHRASES), check: await laySet(LAY_CHECK) };
  const extraction = await pipeline(ontology, matcher);

  // Classifier on the seeded held-out terms, through ONNX Runtime.
  const heldTerms = heldOutTerms(ontology);
  const C = ontology.categoryIds.length;
  const predict = async (texts: string[]): Promise<Float32Array> => {
    const out = new Float32Array(texts.length * C);
    const res = await classifier.classifyMany(texts);
    res.forEach((r, i) => r.forEach((c) => (out[i * C + ontology.categoryIds.indexOf(c.categoryId)] = c.probability)));
    return out;
  };
  const classifierFigures = {
    heldOutTerms: heldTerms.size,
    names: await evaluateClassifier(predict, ontology, heldTerms, classifier.threshold, true),
    allLabels: await evaluateClassifier(predict, ontology, heldTerms, classifier.threshold, false),
  };

  // Speed: single phrases through embed + lookup (warm), and a batch of 100.
  const phrases = [...LAY_PHRASES.map((p) => p.text), ...test.slice(0, 450).map((o) => o.text)];
  for (const p of phrases.slice(0, 50)) await matcher.match(p);
  const times: number[] = [];
  for (const p of phrases) {
    const t0 = performance.now();
    await matcher.match(p);
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  await matcher.matchMany(phrases.slice(0, 100));
  const batchPerPhrase = (performance.now() - t0) / 100;
  const ct: number[] = [];
  for (const p of phrases.slice(0, 200)) {
    const s = performance.now();
    await classifier.classify(p);
    ct.push(performance.now() - s);
  }

  const result = {
    date: new Date().toISOString().slice(0, 10),
    hpo: ontology.version,
    models: { encoder: matcher.encoder.modelHash.slice(0, 16), built: build.built, report: { encoder: matcher.encoder.meta.report, classifier: classifier.meta.report } },
    heldOutSynonyms: heldOut,
    calibration: {
      ...matcher.calibration,
      calibSet: acceptance(matcher.calibration, calib),
      testSet: acceptance(matcher.calibration, test),
      testSynonyms: acceptance(matcher.calibration, test.filter((o) => o.gold >= 0)),
      testNonFindingsAccepted: acceptance(matcher.calibration, test.filter((o) => o.gold < 0)).coverage,
    },
    reliability: reliability(matcher, test),
    lay,
    extraction,
    classifier: classifierFigures,
    speed: {
      load: loadTimes(5),
      matchMsMedian: round(median(times), 2),
      matchMsP95: round(quantile(times, 0.95), 2),
      matchManyMsPerPhrase: round(batchPerPhrase, 2),
      classifyMsMedian: round(median(ct), 2),
      labelsIndexed: matcher.labels.length,
      dim: matcher.encoder.dim,
    },
  };
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/encoder.json', JSON.stringify(result, null, 2));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/**
 * The extraction pipeline (issue 4's dictionary stage) on its hand-written development notes,
 * alone and with the encoder as its second stage, strict scoring; every third note is the
 * pipeline's held-out split. Also at two other acceptance thresholds, to show the trade-off.
 */
async function pipeline(ontology: Ontology, matcher: EncoderMatcher): Promise<Record<string, unknown>> {
  const notes: GoldNote[] = readFileSync('bench/data/extract-dev.jsonl', 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => GoldNoteSchema.parse(JSON.parse(l)));
  const heldOut = (n: GoldNote): boolean => Number(n.id.replace(/\D/g, '')) % 3 === 0;
  const configs: [string, TermExtractor][] = [
    ['dictionary', new TermExtractor(ontology)],
    ['dictionary+encoder', new TermExtractor(ontology, { matchers: [new OnnxPhraseMatcher(matcher)] })],
    ['dictionary+encoder@0.5', new TermExtractor(ontology, { matchers: [new OnnxPhraseMatcher(matcher, 0.5)] })],
    ['dictionary+encoder@0.9', new TermExtractor(ontology, { matchers: [new OnnxPhraseMatcher(matcher, 0.9)] })],
  ];
  const out: Record<string, unknown> = {};
  // 300-word notes: windows over the multi-finding notes run together, timed with the encoder.
  const words = notes.filter((n) => n.kind === 'multi').map((n) => n.text).join(' ').split(/\s+/);
  const windows = Array.from({ length: 40 }, (_, i) => words.slice((i * 37) % (words.length - 300), ((i * 37) % (words.length - 300)) + 300).join(' '));
  const withEncoder = configs[1]![1];
  for (const w of windows.slice(0, 5)) await withEncoder.extract(w);
  const noteTimes: number[] = [];
  for (const w of windows) {
    const t0 = performance.now();
    await withEncoder.extract(w);
    noteTimes.push(performance.now() - t0);
  }
  out.note300Words = { msMedian: round(median(noteTimes), 1), msP95: round(quantile(noteTimes, 0.95), 1), notes: windows.length };
  for (const [name, ex] of configs) {
    const counts = new Map<string, Counts>();
    const times: number[] = [];
    for (const n of notes) {
      const t0 = performance.now();
      const r = await ex.extract(n.text);
      times.push(performance.now() - t0);
      const c = scoreNote(ontology, n.terms, r.terms, 'strict');
      for (const key of ['all', n.kind, heldOut(n) ? 'heldOut' : 'tuning', ...(heldOut(n) ? [`heldOut:${n.kind}`] : [])]) {
        counts.set(key, addCounts(counts.get(key) ?? { tp: 0, fp: 0, fn: 0 }, c));
      }
    }
    const figures: Record<string, unknown> = { noteMsMedian: round(median(times), 2) };
    for (const [k, c] of [...counts].sort()) {
      const f = prf(c);
      figures[k] = { p: round(f.precision), r: round(f.recall), f1: round(f.f1) };
    }
    out[name] = figures;
  }
  return out;
}

/** Share right per confidence band on the test split: is the confidence a probability? */
function reliability(matcher: EncoderMatcher, test: readonly QueryOutcome[]): { band: string; n: number; meanConfidence: number; right: number }[] {
  const bands = [0, 0.2, 0.4, 0.6, 0.8, 1.0001];
  return bands.slice(0, -1).map((lo, b) => {
    const hi = bands[b + 1]!;
    const inBand = test.filter((o) => {
      const c = confidence(matcher.calibration, o.top1, o.top2, o.words);
      return c >= lo && c < hi;
    });
    const mean = inBand.reduce((s, o) => s + confidence(matcher.calibration, o.top1, o.top2, o.words), 0) / Math.max(1, inBand.length);
    return { band: `${lo}–${Math.min(1, hi)}`, n: inBand.length, meanConfidence: round(mean), right: round(inBand.filter((o) => o.rank === 0).length / Math.max(1, inBand.length)) };
  });
}

if (process.argv.includes('--probe')) await probe();
else await main();
