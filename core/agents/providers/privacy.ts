/**
 * The privacy filter: the only patient data an LLM prompt may carry. By default that is HPO
 * terms (id + label, observed and excluded), sex and an age band; gene symbols are added by the
 * agents. The case label, case id and free-text notes go out only when the user has opted in
 * for that provider (ProviderConfig.share), because a label is often a name and notes are
 * whatever the clinician typed.
 */
import { isIP } from 'node:net';
import type { ShareSettings } from './types.js';

export interface TermRef {
  id: string;
  label: string;
}

export interface CaseForPrompt {
  observed: TermRef[];
  excluded: TermRef[];
  sex?: string | undefined;
  ageYears?: number | undefined;
  label?: string | undefined;
  caseId?: string | number | undefined;
  notes?: string | undefined;
}

export interface PrivateCaseView {
  observed: TermRef[];
  excluded: TermRef[];
  sex?: 'female' | 'male' | 'other' | 'unknown';
  ageBand?: string;
  label?: string;
  caseId?: string;
  notes?: string;
}

/**
 * Age bands, by completed years: exact ages narrow re-identification, bands keep the clinical
 * signal (neonatal/infantile onset vs adult onset). Upper bounds are exclusive.
 */
export const AGE_BANDS: readonly { below: number; band: string }[] = [
  { below: 1, band: 'infant (<1 y)' },
  { below: 12, band: 'child (1–11 y)' },
  { below: 18, band: 'adolescent (12–17 y)' },
  { below: 40, band: 'adult (18–39 y)' },
  { below: 65, band: 'adult (40–64 y)' },
  { below: Infinity, band: 'older adult (65+ y)' },
];

export function ageBand(ageYears: number): string | undefined {
  if (!Number.isFinite(ageYears) || ageYears < 0) return undefined;
  return AGE_BANDS.find((b) => ageYears < b.below)?.band;
}

const SEX: Record<string, PrivateCaseView['sex']> = {
  female: 'female',
  male: 'male',
  other: 'other',
  other_sex: 'other',
  unknown: 'unknown',
  unknown_sex: 'unknown',
};

const HPO_ID = /^HP:\d{7}$/;

/** Only well-formed HPO ids pass, so a free-text "term" typed by a user cannot ride along. */
function terms(list: TermRef[]): TermRef[] {
  return list.filter((t) => HPO_ID.test(t.id)).map((t) => ({ id: t.id, label: t.label }));
}

/** Builds the case as an LLM may see it; nothing outside this object belongs in a prompt. */
export function privateCaseView(input: CaseForPrompt, share: ShareSettings): PrivateCaseView {
  const view: PrivateCaseView = {
    observed: terms(input.observed),
    excluded: terms(input.excluded),
  };
  const sex = input.sex === undefined ? undefined : SEX[input.sex.trim().toLowerCase()];
  if (sex) view.sex = sex;
  const band = input.ageYears === undefined ? undefined : ageBand(input.ageYears);
  if (band) view.ageBand = band;
  if (share.identifiers) {
    if (input.label) view.label = input.label;
    if (input.caseId !== undefined) view.caseId = String(input.caseId);
  }
  if (share.freeText && input.notes) view.notes = input.notes;
  return view;
}

/** Plain-text rendering of the view for a prompt; a stable order keeps cache keys stable. */
export function caseViewText(view: PrivateCaseView): string {
  const lines: string[] = [];
  if (view.label) lines.push(`Case: ${view.label}`);
  if (view.caseId) lines.push(`Case id: ${view.caseId}`);
  if (view.sex) lines.push(`Sex: ${view.sex}`);
  if (view.ageBand) lines.push(`Age: ${view.ageBand}`);
  lines.push('Observed phenotypes:');
  for (const t of view.observed) lines.push(`- ${t.id} ${t.label}`);
  if (view.excluded.length) {
    lines.push('Excluded phenotypes (checked and absent):');
    for (const t of view.excluded) lines.push(`- ${t.id} ${t.label}`);
  }
  if (view.notes) lines.push(`Notes: ${view.notes}`);
  return lines.join('\n');
}

/** True when the URL's host is this machine: localhost, 127.0.0.0/8 or ::1 (also IPv4-mapped). */
export function isLoopback(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host === 'localhost') return true;
  const kind = isIP(host);
  if (kind === 4) return host.startsWith('127.');
  if (kind === 6) {
    if (host === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(host)) return true;
    // The URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
    return /^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host);
  }
  return false;
}
