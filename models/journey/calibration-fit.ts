// Fitting the journey calibration (see core/agents/journey/calibration.ts): the hallmark record
// rate, then per budget a softmax temperature and a Platt map on the leader's probability.
import { BUDGET_PLANS } from '../../core/agents/journey/engine.js';
import { plattFeatures, posterior, sigmoid, type BudgetCalibration } from '../../core/agents/journey/calibration.js';
import { patientClosure, reflectedIc } from '../../core/agents/journey/hypothesis-test.js';
import type { Deliberation, KnowledgeJourneyEngine } from '../../core/agents/journey/knowledge-engine.js';
import type { Budget } from '../../core/agents/journey/schema.js';
import type { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import { prepareQuery } from '../../core/genes/ranking/prepare-query.js';
import type { CaseSource } from './case-source.js';
import type { DevCase } from './dev-cases.js';
import { fitLogistic, logLoss } from './logistic.js';

/**
 * How often a frequent, specific feature of the true disease is reflected in a case, per unit of
 * frequency: P(recorded | the patient has it). Phenopackets list only part of a phenotype, so
 * this is well below 1, and an absent hallmark counts for correspondingly little.
 */
export function measureRecordRate(kb: KnowledgeBase, cases: readonly DevCase[], minFrequency: number, minIc: number): { rate: number; hallmarks: number } {
  const { ontology: o, ic } = kb.hpo;
  let reflected = 0;
  let expected = 0;
  let hallmarks = 0;
  for (const c of cases) {
    if (!c.truth.length) continue;
    const q = prepareQuery(kb, c.query);
    const closure = patientClosure(kb, q.observed);
    for (const ann of kb.diseases[c.truth[0]!]!.phenotypes) {
      const t = o.indexOf(ann.id);
      if (ann.frequency === undefined || ann.frequency < minFrequency || t === undefined || ic[t]! < minIc) continue;
      hallmarks++;
      expected += ann.frequency;
      if (reflectedIc(kb, closure, t) >= 0.5 * ic[t]!) reflected++;
    }
  }
  return { rate: Math.min(0.95, Math.max(0.05, expected ? reflected / expected : 0.3)), hallmarks };
}

/** One case's journey reduced to what calibration needs. */
export interface JourneyRow {
  id: string;
  fold: number;
  /** Scores of the hypotheses left after reflection, best first. */
  scores: number[];
  observed: number;
  /** Disease indexes in the same order. */
  diseases: number[];
  truth: number[];
}

export function rowOf(r: Deliberation, c: DevCase): JourneyRow {
  return { id: c.id, fold: c.fold, scores: r.active.map((t) => t.test.scoreAfter), observed: r.query.observed.length, diseases: r.active.map((t) => t.disease), truth: c.truth };
}

export async function collectRows(engine: KnowledgeJourneyEngine, cases: readonly DevCase[], budget: Budget, source: CaseSource, excludeTruth = false): Promise<JourneyRow[]> {
  const rows: JourneyRow[] = [];
  for (const c of cases) {
    const diseaseScores = await source.scores(c);
    const input = { query: c.query, excludeDiseases: excludeTruth ? excludedWithTruth(engine.kb, c) : [], ...(diseaseScores ? { diseaseScores } : {}) };
    rows.push(rowOf(engine.deliberate(input, { budget }), c));
  }
  return rows;
}

/**
 * The honesty simulation: the true disease, and every other disease of its genes, taken out as
 * if the knowledge base did not know it (a disease missing from the annotations usually means
 * its gene's other entries do not describe it either).
 */
export function excludedWithTruth(kb: KnowledgeBase, c: DevCase): string[] {
  const out = new Set<string>();
  for (const d of c.truth) {
    out.add(kb.diseases[d]!.id);
    for (const g of kb.diseases[d]!.genes) for (const id of kb.gene(g)?.diseases ?? []) out.add(id);
  }
  return [...out];
}

export const isCorrect = (r: JourneyRow): boolean => r.diseases.length > 0 && r.truth.includes(r.diseases[0]!);

const TEMPERATURES = [0.5, 0.75, 1, 1.5, 2, 3, 4, 6];

/** The temperature and Platt weights with the lowest log loss of the leader's probability. */
export function fitBudget(rows: readonly JourneyRow[]): BudgetCalibration & { logLoss: number } {
  const y = rows.map(isCorrect);
  let best: (BudgetCalibration & { logLoss: number }) | undefined;
  for (const temperature of TEMPERATURES) {
    const x = rows.map((r) => plattFeatures(r.scores, r.observed, temperature));
    const w = fitLogistic(x, y);
    const platt: [number, number, number] = [w[0]!, w[1]!, w[2]!];
    const p = x.map((xi) => sigmoid(xi[0] * platt[0] + xi[1] * platt[1] + xi[2] * platt[2]));
    const loss = logLoss(p, y);
    if (!best || loss < best.logLoss) best = { temperature, platt: platt.map((v) => Math.round(v * 1e4) / 1e4) as [number, number, number], logLoss: Math.round(loss * 1e4) / 1e4 };
  }
  return best!;
}

export function topProbability(r: JourneyRow, c: BudgetCalibration): number {
  return posterior(r.scores, r.observed, c).probabilities[0] ?? 0;
}

export const budgetShown = (b: Budget): number => BUDGET_PLANS[b].shown;
