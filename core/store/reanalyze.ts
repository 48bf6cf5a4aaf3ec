/**
 * Analysing and reanalysing stored cases with the current knowledge. Each case's new analysis,
 * with its diff against the previous one, is committed in its own transaction as soon as it is
 * ranked, so an interrupted batch keeps every case it finished, and a rerun skips them: a case
 * is never analysed twice with the same ranker, knowledge versions and findings unless forced.
 */
import { sentPayloadsTranscript, type AgentReport } from '../genes/ranking/agent-report.js';
import type { RankQuery } from '../genes/ranking/types.js';
import { OdysseyError, isOdysseyError } from '../errors.js';
import { runKeyOf, type NewAnalysis } from './analyses.js';
import type { RankEngine, RankerDescription } from './engine.js';
import { STORED_TOP } from './engine.js';
import { contentKey } from './keys.js';
import type { Store } from './store.js';
import type { AnalysisDiff } from './types.js';

export const DEFAULT_RANKER = 'knowledge';

export interface CaseQueryInput {
  query: RankQuery;
  geneSetId?: number;
  /** SHA-256 of the query: changes when findings, demographics or candidate genes change. */
  inputHash: string;
}

/** The ranking query for a stored case: its findings, demographics and latest gene set. */
export function queryForCase(store: Store, caseId: number): CaseQueryInput {
  const c = store.cases.require(caseId);
  const phenotypes = store.phenotypes.list(caseId);
  const query: RankQuery = {
    observed: phenotypes.filter((p) => !p.excluded).map((p) => p.id),
    excluded: phenotypes.filter((p) => p.excluded).map((p) => p.id),
  };
  if (c.sex) query.sex = c.sex;
  if (c.ageYears !== undefined) query.ageYears = c.ageYears;
  if (c.onsetYears !== undefined) query.onsetYears = c.onsetYears;
  if (c.onsetTerm) query.onsetTerm = c.onsetTerm;
  const set = store.geneSets.latest(caseId);
  if (set) query.candidates = set.genes;
  // Entry order does not change a ranking, so it does not change the key either.
  const keyed = { ...query, observed: [...query.observed].sort(), excluded: [...(query.excluded ?? [])].sort() };
  return { query, ...(set ? { geneSetId: set.id } : {}), inputHash: contentKey(keyed) };
}

export type CaseOutcomeStatus = 'analysed' | 'skipped' | 'failed';

export interface CaseOutcome {
  caseId: number;
  status: CaseOutcomeStatus;
  analysisId?: number;
  /** Why a case was skipped or failed. */
  reason?: string;
  summary?: string;
  diff?: AnalysisDiff;
}

export interface ReanalyzeOptions {
  /** Ranker by name; default: the ranker of the case's previous analysis, else "knowledge". */
  ranker?: string;
  /** Analyse even if an identical analysis exists. */
  force?: boolean;
  /** N for the diff's "top N" (default 10). */
  top?: number;
  /** Stops the batch after the cases in flight are stored. */
  signal?: AbortSignal;
  /** Cases ranked at once (match the engine's worker count). */
  concurrency?: number;
  onCase?: (outcome: CaseOutcome, done: number, total: number) => void;
}

export interface ReanalyzeReport {
  outcomes: CaseOutcome[];
  interrupted: boolean;
}

/** The unsolved cases, oldest first. */
export function unsolvedCaseIds(store: Store): number[] {
  return store.db.prepare("SELECT id FROM cases WHERE status = 'unsolved' ORDER BY id").pluck().all() as number[];
}

function errorText(e: unknown): string {
  return isOdysseyError(e) ? `${e.message}${e.hint ? ` (${e.hint})` : ''}` : ((e as Error).message ?? String(e));
}

/**
 * What an analysis keeps of the agents' work: model, provider and prompt versions as columns; the
 * transcripts, and every payload sent exactly as sent, in the transcripts; the rest (solvability,
 * bias, verified claims, usage) in the parameters, so the record shows how the result was made.
 */
function agentFields(a: AgentReport | undefined, parameters: Record<string, unknown>): Pick<NewAnalysis, 'model' | 'provider' | 'promptVersions' | 'transcripts' | 'parameters'> {
  if (!a) return { parameters };
  const { transcripts, payloads, promptVersions, ...rest } = a;
  const sent = sentPayloadsTranscript(payloads);
  return {
    ...(a.model ? { model: a.model } : {}),
    ...(a.provider ? { provider: a.provider } : {}),
    ...(Object.keys(promptVersions).length ? { promptVersions } : {}),
    ...(transcripts.length || sent.length ? { transcripts: [...transcripts, ...sent] } : {}),
    parameters: { ...parameters, agent: rest },
  };
}

/** Analyses the given cases in order; see the module comment for the guarantees. */
export async function reanalyze(store: Store, engine: RankEngine, caseIds: readonly number[], options: ReanalyzeOptions = {}): Promise<ReanalyzeReport> {
  const descriptions = new Map<string, Promise<RankerDescription>>();
  const describe = (name: string): Promise<RankerDescription> => {
    let d = descriptions.get(name);
    if (!d) {
      d = engine.describe(name);
      descriptions.set(name, d);
    }
    return d;
  };
  const outcomes: CaseOutcome[] = [];
  const total = caseIds.length;
  const finish = (o: CaseOutcome): void => {
    outcomes.push(o);
    options.onCase?.(o, outcomes.length, total);
  };

  const one = async (caseId: number): Promise<void> => {
    let input: CaseQueryInput;
    let previousRanker: string | undefined;
    try {
      input = queryForCase(store, caseId);
      previousRanker = store.analyses.latest(caseId, { result: false })?.ranker.name;
    } catch (e) {
      return finish({ caseId, status: 'failed', reason: errorText(e) });
    }
    if (!input.query.observed.length) return finish({ caseId, status: 'skipped', reason: 'no observed phenotypes to rank' });
    const rankerName = options.ranker ?? previousRanker ?? DEFAULT_RANKER;
    const d = await describe(rankerName);
    const runKey = runKeyOf({ ranker: d.ranker, knowledge: d.knowledge, inputHash: input.inputHash });
    const same = options.force ? undefined : store.analyses.findRun(caseId, runKey);
    if (same) return finish({ caseId, status: 'skipped', analysisId: same.id, reason: `already analysed with these findings, ranker ${d.ranker.name} v${d.ranker.version} and knowledge (analysis ${same.id})` });
    const base = {
      caseId,
      ranker: d.ranker,
      knowledge: d.knowledge,
      parameters: { top: STORED_TOP, explain: STORED_TOP, ...(input.geneSetId !== undefined ? { candidates: 'geneSet' } : { candidates: 'genome' }) },
      ...(input.geneSetId !== undefined ? { geneSetId: input.geneSetId } : {}),
      inputHash: input.inputHash,
      diffTop: options.top ?? 10,
    };
    const startedAt = new Date().toISOString();
    try {
      const ranked = await engine.rank(rankerName, input.query, options.signal);
      const rec = store.analyses.record({ ...base, ...agentFields(ranked.agent, base.parameters), status: 'done', startedAt: ranked.startedAt, durationMs: ranked.durationMs, result: ranked.result });
      finish({ caseId, status: 'analysed', analysisId: rec.id, ...(rec.summary ? { summary: rec.summary } : {}), ...(rec.diff ? { diff: rec.diff } : {}) });
    } catch (e) {
      // The failure is stored too, so the case shows it was tried and why it failed.
      const reason = errorText(e);
      try {
        const rec = store.analyses.record({ ...base, status: 'failed', startedAt, durationMs: 0, error: reason });
        finish({ caseId, status: 'failed', analysisId: rec.id, reason });
      } catch (e2) {
        finish({ caseId, status: 'failed', reason: `${reason}; and could not be recorded: ${errorText(e2)}` });
      }
    }
  };

  // A few cases in flight keep every worker busy; an abort stops taking new ones, and those in
  // flight are still ranked and committed before this returns.
  const concurrency = Math.max(1, options.concurrency ?? 1);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < caseIds.length && !options.signal?.aborted) {
      await one(caseIds[next++]!);
      // In-process ranking never leaves the microtask queue, so without this turn of the event
      // loop a Ctrl-C (SIGINT handler) would not run until the whole batch had finished.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { outcomes, interrupted: Boolean(options.signal?.aborted) && next < caseIds.length };
}

/** Analyses one case now (used by `odyssey analyze`); throws when it cannot. */
export async function analyzeCase(store: Store, engine: RankEngine, caseId: number, options: Omit<ReanalyzeOptions, 'concurrency' | 'onCase'> = {}): Promise<CaseOutcome> {
  store.cases.require(caseId);
  const { outcomes } = await reanalyze(store, engine, [caseId], options);
  const o = outcomes[0]!;
  if (o.status === 'failed') throw new OdysseyError('analysis-failed', `Case ${caseId} could not be analysed: ${o.reason}`, 'Check the case\'s phenotypes with `odyssey case show ID`, fix them, and run the analysis again.');
  return o;
}
