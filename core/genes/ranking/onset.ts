import type { Ontology } from '../../hpo/ontology.js';
import type { KnowledgeBase } from '../kb/knowledge-base.js';

const DAY = 1 / 365.25;

/** Age ranges (years, [from, to)) of HPO onset classes, from their definitions in hp.obo. */
const ONSET_RANGES: Record<string, [number, number]> = {
  'HP:0030674': [-1, 0], // Antenatal
  'HP:0011460': [-1, -0.6], // Embryonal
  'HP:0011461': [-0.6, 0], // Fetal
  'HP:0003577': [0, DAY], // Congenital
  'HP:0003623': [0, 28 * DAY], // Neonatal
  'HP:0410280': [0, 16], // Pediatric
  'HP:0003593': [28 * DAY, 1], // Infantile
  'HP:0011463': [1, 5], // Childhood
  'HP:0003621': [5, 16], // Juvenile
  'HP:0003581': [16, 120], // Adult
  'HP:0011462': [16, 40], // Young adult
  'HP:0003596': [40, 60], // Middle age
  'HP:0003584': [60, 120], // Late
};

/** The age range of an onset term, using its nearest ancestor with a known range. */
export function onsetRange(ontology: Ontology, id: string): [number, number] | undefined {
  const known = ONSET_RANGES[id];
  if (known) return known;
  const t = ontology.get(id);
  if (!t) return undefined;
  for (const a of ontology.ancestors(t.id)) if (ONSET_RANGES[a.id]) return ONSET_RANGES[a.id];
  return undefined;
}

/**
 * Per disease, the span of ages at which its annotated onset classes begin and end, or undefined
 * when the annotations give no onset. Used to notice, for instance, an adult-onset disease in a
 * patient whose disease began in infancy.
 */
export function diseaseOnsetSpans(kb: KnowledgeBase): ([number, number] | undefined)[] {
  const o = kb.hpo.ontology;
  return kb.diseases.map((d) => {
    const ranges = [...d.onset, ...d.phenotypes.map((p) => p.onset).filter((x): x is string => !!x)]
      .map((id) => onsetRange(o, id))
      .filter((r): r is [number, number] => r !== undefined);
    if (ranges.length === 0) return undefined;
    return [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
  });
}

/**
 * Whether a patient's onset (an age, or an onset class) falls outside a disease's onset span by
 * a clear margin: a factor of 3 in age, and at least 2 years. Onset reports are imprecise, so
 * only gross mismatches count.
 */
export function onsetConflicts(span: [number, number], patient: [number, number]): boolean {
  const [lo, hi] = span;
  const [plo, phi] = patient;
  if (phi < lo) return lo - phi >= 2 && lo >= 3 * Math.max(phi, 0.25);
  if (plo > hi) return plo - hi >= 2 && plo >= 3 * Math.max(hi, 0.25);
  return false;
}
