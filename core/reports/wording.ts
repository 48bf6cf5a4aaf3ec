/**
 * The fixed sentences of a report, in one place so every format says the same thing, and the
 * tests can check the exact wording a clinician signs off on.
 */
import { hpoAcknowledgement } from '../data/installed.js';
import type { ReportInput } from './types.js';

export const REPORT_TITLE = 'Phenotype-driven gene ranking';

/** The short form, repeated in every page footer. */
export const DECISION_SUPPORT_SHORT = 'Decision support, not a diagnosis.';

export const DECISION_SUPPORT =
  'This report is decision support, not a diagnosis. It ranks genes and diseases by how well ' +
  'their published phenotype annotations match the findings recorded for this patient. It does ' +
  'not establish a diagnosis, does not replace clinical judgement or genetic counselling, and ' +
  'any candidate must be confirmed by appropriate genetic testing and clinical review. A gene ' +
  'that is ranked low or not listed is not excluded.';

/** How to read the evidence tables. */
export const EVIDENCE_LEGEND =
  'For each patient finding: the annotation of the disease it matched best, the most informative ' +
  'common ancestor of the two in the HPO and that ancestor\u2019s information content (IC: higher ' +
  'means rarer among annotated diseases, so stronger evidence), and what the finding added to the ' +
  'score. Conflicts are excluded findings the disease is annotated with, and observed findings the ' +
  'disease is annotated not to have.';

export function methodText(input: ReportInput): string {
  const a = input.analysis;
  const scope = a.candidates
    ? `within a candidate set of ${a.candidates.count} genes (${a.candidates.source})`
    : 'genome-wide';
  return (
    `Genes were ranked ${scope} by the Odyssey "${a.ranker.name}" ranker (version ${a.ranker.version}): ` +
    `${a.ranker.description}. Each gene takes the score of its best-matching disease. ` +
    `${a.scored.genes.toLocaleString('en-GB')} genes and ${a.scored.diseases.toLocaleString('en-GB')} diseases were scored. ` +
    'The ranking uses phenotypes only; it does not look at variants.'
  );
}

/** The acknowledgements the HPO, HGNC and the annotation sources ask users of their data for. */
export function acknowledgements(input: ReportInput): string[] {
  return [
    `${hpoAcknowledgement(input.analysis.versions.hpo)}. We acknowledge the HPO Consortium; see K\u00f6hler et al., The Human Phenotype Ontology in 2024, Nucleic Acids Research.`,
    'Gene nomenclature from the HUGO Gene Nomenclature Committee (HGNC), www.genenames.org. Disease annotations from OMIM, Orphanet and DECIPHER as distributed by the HPO project.',
  ];
}

/** The "Method and versions" table: label and value. */
export function versionRows(input: ReportInput): [string, string][] {
  const v = input.analysis.versions;
  return [
    ['Human Phenotype Ontology', v.hpo],
    ['HPO disease annotations (phenotype.hpoa)', v.hpoAnnotations],
    ['Gene\u2013phenotype links (genes_to_phenotype)', v.genesToPhenotype],
    ['Gene\u2013disease links (genes_to_disease)', v.genesToDisease],
    ['HGNC gene nomenclature', v.hgnc],
  ];
}

export const SIGN_OFF_FIELDS = ['Reviewed by', 'Signature', 'Date'] as const;
