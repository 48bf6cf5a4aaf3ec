/**
 * What a journey engine is given and what it promises. The knowledge engine and the LLM engine
 * implement the same interface and return the same schema, so the CLI, the store and the
 * reports do not care which one ran.
 */
import type { RankQuery } from '../../genes/ranking/types.js';
import type { Budget, EngineName, Journey } from './schema.js';

export interface JourneyInput {
  query: RankQuery;
  /**
   * Diagnoses already ruled out clinically (OMIM/ORPHA ids): never proposed. Also how the
   * benchmark simulates a disease missing from the knowledge base.
   */
  excludeDiseases?: string[];
  /**
   * Disease scores (by knowledge-base index) to take the hypotheses from, when a ranker other
   * than the knowledge ranker produced them (see KnowledgeEngineOptions.source).
   */
  diseaseScores?: Float64Array;
}

export interface JourneyProgress {
  stage: 'observations' | 'hypotheses' | 'testing' | 'reflection' | 'conclusion' | 'next-steps';
  done: number;
  total: number;
}

export interface JourneyOptions {
  budget: Budget;
  signal?: AbortSignal;
  onProgress?: (p: JourneyProgress) => void;
}

export interface JourneyEngine {
  readonly name: EngineName;
  readonly version: string;
  run(input: JourneyInput, options: JourneyOptions): Promise<Journey>;
}

/** How much work each budget buys the knowledge engine. */
export interface BudgetPlan {
  /** Hypotheses taken from the ranker and tested one by one. */
  hypotheses: number;
  /** Reflection rounds: re-rank, drop, backtrack to untested candidates, look for a dual diagnosis. */
  rounds: number;
  /** Leading hypotheses whose pairs are checked for a dual diagnosis (0: not checked). */
  dualPairs: number;
  /** Entries shown in the differential. */
  shown: number;
}

export const BUDGET_PLANS: Record<Budget, BudgetPlan> = {
  quick: { hypotheses: 5, rounds: 1, dualPairs: 0, shown: 5 },
  standard: { hypotheses: 20, rounds: 2, dualPairs: 8, shown: 10 },
  deep: { hypotheses: 60, rounds: 3, dualPairs: 15, shown: 10 },
};
