import type { PhenotypeSummary } from '../../genes/ranking/agent-report.js';
import type { HpoKnowledge } from '../../hpo/hpo-cache.js';
import type { PreparedQuery } from '../../genes/ranking/types.js';

/**
 * Below this information content a finding is shared by roughly a fifth of annotated diseases
 * or more (e^-1.5 ≈ 0.22), so on its own it barely narrows the search.
 */
export const UNINFORMATIVE_IC = 1.5;

/**
 * The phenotype analyst: reads the case the way a clinician would before ranking anything —
 * findings by organ system, the most specific first, the ones that add little, and the ones
 * that contradict each other. Deterministic; the LLM agents get its summary in their prompt.
 */
export function analysePhenotypes(hpo: HpoKnowledge, query: Pick<PreparedQuery, 'observed' | 'excluded'>, mostSpecific = 5): PhenotypeSummary {
  const o = hpo.ontology;
  const term = (i: number): { id: string; name: string; ic: number } => ({ id: o.terms[i]!.id, name: o.terms[i]!.name, ic: Math.round((hpo.ic[i] ?? 0) * 100) / 100 });
  const byIc = (a: number, b: number): number => (hpo.ic[b] ?? 0) - (hpo.ic[a] ?? 0) || a - b;
  const observed = [...query.observed].sort(byIc);

  const systems = o.categoryIds
    .map((categoryId, bit) => ({ categoryId, name: o.get(categoryId)!.name, terms: observed.filter((t) => o.categoryMask(t) & (1 << bit)).map(term) }))
    .filter((s) => s.terms.length > 0)
    .sort((a, b) => b.terms.length - a.terms.length || b.terms[0]!.ic - a.terms[0]!.ic);

  const ancestorsOf = new Map(observed.map((t) => [t, new Set(o.ancestorIndexes(t))]));
  const redundant: PhenotypeSummary['redundant'] = [];
  for (const general of observed) {
    const specific = observed.find((t) => t !== general && ancestorsOf.get(t)!.has(general));
    if (specific !== undefined) redundant.push({ id: o.terms[general]!.id, name: o.terms[general]!.name, impliedBy: o.terms[specific]!.id });
  }

  const conflicts: PhenotypeSummary['conflicts'] = [];
  for (const ex of query.excluded) {
    for (const ob of observed) {
      // Observing a finding means observing every more general one, so excluding an ancestor contradicts it.
      if (ancestorsOf.get(ob)!.has(ex)) {
        conflicts.push({ observed: o.terms[ob]!.id, excluded: o.terms[ex]!.id, note: `${o.terms[ob]!.name} is observed but the more general ${o.terms[ex]!.name} is excluded.` });
      }
    }
  }

  return {
    systems,
    mostSpecific: observed.slice(0, mostSpecific).map(term),
    uninformative: observed.filter((t) => (hpo.ic[t] ?? 0) < UNINFORMATIVE_IC).map(term),
    redundant,
    conflicts,
  };
}

/** Mean information content of the case's three most specific findings. */
export function caseSpecificity(hpo: HpoKnowledge, observed: readonly number[]): number {
  const top = observed.map((t) => hpo.ic[t] ?? 0).sort((a, b) => b - a).slice(0, 3);
  return top.length ? top.reduce((a, b) => a + b, 0) / top.length : 0;
}
