/**
 * The journey's first step: the key findings grouped by organ system, most specific first, and
 * the pertinent negatives. Built from the resolved query, so alt ids already point at current terms.
 */
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import type { PreparedQuery } from '../../genes/ranking/types.js';
import { categoryProfile } from '../../hpo/category-profile.js';
import type { StepOf } from './schema.js';

const systemName = (name: string): string => {
  const s = name.replace(/^Abnormality of (the )?/i, '');
  return s.charAt(0).toUpperCase() + s.slice(1);
};

export function observationsStep(kb: KnowledgeBase, q: PreparedQuery): StepOf<'observations'> {
  const { ontology: o, ic } = kb.hpo;
  const ids = q.observed.map((i) => o.terms[i]!.id);
  const profile = categoryProfile(o, ic, ids);
  const finding = (id: string): { id: string; name: string; ic: number } => {
    const i = o.indexOf(id)!;
    return { id, name: o.terms[i]!.name, ic: Math.round(ic[i]! * 100) / 100 };
  };
  const systems = profile.categories.map((c) => ({
    categoryId: c.categoryId,
    name: systemName(c.name),
    findings: c.terms.map(finding).sort((a, b) => b.ic - a.ic || a.id.localeCompare(b.id)),
  }));
  const other = profile.uncategorised.map((id) => ({ id, name: o.get(id)?.name ?? id }));
  const pertinentNegatives = q.excluded.map((i) => ({ id: o.terms[i]!.id, name: o.terms[i]!.name }));
  const top = [...q.observed].sort((a, b) => ic[b]! - ic[a]!).slice(0, 3).map((i) => o.terms[i]!.name);
  const summary =
    `${q.observed.length} finding${q.observed.length === 1 ? '' : 's'} in ${systems.length} organ system${systems.length === 1 ? '' : 's'}` +
    `${systems.length ? ` (mostly ${systems[0]!.name.toLowerCase()})` : ''}; most specific: ${top.join(', ')}` +
    `${pertinentNegatives.length ? `; ${pertinentNegatives.length} pertinent negative${pertinentNegatives.length === 1 ? '' : 's'}` : ''}.`;
  return { kind: 'observations', systems, pertinentNegatives, other, summary };
}
