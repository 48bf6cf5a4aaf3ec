/**
 * The differential operations: draw the journey-style differential diagnosis of a stored case
 * with the knowledge engine (stored as an analysis, as `odyssey ddx --case-id` does), and read a
 * stored one back. The view is the stored journey reshaped for the screen, never recomputed, so
 * what the app shows is what the store and the reports hold.
 */
import { loadCalibration } from '../agents/journey/calibration.js';
import { KnowledgeJourneyEngine } from '../agents/journey/knowledge-engine.js';
import { modelUnavailable } from '../agents/onnx-ranker/onnx-ranker.js';
import { journeyForStoredCase } from '../agents/journey/record.js';
import type { EvidenceAgainst, Journey, StepOf } from '../agents/journey/schema.js';
import { OdysseyError } from '../errors.js';
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import { PhenotypeRanker } from '../genes/ranking/phenotype-ranker.js';
import { runKeyOf } from '../store/analyses.js';
import { queryForCase } from '../store/reanalyze.js';
import type { Store } from '../store/store.js';
import type { AnalysisRecord, AnalysisWithResult } from '../store/types.js';
import type { DifferentialBudget, ResponseOf } from './contract.js';
import type { ApiContext } from './context.js';
import type { Handlers } from './handlers.js';
import { requireAnalysis } from './report-export.js';

type View = ResponseOf<'getDifferential'>;
type TestView = View['tests'][number];

const CONFLICT_KINDS: readonly EvidenceAgainst['kind'][] = ['onset', 'sex', 'inheritance'];

// One journey engine per API context: it shares the context's rankers and their indexes.
const engines = new WeakMap<ApiContext, Promise<KnowledgeJourneyEngine>>();

function journeyEngine(ctx: ApiContext): Promise<KnowledgeJourneyEngine> {
  let e = engines.get(ctx);
  if (!e) {
    e = (async () => {
      const kb = await ctx.kb();
      const rankers = await ctx.engine();
      const ranker = await rankers.ranker('knowledge');
      // Hypotheses come from the ONNX ranker when its model is installed (it places the right
      // disease first more often; bench/RESULTS.md, issue 7), else from the knowledge ranker.
      const source = await rankers.ranker('onnx').catch((e: unknown) => {
        if (modelUnavailable(e)) return undefined;
        throw e;
      });
      return new KnowledgeJourneyEngine(kb, {
        calibration: loadCalibration(),
        ...(ranker instanceof PhenotypeRanker ? { ranker } : {}),
        ...(source ? { source } : {}),
      });
    })();
    // A failed load (a missing calibration file) is tried again on the next request.
    e.catch(() => engines.delete(ctx));
    engines.set(ctx, e);
  }
  return e;
}

/** What a stored differential was drawn with (see record.ts), for finding an identical one. */
interface DifferentialParams {
  engine?: string;
  budget?: string;
  excludeDiseases?: string[];
}
const paramsOf = (a: AnalysisRecord): DifferentialParams | undefined =>
  a.parameters.differential as DifferentialParams | undefined;

/**
 * A stored knowledge differential drawn from the same findings, budget, ranker, calibration and
 * knowledge: drawing it again would give the same journey.
 */
function sameDifferential(
  store: Store,
  engine: KnowledgeJourneyEngine,
  caseId: number,
  inputHash: string,
  budget: DifferentialBudget,
): AnalysisRecord | undefined {
  const runKey = runKeyOf({
    ranker: engine.hypothesisRanker.info,
    knowledge: engine.kb.versions,
    inputHash,
    promptVersions: engine.versions,
  });
  return store.analyses.list(caseId).find((a) => {
    const p = paramsOf(a);
    return (
      a.status === 'done' &&
      a.runKey === runKey &&
      p?.engine === 'knowledge' &&
      p.budget === budget &&
      !p.excludeDiseases?.length
    );
  });
}

/** The case's latest differential, or the given analysis's; a clear error when there is none. */
function requireDifferential(
  store: Store,
  caseId: number,
  analysisId: number | undefined,
): { analysis: AnalysisWithResult; journey: Journey } {
  store.cases.require(caseId);
  const id =
    analysisId ?? store.analyses.list(caseId).find((a) => a.status === 'done' && paramsOf(a))?.id;
  if (id === undefined) {
    throw new OdysseyError(
      'differential-missing',
      `No differential diagnosis has been drawn for case ${caseId} yet.`,
      'Choose a budget and press "Run differential" on the Differential screen.',
    );
  }
  const analysis = requireAnalysis(store, caseId, id);
  const journey = analysis.result?.differential;
  if (!journey) {
    throw new OdysseyError(
      'differential-missing',
      `Analysis ${id} of case ${caseId} is a gene ranking without a differential diagnosis.`,
      "Open the case's latest differential, or run one on the Differential screen.",
    );
  }
  return { analysis, journey };
}

function testViews(j: Journey, genesOf: (diseaseId: string) => string[]): TestView[] {
  const initialRank = new Map<string, number>();
  const dropped = new Map<string, string>();
  const tested: { step: StepOf<'test'>; round: number }[] = [];
  let round = 0;
  for (const s of j.steps) {
    if (s.kind === 'hypotheses')
      for (const c of s.candidates) initialRank.set(c.diseaseId, c.initialRank);
    if (s.kind === 'reflection') {
      round = s.round;
      for (const c of s.changes) if (c.action === 'dropped') dropped.set(c.diseaseId, c.reason);
    }
    if (s.kind === 'test') tested.push({ step: s, round });
  }
  // Where each ended is known only once every reflection round has been read.
  const outcome = (diseaseId: string): TestView['outcome'] => {
    const entry = j.differential.findIndex((e) => e.diseaseId === diseaseId);
    if (entry >= 0)
      return {
        kind: 'in-differential',
        rank: entry + 1,
        probability: j.differential[entry]!.probability,
      };
    const reason = dropped.get(diseaseId);
    return reason ? { kind: 'dropped', reason } : { kind: 'not-shown' };
  };
  return tested.map(({ step: s, round: after }) => {
    const rank = initialRank.get(s.diseaseId);
    return {
      diseaseId: s.diseaseId,
      name: s.name,
      genes: genesOf(s.diseaseId),
      ...(rank !== undefined ? { initialRank: rank } : {}),
      // Reflection round r (r ≥ 2) goes back for more candidates before its step is written.
      ...(after > 0 ? { backtrackRound: after + 1 } : {}),
      evidenceFor: s.evidenceFor,
      evidenceAgainst: s.evidenceAgainst.filter((a) => !CONFLICT_KINDS.includes(a.kind)),
      conflicts: s.evidenceAgainst.filter((a) => CONFLICT_KINDS.includes(a.kind)),
      unexplained: s.unexplained,
      scoreBefore: s.scoreBefore,
      prior: s.prior,
      scoreAfter: s.scoreAfter,
      outcome: outcome(s.diseaseId),
    };
  });
}

/** What the view needs besides the journey: the case as it is now, and disease genes by id. */
interface ViewContext {
  /** How the case records each term now. */
  recorded: ReadonlyMap<string, 'observed' | 'excluded'>;
  currentInputHash: string;
  genesOf: (diseaseId: string) => string[];
}

/** The stored journey in the contract's shape. */
export function differentialView(a: AnalysisWithResult, j: Journey, c: ViewContext): View {
  const obs = j.steps.find((s) => s.kind === 'observations');
  const hyp = j.steps.find((s) => s.kind === 'hypotheses');
  const conclusion = j.steps.find((s) => s.kind === 'conclusion');
  const names = new Map<string, string>();
  for (const s of j.steps) if (s.kind === 'test') names.set(s.diseaseId, s.name);
  const term = (id: string) => ({ id, name: names.get(id) ?? id });
  return {
    analysisId: a.id,
    caseId: a.caseId,
    finishedAt: a.finishedAt,
    durationMs: a.durationMs,
    engine: j.engine,
    engineVersion: j.engineVersion,
    budget: j.budget,
    versions: j.versions,
    upToDate: a.inputHash === c.currentInputHash,
    work: j.work,
    warnings: j.warnings,
    excludedDiseases: j.excludedDiseases,
    observations: obs
      ? {
          systems: obs.systems,
          pertinentNegatives: obs.pertinentNegatives,
          other: obs.other,
          summary: obs.summary,
        }
      : { systems: [], pertinentNegatives: [], other: [], summary: '' },
    hypotheses: {
      candidates: (hyp?.candidates ?? []).map(({ diseaseId, name, genes, initialRank, score }) => ({
        diseaseId,
        name,
        genes,
        initialRank,
        score,
      })),
      summary: hyp?.summary ?? '',
    },
    tests: testViews(j, c.genesOf),
    reflection: j.steps.flatMap((s) =>
      s.kind === 'reflection'
        ? [
            {
              round: s.round,
              changes: s.changes,
              summary: s.summary,
              ...(s.dualDiagnosis
                ? {
                    dualDiagnosis: {
                      diseases: [...s.dualDiagnosis.diseases],
                      explainedBy: [...s.dualDiagnosis.explainedBy],
                      gain: s.dualDiagnosis.gain,
                      reason: s.dualDiagnosis.reason,
                    },
                  }
                : {}),
            },
          ]
        : [],
    ),
    conclusion: {
      confidence: j.confidence,
      insufficientEvidence:
        conclusion?.kind === 'conclusion'
          ? conclusion.insufficientEvidence
          : j.confidence === 'insufficient',
      text: conclusion?.kind === 'conclusion' ? conclusion.text : 'No conclusion was recorded.',
      otherProbability: conclusion?.kind === 'conclusion' ? conclusion.otherProbability : 1,
      entries: j.differential.map(({ diseaseId, name, genes, probability }) => ({
        diseaseId,
        name,
        genes,
        probability,
      })),
    },
    nextSteps: {
      phenotypes: j.nextSteps.phenotypes.map((p) => ({
        id: p.id,
        name: p.name,
        expectedGain: p.expectedGain,
        favouredIfPresent: p.ifPresent.map(term),
        favouredIfAbsent: p.ifAbsent.map(term),
        recorded: c.recorded.get(p.id) ?? null,
      })),
      genes: j.nextSteps.genes,
    },
  };
}

function viewFor(kb: KnowledgeBase, store: Store, a: AnalysisWithResult, j: Journey): View {
  const recorded = new Map(
    store.phenotypes
      .list(a.caseId)
      .map((p) => [p.id, p.excluded ? ('excluded' as const) : ('observed' as const)]),
  );
  return differentialView(a, j, {
    recorded,
    currentInputHash: queryForCase(store, a.caseId).inputHash,
    genesOf: (id) => kb.disease(id)?.genes ?? [],
  });
}

export const differentialHandlers: Pick<Handlers, 'runDifferential' | 'getDifferential'> = {
  runDifferential: async (ctx, r) => {
    const store = ctx.store;
    const input = queryForCase(store, r.caseId);
    if (!input.query.observed.length) {
      throw new OdysseyError(
        'no-findings',
        'This case has no observed phenotypes yet, so there is no differential to draw.',
        'Add at least one observed HPO term in the case editor, then run the differential again.',
      );
    }
    const engine = await journeyEngine(ctx);
    const same = r.force
      ? undefined
      : sameDifferential(store, engine, r.caseId, input.inputHash, r.budget);
    if (same) {
      const { analysis, journey } = requireDifferential(store, r.caseId, same.id);
      return {
        outcome: 'skipped',
        reason: `Nothing changed since the differential of analysis ${same.id} (same findings, budget and knowledge), so it is shown again.`,
        differential: viewFor(engine.kb, store, analysis, journey),
      };
    }
    const stored = await journeyForStoredCase(store, engine.kb, engine, r.caseId, {
      budget: r.budget,
    });
    const { analysis, journey } = requireDifferential(store, r.caseId, stored.analysis.id);
    return { outcome: 'analysed', differential: viewFor(engine.kb, store, analysis, journey) };
  },

  getDifferential: async (ctx, r) => {
    const { analysis, journey } = requireDifferential(ctx.store, r.caseId, r.analysisId);
    return viewFor(await ctx.kb(), ctx.store, analysis, journey);
  },
};
