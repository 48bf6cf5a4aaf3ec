import { seededRandom, shuffled } from '../../core/util/random.js';
import type { CaseRow } from './dataset.js';

/**
 * Training-data selection (issue 6: "fewer, well-chosen cases can beat more"). Each rule picks
 * the training cases of a fold; evaluation always covers every case out of fold. `random-as:RULE`
 * draws a seeded random subset of the same size as RULE picks, the control for that rule.
 */
export const SELECTIONS = ['all', 'independent', 'min3terms', 'cap10', 'cap25', 'cap50', 'in-top10'] as const;
export type Selection = (typeof SELECTIONS)[number];

const LOG_TERMS_COLUMN = 11; // log_observed_terms in FEATURE_NAMES

function capPerCohort(rows: readonly CaseRow[], cap: number): CaseRow[] {
  const random = seededRandom(11);
  const byCohort = new Map<string, CaseRow[]>();
  for (const r of rows) {
    let list = byCohort.get(r.cohort);
    if (!list) byCohort.set(r.cohort, (list = []));
    list.push(r);
  }
  const keep = new Set<CaseRow>();
  for (const list of byCohort.values()) for (const r of shuffled(list, random).slice(0, cap)) keep.add(r);
  return rows.filter((r) => keep.has(r));
}

function pick(rows: readonly CaseRow[], rule: Selection): CaseRow[] {
  switch (rule) {
    case 'all':
      return rows.slice();
    case 'independent':
      return rows.filter((r) => r.independent);
    case 'min3terms':
      return rows.filter((r) => r.x[LOG_TERMS_COLUMN]! >= Math.log(3) - 1e-6);
    case 'cap10':
      return capPerCohort(rows, 10);
    case 'cap25':
      return capPerCohort(rows, 25);
    case 'cap50':
      return capPerCohort(rows, 50);
    case 'in-top10':
      // Cases the knowledge ranker already places in its top 10: cleaner lists, fewer hopeless targets.
      return rows.filter((r) => r.knowledgeRank <= 10);
  }
}

/** The training cases a selection rule (or its random control, `random-as:RULE`) keeps. */
export function selectTraining(rows: readonly CaseRow[], spec: string): CaseRow[] {
  const usable = rows.filter((r) => r.target >= 0);
  const control = spec.startsWith('random-as:');
  const rule = (control ? spec.slice('random-as:'.length) : spec) as Selection;
  if (!SELECTIONS.includes(rule)) throw new Error(`unknown selection "${spec}"; use one of ${SELECTIONS.join(', ')} or random-as:RULE`);
  const chosen = pick(usable, rule);
  if (!control) return chosen;
  const keep = new Set(shuffled(usable, seededRandom(13)).slice(0, chosen.length));
  return usable.filter((r) => keep.has(r));
}
