import type { PatientCase } from '../cases/types.js';
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import type { RankQuery } from '../genes/ranking/types.js';
import { queryFromCase } from '../genes/ranking/case-query.js';

export interface BenchCase {
  id: string;
  source?: string;
  query: RankQuery;
  /** Approved symbols of the causal genes that the knowledge base annotates. */
  truthGenes: string[];
  /** Causal genes as given, when none of them is annotated (the case then counts as a miss). */
  missingGenes: string[];
  truthDiseases: string[];
  /**
   * True when one of the case's publications is among those the HPO annotations of its disease
   * cite: the knowledge base has in effect seen the case. The rest form the "independent" stratum.
   */
  literatureOverlap: boolean;
}

/** Turns a solved phenopacket into a benchmark case, or says why it cannot be one. */
export function toBenchCase(kb: KnowledgeBase, c: PatientCase): BenchCase | { skip: string } {
  if (!c.diagnosis || (c.diagnosis.genes.length === 0 && c.diagnosis.diseases.length === 0)) return { skip: 'no diagnosis' };
  if (c.observed.length === 0) return { skip: 'no observed phenotypes' };
  const truthGenes: string[] = [];
  const missingGenes: string[] = [];
  for (const g of c.diagnosis.genes) {
    const s = kb.annotatedSymbol(g);
    if (s) {
      if (!truthGenes.includes(s)) truthGenes.push(s);
    } else missingGenes.push(g);
  }
  const truthDiseases = c.diagnosis.diseases.map((d) => d.id);
  const refs = new Set(truthDiseases.flatMap((d) => kb.disease(d)?.references ?? []));
  const query = queryFromCase(c);
  const bc: BenchCase = { id: c.id, query, truthGenes, missingGenes, truthDiseases, literatureOverlap: c.pmids.some((p) => refs.has(p)) };
  if (c.source) bc.source = c.source;
  return bc;
}
