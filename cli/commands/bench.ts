import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import Table from 'cli-table3';
import { existsSync } from 'node:fs';
import { readCases, type CaseItem } from '../../core/cases/sources.js';
import { runBenchmark, type BenchmarkReport } from '../../core/benchmark/run-benchmark.js';
import { OdysseyError } from '../../core/errors.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { ALL_RANKERS, loadRanker } from '../../core/agents/rankers.js';
import { type CliIO, printJson } from '../io.js';
import { positiveInt } from '../options.js';
import { addAgentOptions, dcConfigFromFlags, type AgentFlags } from '../agent-options.js';

interface BenchOpts extends AgentFlags {
  cases: string;
  level: string;
  candidates?: string;
  seed: string;
  ranker: string;
  limit?: string;
  json?: boolean;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function printReport(io: CliIO, r: BenchmarkReport): void {
  io.out(
    `${r.level}-level benchmark, ranker ${r.ranker.name}${r.candidates ? `, candidate sets of ${r.candidates} (seed ${r.seed})` : ', genome-wide'}`,
  );
  io.out(
    `${r.cases} cases ranked, ${r.skipped} skipped, ${r.notInKnowledgeBase} with the true ${r.level} missing from the knowledge base (counted as misses)`,
  );
  const t = new Table({
    head: ['stratum', 'cases', 'top1', 'top3', 'top10', 'top50', 'MRR'],
    style: { head: [], border: [] },
  });
  const row = (
    name: string,
    m: { cases: number; top1: number; top3: number; top10: number; top50: number; mrr: number },
  ): void => {
    t.push([name, m.cases, pct(m.top1), pct(m.top3), pct(m.top10), pct(m.top50), m.mrr.toFixed(3)]);
  };
  row('all', r);
  row('independent of annotation literature', r.strata.literature.independent);
  row('overlapping annotation literature', r.strata.literature.overlapping);
  for (const [k, m] of Object.entries(r.strata.terms)) row(`${k} terms`, m);
  io.out(t.toString());
  io.out(`ms per case: median ${r.msPerCase.median}, p95 ${r.msPerCase.p95}`);
  const a = r.agents;
  if (a) {
    io.out(
      `agents: ${a.callsPerCase.median} calls per case (planned ${a.plannedCallsPerCase.median}), ${a.promptTokensPerCase.median} prompt + ${a.completionTokensPerCase.median} completion tokens per case, cost ${a.costUsd === null ? 'unknown (no prices configured)' : `$${a.costUsd}`}, wall ${a.wallMsPerCase.median} ms per case`,
    );
    for (const [label, s] of Object.entries(a.solvability))
      io.out(`  ${label}: ${s.cases} cases, top-1 ${pct(s.top1)}`);
    io.out(
      `  input-order Kendall tau (median) ${a.medianOrderKendallTau ?? 'n/a'}, popularity correlation (median) ${a.medianPopularityCorrelation ?? 'n/a'}; ${a.unsupportedClaims} of ${a.claims} claims unsupported`,
    );
  }
}

export function registerBench(program: Command, io: CliIO): void {
  const cmd = program
    .command('bench')
    .description('measure ranking accuracy on solved phenopackets (folder, .tar.gz or JSONL)')
    .requiredOption('--cases <path>', 'phenopackets: a folder, a .tar.gz archive or a JSONL file')
    .option('--level <level>', 'gene or disease', 'gene')
    .option('--candidates <k>', 'rank within K genes: the causal gene plus K−1 seeded decoys')
    .option('--seed <s>', 'seed for the decoys', '1')
    .option('--ranker <name>', `ranking strategy: ${ALL_RANKERS.join(', ')}`, 'knowledge')
    .option('--limit <n>', 'stop after N ranked cases')
    .option('--json', 'print the report as one JSON object');
  addAgentOptions(cmd).action(async (o: BenchOpts) => {
    if (o.level !== 'gene' && o.level !== 'disease')
      throw new OdysseyError(
        'bad-option',
        `--level must be gene or disease, not "${o.level}".`,
        'For example: --level disease',
      );
    const candidates =
      o.candidates === undefined ? undefined : positiveInt(o.candidates, '--candidates', 100000);
    const limit = o.limit === undefined ? undefined : positiveInt(o.limit, '--limit');
    const seed = Number(o.seed);
    if (!Number.isInteger(seed))
      throw new OdysseyError(
        'bad-option',
        `--seed must be a whole number, not "${o.seed}".`,
        'For example: --seed 1',
      );
    if (!existsSync(o.cases))
      throw new OdysseyError(
        'file-missing',
        `Case input not found: ${o.cases}`,
        'Give a folder of phenopackets, a .tar.gz archive of them or a JSONL file.',
      );
    if (candidates === undefined && o.seed !== '1')
      io.err('note: --seed only matters with --candidates; it is ignored here.');
    const { kb } = await loadKnowledgeBase();
    const ranker = await loadRanker(o.ranker, kb, { dc: dcConfigFromFlags(o) });
    // Cases are read up front so the progress bar knows its total; with --limit only as many as needed.
    const items: CaseItem[] = [];
    let readable = 0;
    for await (const item of readCases(o.cases)) {
      items.push(item);
      if (item.case && ++readable >= (limit ?? Infinity)) break;
    }
    const total = limit === undefined ? items.length : Math.min(limit, items.length);
    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    process.once('SIGINT', onSigint);
    const bar = io.isTTY
      ? new cliProgress.SingleBar(
          { stream: process.stderr, format: 'ranking {bar} {value}/{total} cases | {eta}s left' },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
    bar?.start(total, 0);
    try {
      const report = await runBenchmark(
        kb,
        ranker,
        (async function* () {
          yield* items;
        })(),
        {
          level: o.level,
          ...(candidates ? { candidates, seed } : {}),
          ...(limit !== undefined ? { limit } : {}),
          signal: controller.signal,
          onProgress: (n) => bar?.update(n),
        },
      );
      bar?.stop();
      if (controller.signal.aborted)
        io.err(`interrupted: the report covers the first ${report.cases} cases`);
      if (o.json) printJson(io, report);
      else printReport(io, report);
    } finally {
      process.off('SIGINT', onSigint);
      bar?.stop();
    }
  });
}
