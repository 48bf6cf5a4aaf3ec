import type { Ontology } from './ontology.js';

export interface CategoryProfileEntry {
  categoryId: string;
  name: string;
  /** Patient terms in this organ system (a term may count in several systems). */
  terms: string[];
  count: number;
  /** How specific the findings in this system are: the largest and the mean information content. */
  maxIc: number;
  meanIc: number;
}

export interface CategoryProfile {
  categories: CategoryProfileEntry[];
  /** Terms outside "Phenotypic abnormality" (e.g. inheritance or onset terms) or unknown ids. */
  uncategorised: string[];
  totalTerms: number;
}

/**
 * Which organ systems a case involves, how many findings each has and how informative they are.
 * Rankers use it to spot cases whose evidence is thin or concentrated in one system.
 */
export function categoryProfile(ontology: Ontology, ic: Float64Array, termIds: readonly string[]): CategoryProfile {
  const byCat = new Map<number, { terms: string[]; ics: number[] }>();
  const uncategorised: string[] = [];
  // An alt id and its primary id are one finding, so terms are counted after resolution.
  const seen = new Set<string>();
  for (const raw of termIds) {
    const term = ontology.resolve(raw).term;
    const key = term?.id ?? raw;
    if (seen.has(key)) continue;
    seen.add(key);
    const index = term ? ontology.indexOf(term.id) : undefined;
    const mask = index === undefined ? 0 : ontology.categoryMask(index);
    if (!term || index === undefined || mask === 0) {
      uncategorised.push(raw);
      continue;
    }
    for (let bit = 0; bit < ontology.categoryIds.length; bit++) {
      if ((mask & (1 << bit)) === 0) continue;
      let e = byCat.get(bit);
      if (!e) byCat.set(bit, (e = { terms: [], ics: [] }));
      e.terms.push(term.id);
      e.ics.push(ic[index] ?? 0);
    }
  }
  const categories = Array.from(byCat, ([bit, e]) => {
    const categoryId = ontology.categoryIds[bit]!;
    return {
      categoryId,
      name: ontology.get(categoryId)!.name,
      terms: e.terms,
      count: e.terms.length,
      maxIc: Math.max(...e.ics),
      meanIc: e.ics.reduce((a, b) => a + b, 0) / e.ics.length,
    };
  }).sort((a, b) => b.count - a.count || b.maxIc - a.maxIc || a.name.localeCompare(b.name));
  return { categories, uncategorised, totalTerms: seen.size };
}
