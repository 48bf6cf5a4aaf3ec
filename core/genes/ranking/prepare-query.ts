import { OdysseyError } from '../../errors.js';
import { PHENOTYPIC_ABNORMALITY } from '../../hpo/types.js';
import type { KnowledgeBase } from '../kb/knowledge-base.js';
import type { PreparedQuery, RankQuery } from './types.js';

/**
 * Resolves a query's HPO ids (alt and obsolete ids to current terms, with warnings), keeps the
 * phenotypic abnormalities for scoring, and maps candidate genes to the knowledge base. Unknown
 * or unusable inputs become warnings naming the input, never silent drops.
 */
export function prepareQuery(kb: KnowledgeBase, q: RankQuery): PreparedQuery {
  const o = kb.hpo.ontology;
  const pa = o.indexOf(PHENOTYPIC_ABNORMALITY)!;
  const warnings: string[] = [];
  const resolveAll = (ids: readonly string[], what: string): number[] => {
    const out = new Set<number>();
    for (const raw of ids) {
      const r = o.resolve(raw);
      if (!r.term) {
        warnings.push(`${what} ${r.warning ?? raw} It was left out.`);
        continue;
      }
      if (r.warning) warnings.push(`${what} ${r.warning}`);
      const i = o.indexOf(r.term.id)!;
      if (i === pa || !o.ancestorIndexes(i).includes(pa)) {
        warnings.push(`${what} ${r.term.id} (${r.term.name}) is not a phenotypic abnormality, so it does not count towards phenotype scores.`);
        continue;
      }
      out.add(i);
    }
    return Array.from(out);
  };
  const observed = resolveAll(q.observed, 'Observed term:');
  const excludedAll = resolveAll(q.excluded ?? [], 'Excluded term:');
  const clash = excludedAll.filter((e) => observed.includes(e));
  for (const c of clash) warnings.push(`${o.terms[c]!.id} (${o.terms[c]!.name}) is both observed and excluded; it is treated as observed.`);
  const excluded = excludedAll.filter((e) => !clash.includes(e));
  if (observed.length === 0) {
    throw new OdysseyError(
      'no-phenotypes',
      q.observed.length === 0 ? 'The case has no observed phenotypes.' : `None of the observed terms is a usable phenotypic abnormality:\n  ${warnings.join('\n  ')}`,
      'Add at least one observed HPO term (e.g. --hpo HP:0001250); use `odyssey search` to find terms by name.',
    );
  }
  const prepared: PreparedQuery = { observed, excluded, warnings };
  if (q.sex) prepared.sex = q.sex;
  if (q.ageYears !== undefined) prepared.ageYears = q.ageYears;
  if (q.onsetYears !== undefined) prepared.onsetYears = q.onsetYears;
  if (q.onsetTerm) prepared.onsetTerm = q.onsetTerm;
  if (q.candidates) {
    const genes = new Set<number>();
    for (const c of q.candidates) {
      const symbol = kb.annotatedSymbol(c);
      const g = symbol === undefined ? undefined : kb.geneIndex(symbol);
      if (g === undefined) {
        const r = kb.identity.resolve(c);
        warnings.push(
          r.symbol
            ? `Candidate ${r.symbol === c ? c : `${c} (${r.symbol})`} has no phenotype annotations in HPO, so it cannot be ranked by phenotype.`
            : `Candidate "${c}" is not a known gene symbol and was left out.`,
        );
        continue;
      }
      genes.add(g);
    }
    if (genes.size === 0) {
      throw new OdysseyError('no-candidates', `None of the candidate genes has phenotype annotations to rank:\n  ${warnings.filter((w) => w.startsWith('Candidate')).join('\n  ')}`, 'Check the gene symbols, or rank genome-wide by leaving out the candidate set.');
    }
    prepared.candidateGenes = Array.from(genes);
  }
  return prepared;
}
