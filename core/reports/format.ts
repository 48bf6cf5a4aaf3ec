/**
 * How values read in a report, shared by every renderer so the HTML, the PDF and the TSV never
 * disagree on an age, a score or a match.
 */
import type { Sex } from '../cases/types.js';
import type { Explanation, MatchKind, RankedGene, TermMatch, TermRef } from '../genes/ranking/types.js';
import type { ReportCase, ReportPhenotype } from './types.js';

const DAYS_PER_YEAR = 365.25;

const plural = (n: number, unit: string): string => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** An age in years as a clinician would say it: "3 weeks", "7 months", "1 year 3 months", "34 years". */
export function formatAge(years: number): string {
  const days = Math.round(years * DAYS_PER_YEAR);
  if (days < 14) return plural(days, 'day');
  // Paediatric practice counts the first three months in weeks.
  if (days < 91) return plural(Math.round(days / 7), 'week');
  const months = Math.floor(years * 12 + 1e-9);
  if (months < 12) return plural(months, 'month');
  const y = Math.floor(months / 12);
  const m = months % 12;
  if (y >= 18 || m === 0) return plural(y, 'year');
  return `${plural(y, 'year')} ${plural(m, 'month')}`;
}

export function formatSex(sex: Sex | undefined): string {
  switch (sex) {
    case 'MALE':
      return 'Male';
    case 'FEMALE':
      return 'Female';
    case 'OTHER_SEX':
      return 'Other';
    default:
      return 'Not recorded';
  }
}

/** An age given either in years or as an HPO age class; "Not recorded" when neither. */
export function formatAgeOrTerm(years: number | undefined, term: TermRef | undefined): string {
  if (years !== undefined) return formatAge(years);
  if (term) return term.name;
  return 'Not recorded';
}

export function caseTitle(c: ReportCase): string {
  return c.label && c.label !== c.id ? `${c.label} (${c.id})` : c.id;
}

export function phenotypeOnset(p: ReportPhenotype): string | undefined {
  if (p.onsetYears !== undefined) return `onset ${formatAge(p.onsetYears)}`;
  if (p.onsetTerm) return p.onsetTerm.name.toLowerCase();
  return undefined;
}

/** Secondary facts about a finding: given id, onset, other organ systems. */
export function phenotypeDetails(p: ReportPhenotype): string[] {
  const out: string[] = [];
  const onset = phenotypeOnset(p);
  if (onset) out.push(onset);
  if (p.givenId) out.push(p.known ? `recorded as ${p.givenId}` : 'not in this HPO release');
  if (p.alsoIn.length) out.push(`also ${p.alsoIn.join(', ')}`);
  return out;
}

export const fixed = (x: number, digits = 2): string => (Number.isFinite(x) ? x.toFixed(digits) : '–');

export function percent(p: number): string {
  const v = p * 100;
  return `${v >= 10 || v === 0 ? Math.round(v) : v.toFixed(1)}%`;
}

export const MATCH_KIND_LABEL: Record<MatchKind, string> = {
  exact: 'exact',
  'patient-more-specific': 'patient term more specific',
  'disease-more-specific': 'disease term more specific',
  related: 'related via ancestor',
  unmatched: 'not matched',
};

export function frequencyText(frequency: number | undefined): string {
  return frequency === undefined ? '' : `${percent(frequency)} of patients`;
}

/** Some annotated diseases have no name, only an id; they are then named by the id alone. */
export const hasName = (t: TermRef): boolean => t.name !== '' && t.name !== t.id;

/** "Focal motor seizure (HP:0011153)", or just the id when there is no name. */
export const termText = (t: TermRef): string => (hasName(t) ? `${t.name} (${t.id})` : t.id);

/** The best-matching disease of a gene, by name and id, or '' when it has none. */
export function bestDisease(g: RankedGene): { id: string; name: string } | undefined {
  const id = g.explanation?.diseaseId ?? g.diseases[0]?.id;
  if (!id) return undefined;
  return { id, name: g.diseases.find((d) => d.id === id)?.name ?? id };
}

/** One sentence per conflict between the patient's findings and a disease's annotations. */
export function conflictSentences(e: Explanation): string[] {
  return [
    ...e.excludedConflicts.map((c) => {
      const f = c.diseaseTerm.frequency === undefined ? '' : ` (${frequencyText(c.diseaseTerm.frequency)})`;
      return c.diseaseTerm.id === c.excludedTerm.id
        ? `Excluded ${termText(c.excludedTerm)}, which the disease is annotated with${f}.`
        : `Excluded ${termText(c.excludedTerm)}, but the disease is annotated with ${termText(c.diseaseTerm)}${f}.`;
    }),
    ...e.negatedConflicts.map((t) => `Observed ${termText(t)}, but the disease is annotated as not having it.`),
  ];
}

export function conflictCount(g: RankedGene): number {
  const e = g.explanation;
  return e ? e.excludedConflicts.length + e.negatedConflicts.length : 0;
}

/** "HP:0011153 Focal motor seizure (IC 6.21)": a matched finding and the IC of what it shares. */
export function matchSummary(m: TermMatch): string {
  return `${m.patientTerm.id} ${m.patientTerm.name} (IC ${fixed(m.commonAncestor?.ic ?? 0)})`;
}

/** Dates in reports are unambiguous across locales: 2026-03-01 14:05 UTC. */
export function formatTimestamp(isoText: string): string {
  const d = new Date(isoText);
  if (Number.isNaN(d.getTime())) return isoText;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return 'not recorded';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatParams(params: Record<string, number | string | boolean>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}
