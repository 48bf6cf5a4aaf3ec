/**
 * The knowledge engine: a deterministic, offline journey built from the knowledge base. It takes
 * its hypotheses from the knowledge ranker's genome-wide disease list, tests each against the
 * findings, reflects (re-ranks, drops, backtracks to untested candidates and to the other
 * diseases of the leading genes, looks for a dual diagnosis), concludes with calibrated
 * probabilities and suggests what to examine next. The budget sets how much of this it does.
 */
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import { KNOWLEDGE_RANKER, PhenotypeRanker } from '../../genes/ranking/phenotype-ranker.js';
import { prepareQuery } from '../../genes/ranking/prepare-query.js';
import { order } from '../../genes/ranking/rank.js';
import { isAborted } from './abort.js';
import { posterior, type Calibration } from './calibration.js';
import { conclusionStep, confidenceOf } from './conclusion.js';
import { BUDGET_PLANS, type BudgetPlan, type JourneyEngine, type JourneyInput, type JourneyOptions } from './engine.js';
import { patientClosure, testHypothesis, type TestContext, type TestParams } from './hypothesis-test.js';
import { nextSteps } from './next-steps.js';
import { observationsStep } from './observations.js';
import { findDualDiagnosis, rerank, type ReflectionParams, type Tested } from './reflection.js';
import { JOURNEY_SCHEMA_VERSION, type Budget, type DualDiagnosis, type Journey, type Step } from './schema.js';
import type { PreparedQuery, Ranker } from '../../genes/ranking/types.js';

/** What reflection leaves for the conclusion. */
export interface Deliberation {
  query: PreparedQuery;
  steps: Step[];
  /** Hypotheses still standing, best first. */
  active: Tested[];
  dual: DualDiagnosis | undefined;
  warnings: string[];
  excludedDiseases: string[];
  /** Disease indexes of every hypothesis tested, kept or dropped. */
  tested: number[];
  /** The ranker's order (disease indexes, best first) after ruled-out diagnoses were removed. */
  ranked: number[];
}

export const KNOWLEDGE_ENGINE_VERSION = '1';

export type KnowledgeEngineParams = Omit<TestParams, 'recordRate'> &
  ReflectionParams & {
    /** Chance a feature asked about is found and reported (default: the calibration's record rate). */
    questionReportRate?: number;
    /** Chance a feature the patient lacks is reported absent when asked (see next-steps.ts). */
    absentReportRate: number;
  };

/** Global parameters (never per disease, gene or case); see bench/RESULTS.md for their effect. */
export const KNOWLEDGE_ENGINE_PARAMS: KnowledgeEngineParams = {
  exclusionStrength: 0,
  hallmarkFrequency: 0.8,
  hallmarkIc: 4,
  maxHallmarks: 0,
  groupingPrior: 0.5,
  xlrFemale: 1,
  yLinkedFemale: 6,
  dropMargin: 12,
  dualCost: 3,
  dualMinOwn: 2,
  absentReportRate: 1,
};

export interface KnowledgeEngineOptions {
  calibration: Calibration;
  params?: Partial<KnowledgeEngineParams>;
  /** Share the knowledge ranker (its index takes a second to build). */
  ranker?: PhenotypeRanker;
  /** How much work each budget buys (default BUDGET_PLANS). */
  plans?: Partial<Record<Budget, BudgetPlan>>;
  /**
   * The ranker whose disease list seeds the hypotheses (default: the knowledge ranker). The ONNX
   * ranker carries its gene verdict down to diseases; the evidence is still the knowledge base's.
   */
  source?: Ranker;
}

export class KnowledgeJourneyEngine implements JourneyEngine {
  readonly name = 'knowledge' as const;
  readonly version = KNOWLEDGE_ENGINE_VERSION;
  readonly ranker: PhenotypeRanker;
  readonly params: KnowledgeEngineParams;
  private readonly calibration: Calibration;
  private readonly plans: Record<Budget, BudgetPlan>;
  private readonly source: Ranker | undefined;

  constructor(
    readonly kb: KnowledgeBase,
    options: KnowledgeEngineOptions,
  ) {
    this.ranker = options.ranker ?? new PhenotypeRanker(kb, KNOWLEDGE_RANKER);
    this.params = { ...KNOWLEDGE_ENGINE_PARAMS, ...options.params };
    this.calibration = options.calibration;
    this.plans = { ...BUDGET_PLANS, ...options.plans };
    this.source = options.source;
  }

  async run(input: JourneyInput, options: JourneyOptions): Promise<Journey> {
    return this.runNow(await this.withSourceScores(input, options.signal), options);
  }

  /** The input with the source ranker's disease scores, which take a model run to get. */
  async withSourceScores(input: JourneyInput, signal?: AbortSignal): Promise<JourneyInput> {
    if (!this.source || input.diseaseScores) return input;
    return { ...input, diseaseScores: (await this.source.score(prepareQuery(this.kb, input.query), signal)).diseases };
  }

  /** The ranker whose list the hypotheses come from (recorded with the journey). */
  get hypothesisRanker(): Ranker {
    return this.source ?? this.ranker;
  }

  /** What the journey records as its engine and calibration versions. */
  get versions(): { journey: string; calibration: string } {
    return { journey: `knowledge ${KNOWLEDGE_ENGINE_VERSION}`, calibration: String(this.calibration.fit.id ?? 'unfitted') };
  }

  /** The journey synchronously, from `input.diseaseScores` or else the knowledge ranker's list. */
  runNow(input: JourneyInput, options: JourneyOptions): Journey {
    return this.conclude(this.deliberate(input, options), options);
  }

  /**
   * Everything up to the conclusion: the hypotheses that survived reflection, best first, with
   * their scores. Separate so calibration can be fitted on it without repeating the work.
   */
  deliberate(input: JourneyInput, options: JourneyOptions): Deliberation {
    const { kb } = this;
    const plan = this.plans[options.budget];
    const progress = options.onProgress ?? (() => {});
    const q = prepareQuery(kb, input.query);
    const warnings = [...q.warnings];
    const scores = input.diseaseScores ? Float64Array.from(input.diseaseScores) : this.ranker.scoreNow(q).diseases;
    const excludedDiseases: string[] = [];
    for (const id of input.excludeDiseases ?? []) {
      const d = kb.diseaseIndex(id.trim().toUpperCase());
      if (d === undefined) warnings.push(`Ruled-out diagnosis ${id} is not in the knowledge base; nothing was left out for it.`);
      else {
        scores[d] = -Infinity;
        excludedDiseases.push(kb.diseases[d]!.id);
      }
    }
    const ranked = order(scores);
    const rankOf = new Map(ranked.map((d, i) => [d, i + 1]));
    const steps: Step[] = [];
    progress({ stage: 'observations', done: 0, total: 1 });
    steps.push(observationsStep(kb, q));

    const ctx: TestContext = { kb, ranker: this.ranker, query: q, params: { ...this.params, recordRate: this.calibration.recordRate }, closure: patientClosure(kb, q.observed) };
    const tested = new Set<number>();
    const test = (d: number): Tested => {
      tested.add(d);
      return { disease: d, genes: kb.diseases[d]!.genes, initialRank: rankOf.get(d)!, test: testHypothesis(ctx, d, scores[d]!) };
    };
    const initial = ranked.slice(0, plan.hypotheses);
    progress({ stage: 'hypotheses', done: 0, total: initial.length });
    steps.push({
      kind: 'hypotheses',
      candidates: initial.map((d) => ({ diseaseId: kb.diseases[d]!.id, name: kb.diseases[d]!.name, genes: kb.diseases[d]!.genes, source: 'knowledge' as const, initialRank: rankOf.get(d)!, score: Math.round(scores[d]! * 1000) / 1000, supported: true })),
      summary: `The ${initial.length} diseases ${input.diseaseScores ? `the ${this.hypothesisRanker.info.name} ranker places first` : 'whose annotations best match the findings'}, of ${ranked.length} scored${excludedDiseases.length ? ` (${excludedDiseases.length} ruled out beforehand)` : ''}.`,
    });
    let active: Tested[] = [];
    for (const d of initial) {
      isAborted(options.signal);
      active.push(test(d));
      progress({ stage: 'testing', done: active.length, total: initial.length });
    }
    steps.push(...active.map((t) => t.test));

    let dual: DualDiagnosis | undefined;
    for (let round = 1; round <= plan.rounds; round++) {
      isAborted(options.signal);
      progress({ stage: 'reflection', done: round - 1, total: plan.rounds });
      const added = round > 1 ? this.backtrack(active, ranked, tested, plan.hypotheses, scores, test) : [];
      for (const a of added) steps.push(a.test.test);
      const { kept, changes } = rerank([...active, ...added.map((a) => a.test)], this.params, plan.shown);
      changes.unshift(...added.filter((a) => a.test.test.scoreAfter >= (kept[0]?.test.scoreAfter ?? 0) - this.params.dropMargin).map((a) => ({ diseaseId: a.test.test.diseaseId, name: a.test.test.name, action: 'added' as const, reason: a.reason })));
      active = kept;
      dual = round === plan.rounds && plan.dualPairs ? findDualDiagnosis(active, plan.dualPairs, this.params) : undefined;
      const moved = changes.filter((c) => c.action !== 'added').length;
      steps.push({
        kind: 'reflection',
        round,
        changes,
        ...(dual ? { dualDiagnosis: dual } : {}),
        summary: `${added.length ? `Went back for ${added.length} more candidate${added.length === 1 ? '' : 's'}; ` : ''}${moved ? `${moved} hypothes${moved === 1 ? 'is' : 'es'} re-ranked or dropped` : 'the order held'}${dual ? '; a dual diagnosis fits better than any single disease' : ''}.`,
      });
    }

    return { query: q, steps, active, dual, warnings, excludedDiseases, tested: [...tested], ranked };
  }

  /** Calibrated probabilities, the conclusion and the next steps. */
  conclude(r: Deliberation, options: JourneyOptions): Journey {
    const { kb } = this;
    const plan = this.plans[options.budget];
    const progress = options.onProgress ?? (() => {});
    const { query: q, steps, active, dual, warnings, excludedDiseases } = r;
    progress({ stage: 'conclusion', done: 0, total: 1 });
    const cal = this.calibration.budgets[options.budget];
    const post = posterior(active.map((t) => t.test.scoreAfter), q.observed.length, cal);
    const shown = active.slice(0, plan.shown);
    const differential = shown.map((t, i) => ({
      diseaseId: t.test.diseaseId,
      name: t.test.name,
      genes: t.genes,
      probability: round(post.probabilities[i]!),
      evidenceFor: t.test.evidenceFor,
      evidenceAgainst: t.test.evidenceAgainst,
    }));
    const otherProbability = round(Math.max(0, 1 - differential.reduce((s, e) => s + e.probability, 0)));
    const confidence = confidenceOf(differential[0]?.probability ?? 0, this.calibration.insufficientBelow);
    steps.push(conclusionStep(differential, confidence, otherProbability, dual));

    progress({ stage: 'next-steps', done: 0, total: 1 });
    const leads = shown.slice(0, 8).map((t, i) => ({ disease: t.disease, probability: post.probabilities[i]! }));
    const next = nextSteps(kb, q, leads, Math.max(1e-6, 1 - leads.reduce((s, l) => s + l.probability, 0)), { unknownFrequency: this.ranker.explanationParams.unknownFrequency, reportRate: this.params.questionReportRate ?? this.calibration.recordRate, absentReportRate: this.params.absentReportRate, questions: 3 });
    steps.push({ kind: 'next-steps', ...next });

    return {
      schemaVersion: JOURNEY_SCHEMA_VERSION,
      engine: 'knowledge',
      engineVersion: KNOWLEDGE_ENGINE_VERSION,
      budget: options.budget,
      differential,
      confidence,
      steps,
      nextSteps: next,
      excludedDiseases,
      versions: { ...kb.versions, ranker: `${this.hypothesisRanker.info.name} ${this.hypothesisRanker.info.version}`, ...this.versions },
      work: { tested: r.tested.length, rounds: plan.rounds },
      warnings,
    };
  }

  /**
   * Backtracking: go back to the ranker's list for the next untested candidates, and to the
   * other diseases of the leading hypotheses' genes (allelic disorders are easily confused).
   */
  private backtrack(active: Tested[], ranked: number[], tested: Set<number>, batch: number, scores: Float64Array, test: (d: number) => Tested): { test: Tested; reason: string }[] {
    const { kb } = this;
    const out: { test: Tested; reason: string }[] = [];
    const lead = [...active].sort((a, b) => b.test.scoreAfter - a.test.scoreAfter).slice(0, 3);
    for (const t of lead) {
      for (const g of t.genes) {
        for (const id of kb.gene(g)?.diseases ?? []) {
          const d = kb.diseaseIndex(id)!;
          if (tested.has(d) || !(scores[d]! > -Infinity)) continue;
          out.push({ test: test(d), reason: `another disease of ${g}, the gene of ${t.test.name}` });
        }
      }
    }
    let added = 0;
    for (const d of ranked) {
      if (added >= Math.ceil(batch / 2)) break;
      if (tested.has(d)) continue;
      const t = test(d);
      out.push({ test: t, reason: `the next untested candidate, ranked ${t.initialRank} by the ranker` });
      added++;
    }
    return out;
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
