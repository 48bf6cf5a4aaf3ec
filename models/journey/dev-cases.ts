// The phenopacket-store dev cases as the journey's calibration and benchmark see them, each with
// its gene cohort and cross-validation fold. Folds are by cohort (as for the ONNX ranker in
// models/ranker/train.ts), so a fit never sees another case of a cohort it is evaluated on.
import { readCases } from '../../core/cases/sources.js';
import { toBenchCase, type BenchCase } from '../../core/benchmark/bench-case.js';
import type { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import { cohortOf } from '../ranker/dataset.js';

export const FOLDS = 5;
/** The fold the committed calibration is not fitted on: its held-out cases. */
export const HELD_OUT_FOLD = 0;

export interface DevCase extends BenchCase {
  cohort: string;
  fold: number;
  /** Knowledge-base indexes of the true diseases (empty: the disease is not annotated, a miss). */
  truth: number[];
}

export function foldOf(cohort: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < cohort.length; i++) h = Math.imul(h ^ cohort.charCodeAt(i), 0x01000193);
  return (h >>> 0) % FOLDS;
}

export async function loadDevCases(kb: KnowledgeBase, path: string): Promise<{ cases: DevCase[]; skipped: number }> {
  const cases: DevCase[] = [];
  let skipped = 0;
  for await (const item of readCases(path)) {
    if (!item.case) {
      skipped++;
      continue;
    }
    const bc = toBenchCase(kb, item.case);
    if ('skip' in bc) {
      skipped++;
      continue;
    }
    const cohort = cohortOf(item.source);
    const truth = bc.truthDiseases.map((d) => kb.diseaseIndex(d)).filter((d): d is number => d !== undefined);
    cases.push({ ...bc, cohort, fold: foldOf(cohort), truth });
  }
  return { cases, skipped };
}

/** Every n-th case (n = 1: all), for quick runs while developing. */
export function sample<T>(items: readonly T[], every: number, offset = 0): T[] {
  return every <= 1 ? items.slice() : items.filter((_, i) => i % every === offset);
}
