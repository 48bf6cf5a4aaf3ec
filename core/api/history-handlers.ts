/**
 * The Reanalysis screen's operations: a case's analyses with what each one used (method,
 * knowledge, findings, candidate genes), and the difference between any two of them, computed by
 * the store's diffResults and put in words by history-words.ts.
 */
import { OdysseyError } from '../errors.js';
import type { Ontology } from '../hpo/ontology.js';
import { diffResults } from '../store/diff.js';
import { queryForCase } from '../store/reanalyze.js';
import type { Store } from '../store/store.js';
import type { AnalysisResult, AnalysisWithResult, GeneMove } from '../store/types.js';
import type { HistoryEntryT, HistoryFindingT, ResponseOf } from './contract.js';
import type { ApiContext } from './context.js';
import { RANKER_LABELS } from './engine.js';
import type { Handlers } from './handlers.js';
import {
  findingChanges,
  findingTrail,
  sameFindings,
  type CaseFindingTrail,
  type FindingKey,
} from './history-findings.js';
import {
  candidatesText,
  diffHeadline,
  diffSummary,
  knowledgeChanges,
  settingsChanges,
  type DiffWords,
} from './history-words.js';

function requireCase(store: Store, caseId: number): void {
  if (!store.cases.get(caseId))
    throw new OdysseyError(
      'case-not-found',
      `There is no case ${caseId}.`,
      'Go back to the Cases list and open the case from there; it may have been deleted.',
    );
}

/** One analysis of the case, with its result; refuses an id that is not this case's. */
function analysisOf(store: Store, caseId: number, id: number): AnalysisWithResult {
  const a = store.analyses.get(id, { result: true });
  if (!a)
    throw new OdysseyError(
      'analysis-missing',
      `There is no analysis ${id}.`,
      "Choose one of the analyses listed in this case's history.",
    );
  if (a.caseId !== caseId)
    throw new OdysseyError(
      'analysis-missing',
      `Analysis ${id} belongs to another case, not to case ${caseId}.`,
      "Choose one of the analyses listed in this case's history.",
    );
  return a;
}

function named(o: Ontology, f: FindingKey): HistoryFindingT {
  return { id: f.id, name: o.get(f.id)?.name ?? f.id, excluded: f.excluded };
}

interface EntryContext {
  store: Store;
  ontology: Ontology;
  trail: CaseFindingTrail;
  /** The input hash of the case as it is now. */
  inputHash: string;
  top: number;
}

function candidates(store: Store, a: AnalysisWithResult): HistoryEntryT['candidates'] {
  if (a.geneSetId === undefined) return { scope: 'genome', description: candidatesText({}) };
  const set = store.geneSets.get(a.geneSetId);
  const known = set ? { count: set.genes.length, source: set.kind } : {};
  return {
    scope: 'candidate-list',
    ...known,
    description: candidatesText({ list: true, ...known }),
  };
}

function entry(c: EntryContext, a: AnalysisWithResult): HistoryEntryT {
  const used = c.trail.at.get(a.id);
  const terms = (used ?? []).map((f) => named(c.ontology, f));
  return {
    id: a.id,
    status: a.status,
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    durationMs: a.durationMs,
    ranker: {
      name: a.ranker.name,
      version: a.ranker.version,
      label: RANKER_LABELS[a.ranker.name]?.label ?? a.ranker.name,
    },
    ...(a.model ? { model: a.model } : {}),
    ...(a.provider ? { provider: a.provider } : {}),
    knowledge: { ...a.knowledge },
    findings: {
      known: used !== undefined,
      observed: terms.filter((t) => !t.excluded).length,
      excluded: terms.filter((t) => t.excluded).length,
      terms,
      differFromCurrent: used !== undefined && !sameFindings(used, c.trail.current),
    },
    inputsCurrent: a.inputHash === c.inputHash,
    candidates: candidates(c.store, a),
    topGenes: (a.result?.genes ?? [])
      .slice(0, c.top)
      .map(({ symbol, rank, score }) => ({ symbol, rank, score })),
    genesScored: a.result?.scored.genes ?? 0,
    ...(a.summary ? { summary: a.summary } : {}),
    ...(a.error ? { error: a.error } : {}),
    hasDifferential: Boolean(a.result?.differential),
  };
}

async function entryContext(ctx: ApiContext, caseId: number, top: number): Promise<EntryContext> {
  const ontology = (await ctx.kb()).hpo.ontology;
  const store = ctx.store;
  return {
    store,
    ontology,
    trail: findingTrail(store, caseId),
    inputHash: queryForCase(store, caseId).inputHash,
    top,
  };
}

/** A failed analysis stored no ranking, so there is nothing to compare it with. */
function requireResult(a: AnalysisWithResult): AnalysisResult {
  if (a.result) return a.result;
  throw new OdysseyError(
    'analysis-no-result',
    `Analysis ${a.id} failed${a.error ? ` (${a.error})` : ''}, so it has no ranking to compare.`,
    'Choose a finished analysis; failed ones are marked in the history.',
  );
}

/** Adds each gene's score in both analyses to the store's rank moves. */
function withScores(moves: GeneMove[], from: AnalysisResult, to: AnalysisResult) {
  const before = new Map(from.genes.map((g) => [g.symbol, g.score]));
  const after = new Map(to.genes.map((g) => [g.symbol, g.score]));
  return moves.map((m) => ({
    ...m,
    scoreFrom: before.get(m.symbol) ?? null,
    scoreTo: after.get(m.symbol) ?? null,
  }));
}

/** The two analyses compared, with the findings that changed named: what the words are made of. */
function compare(
  c: EntryContext,
  from: AnalysisWithResult,
  to: AnalysisWithResult,
  top: number,
): DiffWords {
  const fromResult = requireResult(from);
  const toResult = requireResult(to);
  const diff = diffResults(
    from,
    { ranker: to.ranker, knowledge: to.knowledge, inputHash: to.inputHash, result: toResult },
    top,
  );
  const usedFrom = c.trail.at.get(from.id);
  const usedTo = c.trail.at.get(to.id);
  const changes =
    usedFrom && usedTo ? findingChanges(usedFrom, usedTo) : { added: [], removed: [], flipped: [] };
  const findings = {
    known: Boolean(usedFrom && usedTo),
    added: changes.added.map((f) => named(c.ontology, f)),
    removed: changes.removed.map((f) => named(c.ontology, f)),
    flipped: changes.flipped.map((f) => named(c.ontology, f)),
  };
  const settings = settingsChanges(
    from,
    to,
    candidates(c.store, from).description,
    candidates(c.store, to).description,
  );
  return { diff, findings, from, to, settings, fromResult, toResult };
}

/** The top N the history's one-line changes cover: the store's own diff default. */
const ROW_TOP = 10;

export const historyHandlers: Pick<Handlers, 'listAnalyses' | 'diffAnalyses'> = {
  listAnalyses: async (ctx, r): Promise<ResponseOf<'listAnalyses'>> => {
    requireCase(ctx.store, r.caseId);
    const kb = await ctx.kb();
    const c = await entryContext(ctx, r.caseId, r.top);
    const all = ctx.store.analyses
      .list(r.caseId)
      .map((a): AnalysisWithResult => ctx.store.analyses.get(a.id, { result: true }) ?? a);
    const byId = new Map(all.map((a) => [a.id, a]));
    const analyses = all.map((a) => {
      const prev = a.previousId === undefined ? undefined : byId.get(a.previousId);
      const change =
        prev?.result && a.result ? diffHeadline(compare(c, prev, a, ROW_TOP)) : undefined;
      return {
        ...entry(c, a),
        ...(prev ? { previousId: prev.id } : {}),
        ...(change ? { change } : {}),
      };
    });
    return {
      caseId: r.caseId,
      analyses,
      knowledgeNow: { ...kb.versions },
      current: {
        observed: c.trail.current.filter((f) => !f.excluded).length,
        excluded: c.trail.current.filter((f) => f.excluded).length,
      },
    };
  },

  diffAnalyses: async (ctx, r): Promise<ResponseOf<'diffAnalyses'>> => {
    const store = ctx.store;
    requireCase(store, r.caseId);
    if (r.fromId === r.toId)
      throw new OdysseyError(
        'same-analysis',
        `Analysis ${r.fromId} was chosen twice.`,
        'Choose two different analyses to compare.',
      );
    const from = analysisOf(store, r.caseId, r.fromId);
    const to = analysisOf(store, r.caseId, r.toId);
    const c = await entryContext(ctx, r.caseId, 5);
    const w = compare(c, from, to, r.top);
    const { diff: d, fromResult, toResult } = w;
    return {
      from: entry(c, from),
      to: entry(c, to),
      top: r.top,
      headline: diffHeadline(w),
      summary: diffSummary(w),
      topGene: d.topGene,
      entered: withScores(d.enteredTop, fromResult, toResult),
      dropped: withScores(d.leftTop, fromResult, toResult),
      moved: withScores(d.moved, fromResult, toResult),
      newDiseases: d.newDiseases,
      findings: w.findings,
      inputsChanged: d.inputsChanged,
      knowledgeChanged: knowledgeChanges(d),
      settingsChanged: w.settings,
      listed: d.listed,
    };
  },
};
