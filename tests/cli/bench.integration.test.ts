import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BenchmarkReport } from '../../core/benchmark/run-benchmark.js';
import type { RankMetrics } from '../../core/benchmark/metrics.js';
import { requireDataFile } from '../../core/data/installed.js';
import { fixture } from '../helpers.js';
import { runCli } from './run-cli.js';

// Runs `odyssey bench` in-process on hand-written cases and on the real Phenopacket Store archive.
const BIN = fileURLToPath(new URL('../../bin/odyssey.js', import.meta.url));
const JSONL = fixture('cli', 'three-cases.jsonl'); // KCNT1 (cites the DEE14 annotation paper), SCN1A, FBN1
const NO_STACK = /\n\s+at /;
const METRICS = ['cases', 'top1', 'top3', 'top5', 'top10', 'top50', 'mrr'] as const;

async function bench(...args: string[]): Promise<BenchmarkReport> {
  const r = await runCli('bench', ...args, '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as BenchmarkReport;
}

/** Metrics that hold for any report: rates in [0, 1], top-k never shrinking with k, MRR between top1 and 1. */
function checkMetrics(m: RankMetrics): void {
  for (const k of METRICS) expect(m[k], k).toEqual(expect.any(Number));
  const rates = [m.top1, m.top3, m.top5, m.top10, m.top50];
  for (const x of [...rates, m.mrr]) expect(x).toBeGreaterThanOrEqual(0);
  expect(rates).toEqual([...rates].sort((a, b) => a - b));
  expect(m.top50).toBeLessThanOrEqual(1);
  // MRR is pinned between what the top-k rates allow (a hit in ranks 2-3 is worth 1/3 to 1/2, ...).
  const bands = [m.top1, m.top3 - m.top1, m.top5 - m.top3, m.top10 - m.top5, m.top50 - m.top10];
  const low = [1, 3, 5, 10, 50].reduce((a, worst, i) => a + bands[i]! / worst, 0);
  const high = [1, 2, 4, 6, 11].reduce((a, best, i) => a + bands[i]! / best, 0) + (1 - m.top50) / 51;
  expect(m.mrr).toBeGreaterThanOrEqual(low - 1e-3);
  expect(m.mrr).toBeLessThanOrEqual(high + 1e-3);
}

/** The report's shape, and strata that partition (literature, terms) or cover (categories) its cases. */
function checkReport(r: BenchmarkReport): void {
  expect(Object.keys(r)).toEqual(expect.arrayContaining(['cases', 'skipped', ...METRICS, 'msPerCase', 'strata']));
  checkMetrics(r);
  expect(r.skipped).toBe(Object.values(r.skipReasons).reduce((a, b) => a + b, 0));
  expect(r.msPerCase.median).toBeGreaterThan(0);
  expect(r.msPerCase.p95).toBeGreaterThanOrEqual(r.msPerCase.median);
  expect(r.versions.hpo).toBe('2026-02-16');
  const { literature, terms, categories } = r.strata;
  expect(Object.keys(literature).sort()).toEqual(['independent', 'overlapping']);
  expect(literature.overlapping.cases + literature.independent.cases).toBe(r.cases);
  for (const k of Object.keys(terms)) expect(['1-3', '4-7', '8-15', '16+']).toContain(k);
  expect(Object.values(terms).reduce((a, m) => a + m.cases, 0)).toBe(r.cases);
  const byCategory = Object.values(categories);
  expect(byCategory.length).toBeGreaterThan(0);
  expect(byCategory.map((m) => m.cases)).toEqual(byCategory.map((m) => m.cases).sort((a, b) => b - a));
  for (const m of [literature.overlapping, literature.independent, ...Object.values(terms), ...byCategory]) {
    expect(Object.keys(m).sort()).toEqual([...METRICS].sort());
    checkMetrics(m);
    expect(m.cases).toBeLessThanOrEqual(r.cases);
  }
}

const withoutTimings = (r: BenchmarkReport) => ({ ...r, msPerCase: undefined });

describe('odyssey bench on hand-written phenopackets', () => {
  it('reports gene-level metrics and strata for a JSONL of three solved cases', async () => {
    const r = await bench('--cases', JSONL);
    checkReport(r);
    expect(r).toMatchObject({ level: 'gene', cases: 3, skipped: 0, notInKnowledgeBase: 0, candidates: null, seed: null });
    expect(r.ranker.name).toBe('knowledge');
    // Three cases: every rate is a whole number of thirds.
    for (const k of ['top1', 'top3', 'top5', 'top10', 'top50'] as const) expect(Math.abs(r[k] * 3 - Math.round(r[k] * 3))).toBeLessThan(1e-3);
    expect(r.top1).toBeGreaterThanOrEqual(0.6666); // KCNT1 and FBN1 come first
    expect(r.top50).toBe(1);
    expect(r.strata.literature.overlapping.cases).toBe(1); // only the KCNT1 case cites a PMID the annotations cite
    expect(r.strata.literature.overlapping.top1).toBe(1);
    expect(r.strata.literature.independent.cases).toBe(2);
    expect(r.strata.terms).toEqual({ '4-7': expect.objectContaining({ cases: 3 }) });
    expect(r.strata.categories['Abnormality of the nervous system']?.cases).toBe(3);
    expect(r.strata.categories['Abnormality of the cardiovascular system']?.cases).toBe(1); // the Marfan case
  });

  it('reads a single phenopacket, works at disease level, and prints a table without --json', async () => {
    const one = await bench('--cases', fixture('cli', 'kcnt1-case.json'));
    expect(one).toMatchObject({ cases: 1, top1: 1, mrr: 1 });

    const disease = await bench('--cases', JSONL, '--level', 'disease');
    checkReport(disease);
    expect(disease).toMatchObject({ level: 'disease', cases: 3, notInKnowledgeBase: 0 });
    expect(disease.top50).toBe(1);

    const { code, out } = await runCli('bench', '--cases', JSONL);
    expect(code).toBe(0);
    expect(out).toMatch(/^gene-level benchmark, ranker knowledge, genome-wide\n3 cases ranked, 0 skipped/);
    expect(out).toMatch(/│ all\s+│ 3\s+│ [\d.]+%/);
    expect(out).toMatch(/│ independent of annotation literature\s+│ 2\s+│/);
    expect(out).toMatch(/│ 4-7 terms\s+│ 3\s+│/);
    expect(out).toMatch(/ms per case: median [\d.]+, p95 [\d.]+/);
  });
});

describe('odyssey bench on the Phenopacket Store archive (first 200 cases)', () => {
  const archive = requireDataFile('cases');
  let knowledge: BenchmarkReport;
  let resnik: BenchmarkReport;
  beforeAll(async () => {
    knowledge = await bench('--cases', archive, '--limit', '200');
    resnik = await bench('--cases', archive, '--limit', '200', '--ranker', 'resnik');
  });

  it('ranks 200 cases into a complete report', () => {
    checkReport(knowledge);
    expect(knowledge).toMatchObject({ level: 'gene', cases: 200, candidates: null });
    expect(knowledge.ranker.name).toBe('knowledge');
    // A floor well under today's figure (~0.77): catches a broken ranker or truth mapping, not tuning.
    expect(knowledge.top1).toBeGreaterThan(0.5);
    expect(knowledge.notInKnowledgeBase).toBeLessThan(20);
    expect(Object.keys(knowledge.strata.terms).length).toBeGreaterThan(1);
    expect(knowledge.strata.literature.independent.cases).toBeGreaterThan(0);
  });

  it('the knowledge ranker matches or beats plain Resnik on the same cases', () => {
    checkReport(resnik);
    expect(resnik.ranker.name).toBe('resnik');
    expect(resnik.cases).toBe(knowledge.cases);
    expect(resnik.skipped).toBe(knowledge.skipped);
    expect(knowledge.top1).toBeGreaterThanOrEqual(resnik.top1);
    expect(knowledge.mrr).toBeGreaterThanOrEqual(resnik.mrr);
  });

  it('--level disease ranks the true disease', async () => {
    const r = await bench('--cases', archive, '--limit', '200', '--level', 'disease');
    checkReport(r);
    expect(r).toMatchObject({ level: 'disease', cases: 200 });
    expect(r.top1).toBeGreaterThan(0.5);
    expect(r.notInKnowledgeBase).toBeLessThan(20);
  });

  it('--candidates 10 --seed 3 is easier than genome-wide and reproducible', async () => {
    const a = await bench('--cases', archive, '--limit', '200', '--candidates', '10', '--seed', '3');
    const b = await bench('--cases', archive, '--limit', '200', '--candidates', '10', '--seed', '3');
    checkReport(a);
    expect(a).toMatchObject({ candidates: 10, seed: 3, cases: 200 });
    expect(a.top1).toBeGreaterThanOrEqual(knowledge.top1);
    expect(a.mrr).toBeGreaterThan(knowledge.mrr);
    // Within 10 candidates every true gene the knowledge base knows lands in the top 10.
    expect(a.top10).toBeCloseTo(1 - a.notInKnowledgeBase / a.cases, 4);
    expect(withoutTimings(b)).toEqual(withoutTimings(a));
  });
});

describe('odyssey bench errors', () => {
  const cases: [string, string[], RegExp][] = [
    ['a bad --level', ['--level', 'variant'], /--level must be gene or disease, not "variant"/],
    ['--candidates 0', ['--candidates', '0'], /--candidates must be a whole number from 1 to 100000, not "0"/],
    ['a bad --seed', ['--candidates', '5', '--seed', 'x'], /--seed must be a whole number, not "x"/],
    ['an unknown ranker', ['--ranker', 'magic'], /There is no ranker called "magic"/],
  ];
  it.each(cases)('exits 2 with error and fix, no stack trace: %s', async (_name, args, message) => {
    const { code, out, err } = await runCli('bench', '--cases', JSONL, ...args, '--json');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toMatch(/^error: .+\n {2}fix: .+/);
    expect(err).not.toMatch(NO_STACK);
  });

  it('the real binary exits 2 for a bad --level and for a missing case input', () => {
    const level = spawnSync(process.execPath, [BIN, 'bench', '--cases', JSONL, '--level', 'variant'], { encoding: 'utf8' });
    expect(level.status).toBe(2);
    expect(level.stdout).toBe('');
    expect(level.stderr).toMatch(/^error: --level must be gene or disease, not "variant"\.\n {2}fix: For example: --level disease/);
    const missing = spawnSync(process.execPath, [BIN, 'bench', '--cases', fixture('cli', 'missing.jsonl')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error: Case input not found: .*missing\.jsonl\n {2}fix: /);
    expect(level.stderr + missing.stderr).not.toMatch(NO_STACK);
  });

  it('a missing --cases is a usage error (exit 1)', async () => {
    const { code, err } = await runCli('bench', '--json');
    expect(code).toBe(1);
    expect(err).toMatch(/required option '--cases <path>' not specified/);
  });
});
