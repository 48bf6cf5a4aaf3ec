/**
 * `odyssey analyze --case ID` (a case's first, or next, analysis) and
 * `odyssey reanalyze (--case ID | --all-unsolved)`: rank stored cases with the current
 * knowledge, store the new analysis with a diff against the previous one, and say what changed.
 * A batch shows progress on a terminal, stops cleanly on Ctrl-C, and resumes when rerun.
 */
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { OdysseyError } from '../../core/errors.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { RANKER_NAMES } from '../../core/genes/ranking/registry.js';
import { ALL_RANKERS, loadRanker } from '../../core/agents/rankers.js';
import { addAgentOptions, rankerOptionsFromFlags, type AgentFlags } from '../agent-options.js';
import { InlineEngine, type RankEngine } from '../../core/store/engine.js';
import { RankPool } from '../../core/store/rank-pool.js';
import { reanalyze, unsolvedCaseIds, type CaseOutcome } from '../../core/store/reanalyze.js';
import { type CliIO, printJson } from '../io.js';
import { positiveInt } from '../options.js';
import { parseCaseId, withStore } from './store-helpers.js';

interface Opts extends AgentFlags {
  case?: string;
  allUnsolved?: boolean;
  ranker?: string;
  top: string;
  force?: boolean;
  jobs: string;
  json?: boolean;
}

async function engineFor(jobs: number, o: Opts): Promise<RankEngine> {
  // Worker threads serve the knowledge-base rankers; agents run here, where their model calls
  // already overlap.
  if (jobs > 1 && (!o.ranker || (RANKER_NAMES as readonly string[]).includes(o.ranker))) return new RankPool(jobs);
  const { kb } = await loadKnowledgeBase();
  const options = rankerOptionsFromFlags(o);
  return new InlineEngine(kb, (name, k) => loadRanker(name, k, options));
}

function printOutcome(io: CliIO, o: CaseOutcome): void {
  if (o.status === 'analysed') io.out(`Case ${o.caseId}: analysis ${o.analysisId}. ${o.summary ?? ''}`);
  else if (o.status === 'skipped') io.out(`Case ${o.caseId}: skipped, ${o.reason}.`);
  else io.err(`error: case ${o.caseId} could not be analysed: ${o.reason}`);
}

async function run(io: CliIO, caseIds: (store: import('../../core/store/store.js').Store) => number[], o: Opts): Promise<void> {
  const top = positiveInt(o.top, '--top', 100);
  const jobs = positiveInt(o.jobs, '--jobs', 16);
  if (o.ranker && !(ALL_RANKERS as readonly string[]).includes(o.ranker)) {
    throw new OdysseyError('unknown-ranker', `There is no ranker called "${o.ranker}".`, `Choose one of: ${ALL_RANKERS.join(', ')}.`);
  }
  await withStore(async (store) => {
    const ids = caseIds(store);
    if (!ids.length) {
      io.out('No unsolved cases to analyse.');
      return;
    }
    const engine = await engineFor(jobs, o);
    const controller = new AbortController();
    const onSigint = (): void => {
      if (!controller.signal.aborted) io.err('\ninterrupted: finishing the case(s) in progress; run the same command again to resume.');
      controller.abort();
    };
    process.on('SIGINT', onSigint);
    const bar = io.isTTY && ids.length > 1 ? new cliProgress.SingleBar({ stream: process.stderr, format: 'analysing {bar} {value}/{total} cases | {eta}s left' }, cliProgress.Presets.shades_classic) : undefined;
    bar?.start(ids.length, 0);
    try {
      const report = await reanalyze(store, engine, ids, {
        ...(o.ranker ? { ranker: o.ranker } : {}),
        force: Boolean(o.force),
        top,
        signal: controller.signal,
        concurrency: jobs,
        onCase: (outcome, done) => {
          bar?.update(done);
          if (!o.json && (!bar || outcome.status !== 'skipped')) {
            bar?.stop();
            printOutcome(io, outcome);
            bar?.start(ids.length, done);
          }
        },
      });
      bar?.stop();
      const count = (s: CaseOutcome['status']): number => report.outcomes.filter((x) => x.status === s).length;
      if (o.json) printJson(io, { outcomes: report.outcomes, interrupted: report.interrupted });
      else if (ids.length > 1 || report.interrupted) {
        io.out(`${count('analysed')} analysed, ${count('skipped')} skipped, ${count('failed')} failed${report.interrupted ? `; stopped after ${report.outcomes.length} of ${ids.length} cases (rerun to resume)` : ''}.`);
      }
      if (count('failed')) {
        throw new OdysseyError('analysis-failed', `${count('failed')} case(s) could not be analysed (listed above); the others were stored.`, 'Check those cases with `odyssey case show ID` (they need at least one valid observed HPO term), then rerun.');
      }
    } finally {
      process.off('SIGINT', onSigint);
      bar?.stop();
      await engine.close();
    }
  });
}

function common(cmd: Command): Command {
  return addAgentOptions(cmd)
    .option('--ranker <name>', `ranking strategy: ${ALL_RANKERS.join(', ')} (default: the one used last for the case, else knowledge)`)
    .option('--top <n>', 'N for the "top N" the diff compares', '10')
    .option('--force', 'analyse even when an identical analysis (same findings, ranker and knowledge) exists')
    .option('--jobs <n>', 'cases ranked in parallel, one worker thread (~0.4 GB) each', '1')
    .option('--json', 'print {outcomes, interrupted} as JSON');
}

export function registerReanalyze(program: Command, io: CliIO): void {
  common(program.command('analyze').description('analyse a stored case with the current knowledge and store the result').requiredOption('--case <id>', 'case id')).action(
    async (o: Opts & { case: string }) => {
      const id = parseCaseId(o.case, '--case');
      await run(io, (store) => [store.cases.require(id).id], o);
    },
  );

  common(
    program
      .command('reanalyze')
      .description('rerun stored cases with the current knowledge; store the new analysis and what changed')
      .option('--case <id>', 'one case')
      .option('--all-unsolved', 'every unsolved case (resumes where an interrupted run stopped)'),
  ).action(async (o: Opts) => {
    if (Boolean(o.case) === Boolean(o.allUnsolved)) throw new OdysseyError('bad-option', 'Give either --case ID or --all-unsolved.', 'For example: odyssey reanalyze --all-unsolved --top 10');
    const id = o.case ? parseCaseId(o.case, '--case') : undefined;
    await run(io, (store) => (id !== undefined ? [store.cases.require(id).id] : unsolvedCaseIds(store)), o);
  });
}
