// Issue 4's benchmark for the dictionary pipeline: precision, recall and F1 on the hand-written
// development notes (overall, negated terms, per kind; strict and lenient rules), recall on HPO
// synonyms held out of the index, and speed. `--errors` prints the misses of the tuning split.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadHpo } from '../core/hpo/hpo-cache.js';
import { TermExtractor } from '../core/hpo/extract/term-extractor.js';
import {
  addCounts,
  GoldNoteSchema,
  prf,
  sampleHeldOutSynonyms,
  scoreNote,
  withinSteps,
  LENIENT_STEPS,
  type Counts,
  type GoldNote,
  type MatchRule,
} from '../core/hpo/extract/evaluation.js';
import type { Ontology } from '../core/hpo/ontology.js';
import { median, quantile } from '../core/util/stats.js';

const DEV = 'bench/data/extract-dev.jsonl';
const SEED = 20261125;

if (process.argv.includes('--load-probe')) {
  // A fresh process: ontology from the derived cache, then the extraction dictionary.
  const t0 = performance.now();
  const hpo = await loadHpo();
  const t1 = performance.now();
  const ex = new TermExtractor(hpo.ontology);
  const t2 = performance.now();
  ex.extractWithDictionary('warm-up: floppy baby with fits');
  process.stdout.write(JSON.stringify({ ontologyMs: t1 - t0, dictionaryMs: t2 - t1, totalMs: t2 - t0, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const notes: GoldNote[] = readFileSync(DEV, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => GoldNoteSchema.parse(JSON.parse(l)));
// Every third note was set aside before any tuning and never looked at while tuning.
const isHeldOut = (n: GoldNote): boolean => Number(n.id.replace(/\D/g, '')) % 3 === 0;

const hpo = await loadHpo();
const extractor = new TermExtractor(hpo.ontology);
const predictions = new Map(notes.map((n) => [n.id, extractor.extractWithDictionary(n.text).terms]));

function evaluate(subset: GoldNote[], rule: MatchRule): Record<string, unknown> {
  let all: Counts = { tp: 0, fp: 0, fn: 0 };
  let negated: Counts = { tp: 0, fp: 0, fn: 0 };
  const kinds = new Map<string, Counts>();
  for (const n of subset) {
    const pred = predictions.get(n.id)!;
    const s = scoreNote(hpo.ontology, n.terms, pred, rule);
    all = addCounts(all, s);
    kinds.set(n.kind, addCounts(kinds.get(n.kind) ?? { tp: 0, fp: 0, fn: 0 }, s));
    negated = addCounts(
      negated,
      scoreNote(
        hpo.ontology,
        n.terms.filter((t) => t.negated),
        pred.filter((t) => t.negated),
        rule,
      ),
    );
  }
  return { notes: subset.length, overall: prf(all), negated: prf(negated), byKind: Object.fromEntries([...kinds].map(([k, c]) => [k, prf(c)])) };
}

/** Of the gold findings whose term was found (either polarity), how many got the polarity right. */
function negationAgreement(subset: GoldNote[]): { found: number; right: number; share: number } {
  let found = 0;
  let right = 0;
  for (const n of subset) {
    const pred = predictions.get(n.id)!.filter((t) => !t.uncertain);
    for (const g of n.terms) {
      const hits = pred.filter((p) => hpo.ontology.resolve(p.id).term?.id === hpo.ontology.resolve(g.id).term?.id);
      if (!hits.length) continue;
      found++;
      if (hits.some((p) => p.negated === g.negated)) right++;
    }
  }
  return { found, right, share: found ? right / found : 1 };
}

function hedges(subset: GoldNote[]): { gold: number; flagged: number } {
  let gold = 0;
  let flagged = 0;
  for (const n of subset)
    for (const h of n.hedged ?? []) {
      gold++;
      if (predictions.get(n.id)!.some((p) => p.id === h.id && p.uncertain)) flagged++;
    }
  return { gold, flagged };
}

function heldOutSynonyms(ontology: Ontology): Record<string, unknown> {
  const held = sampleHeldOutSynonyms(ontology, { fraction: 0.1, seed: SEED });
  const t0 = performance.now();
  const blind = new TermExtractor(ontology, { excludeSynonyms: held.map((h) => h.text) });
  const buildMs = performance.now() - t0;
  let strict = 0;
  let lenient = 0;
  let anyPrediction = 0;
  let predicted = 0;
  let correctPredictions = 0;
  for (const h of held) {
    const terms = blind.extractWithDictionary(h.text).terms.filter((t) => !t.negated && !t.uncertain);
    if (terms.length) anyPrediction++;
    predicted += terms.length;
    const gold = ontology.indexOf(h.id)!;
    const idx = terms.map((t) => ontology.indexOf(t.id)!);
    correctPredictions += idx.filter((i) => i === gold).length;
    if (idx.includes(gold)) strict++;
    if (idx.some((i) => withinSteps(ontology, i, gold, LENIENT_STEPS))) lenient++;
  }
  return {
    queries: held.length,
    seed: SEED,
    recallStrict: strict / held.length,
    recallLenient: lenient / held.length,
    queriesWithAnyTerm: anyPrediction / held.length,
    precisionStrict: predicted ? correctPredictions / predicted : 1,
    indexBuildMs: buildMs,
  };
}

function speed(): Record<string, unknown> {
  // A ~300-word note: the multi-finding notes, in file order, cut at the sentence that reaches 300 words.
  const words: string[] = [];
  for (const n of notes.filter((x) => x.kind === 'multi'))
    for (const s of n.text.split(/(?<=\.)\s+/)) {
      if (words.length >= 300) break;
      words.push(...s.split(/\s+/));
    }
  const note = words.join(' ');
  for (let i = 0; i < 50; i++) extractor.extractWithDictionary(note);
  const ms: number[] = [];
  for (let i = 0; i < 500; i++) {
    const t0 = performance.now();
    extractor.extractWithDictionary(note);
    ms.push(performance.now() - t0);
  }
  const script = fileURLToPath(import.meta.url);
  const probes = Array.from({ length: 5 }, () => JSON.parse(spawnSync(process.execPath, [script, '--load-probe'], { encoding: 'utf8' }).stdout) as Record<string, number>);
  const med = (k: string): number => median(probes.map((p) => p[k]!));
  return {
    noteWords: words.length,
    perNoteMedianMs: median(ms),
    perNoteP95Ms: quantile(ms, 0.95),
    freshProcessLoad: { ontologyMs: med('ontologyMs'), dictionaryMs: med('dictionaryMs'), totalMs: med('totalMs'), maxRssMb: med('maxRssMb') },
  };
}

if (process.argv.includes('--errors')) {
  for (const n of notes.filter((x) => !isHeldOut(x))) {
    const s = scoreNote(hpo.ontology, n.terms, predictions.get(n.id)!, 'strict');
    if (!s.fn && !s.fp) continue;
    process.stdout.write(`\n${n.id} [${n.kind}] ${n.text}\n`);
    for (const m of s.missed) process.stdout.write(`  missed ${m.negated ? 'NOT ' : ''}${m.id} ${m.name}\n`);
    for (const x of s.extra) {
      const p = predictions.get(n.id)!.find((t) => t.id === x.id && t.negated === x.negated)!;
      process.stdout.write(`  extra  ${x.negated ? 'NOT ' : ''}${x.id} ${p.name} [${p.text}] ${p.confidence}\n`);
    }
  }
  process.exit(0);
}

const tune = notes.filter((n) => !isHeldOut(n));
const held = notes.filter(isHeldOut);
const result = {
  date: new Date().toISOString().slice(0, 10),
  versions: hpo.versions,
  rules: { strict: 'same id (alt ids resolved) and same negation', lenient: `strict, or an ancestor/descendant within ${LENIENT_STEPS} is_a steps, same negation` },
  all: { strict: evaluate(notes, 'strict'), lenient: evaluate(notes, 'lenient'), negationAgreement: negationAgreement(notes), hedges: hedges(notes) },
  tuning: { strict: evaluate(tune, 'strict'), lenient: evaluate(tune, 'lenient') },
  heldOutNotes: { strict: evaluate(held, 'strict'), lenient: evaluate(held, 'lenient'), negationAgreement: negationAgreement(held) },
  heldOutSynonyms: heldOutSynonyms(hpo.ontology),
  speed: speed(),
};
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/extract.json', JSON.stringify(result, null, 2));
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
