import type { Ontology } from './ontology.js';

/**
 * Information content per term: IC(t) = -ln(p(t)), where p(t) is the share of annotated diseases
 * carrying t or any of its descendants (annotations propagated up is_a, each disease counted once
 * per term). Terms no disease reaches get the IC of a single disease, the most specific possible,
 * so a patient term outside the annotated space is still treated as informative rather than free.
 */
export function computeInformationContent(ontology: Ontology, diseaseTermSets: Iterable<readonly string[]>): Float64Array {
  const counts = new Uint32Array(ontology.size);
  const stamp = new Int32Array(ontology.size).fill(-1);
  let diseases = 0;
  for (const terms of diseaseTermSets) {
    const d = diseases++;
    for (const id of terms) {
      const i = ontology.indexOf(id);
      if (i === undefined) continue;
      for (const a of ontology.ancestorIndexes(i, true)) {
        if (stamp[a] !== d) {
          stamp[a] = d;
          counts[a]!++;
        }
      }
    }
  }
  const ic = new Float64Array(ontology.size);
  if (diseases === 0) return ic;
  for (let i = 0; i < ic.length; i++) {
    ic[i] = -Math.log(Math.max(1, counts[i]!) / diseases);
  }
  return ic;
}
