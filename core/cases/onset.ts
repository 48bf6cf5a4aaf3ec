/**
 * HPO onset classes (the subtree under HP:0003674 Onset, HPO release 2026-02-16), which
 * phenopackets use for onsets and ages given as a life stage rather than an age.
 */

/** Labels of the HPO onset classes, so written phenopackets carry the label v2 expects. */
export const ONSET_TERM_LABELS: Readonly<Record<string, string>> = {
  'HP:0003674': 'Onset',
  'HP:0030674': 'Antenatal onset',
  'HP:0011460': 'Embryonal onset',
  'HP:0011461': 'Fetal onset',
  'HP:0034199': 'Late first trimester onset',
  'HP:0034198': 'Second trimester onset',
  'HP:0034197': 'Third trimester onset',
  'HP:0003577': 'Congenital onset',
  'HP:0003623': 'Neonatal onset',
  'HP:0410280': 'Pediatric onset',
  'HP:0003593': 'Infantile onset',
  'HP:0011463': 'Childhood onset',
  'HP:0003621': 'Juvenile onset',
  'HP:0003581': 'Adult onset',
  'HP:0011462': 'Young adult onset',
  'HP:0025708': 'Early young adult onset',
  'HP:0025709': 'Intermediate young adult onset',
  'HP:0025710': 'Late young adult onset',
  'HP:0003596': 'Middle age onset',
  'HP:0003584': 'Late onset',
  'HP:4000040': 'Puerpural onset',
  'HP:6000314': 'Perimenopausal onset',
  'HP:6000315': 'Postmenopausal onset',
};

/**
 * The HPO onset class for a gestational age, using the week boundaries of the HPO term
 * definitions, so prenatal onsets sit on the same scale as classes written by curators.
 */
export function gestationalOnsetTerm(weeks: number, days = 0): string {
  const w = weeks + days / 7;
  if (w < 10) return 'HP:0011460'; // Embryonal onset: up to 10 weeks of gestation
  if (w < 11) return 'HP:0011461'; // Fetal onset: after 10 weeks, before the trimester terms start
  if (w < 14) return 'HP:0034199'; // Late first trimester onset: 11+0 to 13+6
  if (w < 28) return 'HP:0034198'; // Second trimester onset: 14+0 to 27+6
  return 'HP:0034197'; // Third trimester onset: 28+0 onwards
}
