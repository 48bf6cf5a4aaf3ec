import type { VerifiedClaim } from '../../genes/ranking/agent-report.js';
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import type { Disease } from '../../genes/kb/types.js';
import type { GeneClaim } from './types.js';

/**
 * The first of `diseases` annotated with HPO term index t, a more specific term, or a term at
 * most two levels more general; undefined when none is.
 */
export function annotatedNear(kb: KnowledgeBase, diseases: readonly Disease[], t: number): Disease | undefined {
  const o = kb.hpo.ontology;
  const parents = Array.from(o.parentIndexes[t]!);
  const grandparents = parents.flatMap((p) => Array.from(o.parentIndexes[p]!));
  const related = new Set<number>([t, ...parents, ...grandparents, ...o.descendantIndexes(t)]);
  return diseases.find((d) => d.phenotypes.some((p) => related.has(o.indexOf(p.id) ?? -1)));
}

/**
 * The verifier: checks every gene–disease and gene–phenotype statement a model made against the
 * knowledge base, so an invented link is marked in the result instead of passing as evidence.
 *
 * A phenotype counts as supported when one of the gene's diseases is annotated with it, with a
 * more specific term (the disease has a kind of it), or with a term at most two levels more
 * general that the claim refines. Further up, every disease would "support" every claim.
 */
export function verifyClaims(kb: KnowledgeBase, claims: readonly GeneClaim[]): VerifiedClaim[] {
  const o = kb.hpo.ontology;
  const out: VerifiedClaim[] = [];
  for (const c of claims) {
    const symbol = kb.annotatedSymbol(c.gene);
    const gene = symbol ? kb.gene(symbol) : undefined;
    if (!gene) {
      // Keep the disease named, so the user sees which link the model made up.
      out.push({ gene: c.gene, ...(c.diseaseId ? { diseaseId: c.diseaseId } : {}), status: 'unknown-gene', note: `${c.gene} is not a gene the knowledge base annotates.` });
      continue;
    }
    const diseases = gene.diseases.map((id) => kb.disease(id)!);
    if (c.diseaseId) {
      const disease = kb.disease(c.diseaseId);
      if (!disease) out.push({ gene: gene.symbol, diseaseId: c.diseaseId, status: 'unknown-disease', note: `${c.diseaseId} is not a disease in the knowledge base.` });
      else if (!gene.diseases.includes(disease.id)) out.push({ gene: gene.symbol, diseaseId: disease.id, status: 'unsupported', note: `The knowledge base does not link ${gene.symbol} to ${disease.name} (${disease.id}).` });
      else out.push({ gene: gene.symbol, diseaseId: disease.id, status: 'supported', note: `${gene.symbol} is linked to ${disease.name}.` });
    }
    for (const raw of c.phenotypeIds ?? []) {
      const term = o.resolve(raw).term;
      const t = term ? o.indexOf(term.id) : undefined;
      if (!term || t === undefined) {
        out.push({ gene: gene.symbol, phenotypeId: raw, status: 'unknown-term', note: `${raw} is not an HPO term.` });
        continue;
      }
      const hit = annotatedNear(kb, diseases, t);
      out.push(
        hit
          ? { gene: gene.symbol, phenotypeId: term.id, status: 'supported', note: `${hit.name} is annotated with ${term.name} or a closely related term.` }
          : { gene: gene.symbol, phenotypeId: term.id, status: 'unsupported', note: `None of ${gene.symbol}'s diseases is annotated with ${term.name}.` },
      );
    }
  }
  return out;
}
