/**
 * What the store commands share: opening the store (ODYSSEY_HOME or the user data folder),
 * reading ids, demographics and HPO terms from options, gene sets, and asking for confirmation.
 */
import { createInterface } from 'node:readline/promises';
import { durationToYears } from '../../core/cases/duration.js';
import { ONSET_TERM_LABELS } from '../../core/cases/onset.js';
import type { Sex } from '../../core/cases/types.js';
import { requireDataFile } from '../../core/data/installed.js';
import { OdysseyError } from '../../core/errors.js';
import { candidatesFromList, candidatesFromPanel, candidatesFromVcf } from '../../core/genes/candidates.js';
import type { CandidateSet } from '../../core/genes/candidate-set.js';
import { loadGeneIdentity } from '../../core/genes/hgnc.js';
import type { GeneIdentity } from '../../core/genes/identity.js';
import { loadHpo } from '../../core/hpo/hpo-cache.js';
import { openStore, type Store } from '../../core/store/store.js';
import type { NewPhenotype } from '../../core/store/types.js';
import type { CliIO } from '../io.js';

/** Opens the store for one command and closes it afterwards, whatever happens. */
export async function withStore<T>(fn: (store: Store) => Promise<T> | T): Promise<T> {
  const store = openStore(process.env.ODYSSEY_ACTOR ? { actor: process.env.ODYSSEY_ACTOR } : {});
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

export function parseCaseId(value: string, name = 'case id'): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new OdysseyError('bad-option', `The ${name} must be a case number such as 12, not "${value}".`, 'List the cases with `odyssey case list`; the id is the first column.');
  }
  return n;
}

export const splitIds = (s: string | undefined): string[] => (s ? s.split(/[\s,;]+/).filter(Boolean) : []);

const SEXES: Record<string, Sex> = { male: 'MALE', m: 'MALE', female: 'FEMALE', f: 'FEMALE', other: 'OTHER_SEX', other_sex: 'OTHER_SEX', unknown: 'UNKNOWN_SEX', unknown_sex: 'UNKNOWN_SEX' };

export function parseSex(value: string): Sex {
  const sex = SEXES[value.trim().toLowerCase()];
  if (!sex) throw new OdysseyError('bad-option', `--sex must be female, male, other or unknown, not "${value}".`, 'Leave --sex out when it is not known.');
  return sex;
}

/** An age as years (4, 0.5) or an ISO 8601 duration (P4Y6M, P3W). */
export function parseYears(value: string, name: string): number {
  const v = value.trim();
  const years = /^\d+(\.\d+)?$/.test(v) ? Number(v) : durationToYears(v.toUpperCase());
  if (years === undefined || !Number.isFinite(years) || years < 0 || years > 130) {
    throw new OdysseyError('bad-option', `${name} must be an age in years (e.g. 4 or 0.5) or an ISO 8601 duration (e.g. P4Y6M), not "${value}".`, `For example: ${name} P1Y6M for 18 months.`);
  }
  return years;
}

/** Onset as an age, or as an HPO onset class (HP:0003577 Congenital onset, ...). */
export function parseOnset(value: string): { onsetYears: number } | { onsetTerm: string } {
  const v = value.trim().toUpperCase();
  if (v.startsWith('HP:')) {
    if (!ONSET_TERM_LABELS[v]) {
      throw new OdysseyError('bad-option', `--onset ${value} is not an HPO onset class.`, 'Use an age (4, P1Y6M) or an onset class such as HP:0003577 (Congenital onset) or HP:0003593 (Infantile onset).');
    }
    return { onsetTerm: v };
  }
  return { onsetYears: parseYears(value, '--onset') };
}

/**
 * HPO ids checked against the installed release: alt ids and replaced obsolete ids become the
 * current term (with a warning), labels are filled in, and unknown ids are refused by name.
 */
export async function resolveTerms(observed: string[], excluded: string[], io: CliIO): Promise<NewPhenotype[]> {
  if (!observed.length && !excluded.length) return [];
  const { ontology } = await loadHpo();
  const out: NewPhenotype[] = [];
  for (const [ids, isExcluded] of [[observed, false], [excluded, true]] as const) {
    for (const input of ids) {
      const r = ontology.resolve(input);
      if (!r.term) {
        throw new OdysseyError('bad-hpo-id', r.warning ?? `Cannot use the HPO id ${input}.`, 'Find the current term with `odyssey search TEXT` and use its id; nothing was stored.');
      }
      if (r.warning) io.err(`warning: ${r.warning}`);
      out.push({ id: r.term.id, label: r.term.name, excluded: isExcluded });
    }
  }
  return out;
}

export interface GeneSetOptions {
  genes?: string;
  genesFile?: string;
  vcf?: string;
}

let identity: Promise<GeneIdentity> | undefined;

/** The candidate gene set the options describe, resolved against HGNC, or undefined. */
export async function geneSetFromOptions(o: GeneSetOptions, io: CliIO): Promise<CandidateSet | undefined> {
  const given = [o.genes, o.genesFile, o.vcf].filter((x) => x !== undefined).length;
  if (!given) return undefined;
  if (given > 1) throw new OdysseyError('bad-option', 'Give only one of --genes, --genes-file and --vcf.', 'Merge the genes into one list or panel file.');
  identity ??= loadGeneIdentity(requireDataFile('hgnc'));
  const id = await identity;
  const set = o.genes !== undefined ? candidatesFromList(id, o.genes) : o.genesFile ? await candidatesFromPanel(id, o.genesFile) : await candidatesFromVcf(id, o.vcf!);
  for (const w of set.warnings) io.err(`warning: ${w}`);
  return set;
}

/** The approved symbol for a gene name, or the name as typed when HGNC does not know it. */
export async function approvedSymbol(name: string, io: CliIO): Promise<string> {
  identity ??= loadGeneIdentity(requireDataFile('hgnc'));
  const r = (await identity).resolve(name);
  if (r.symbol && r.status !== 'ambiguous') {
    if (r.symbol !== name) io.err(`note: ${name} is recorded as its approved symbol ${r.symbol}.`);
    return r.symbol;
  }
  throw new OdysseyError('bad-gene', `${name} is not a gene symbol HGNC knows${r.candidates?.length ? ` unambiguously (it could be ${r.candidates.join(', ')})` : ''}.`, 'Give the approved HGNC symbol, e.g. KCNT1.');
}

/**
 * Asks a yes/no question on an interactive terminal; refuses outright elsewhere, so a script
 * never deletes or overwrites anything without saying --yes.
 */
export async function confirm(io: CliIO, question: string, yes: boolean | undefined, what: string): Promise<void> {
  if (yes) return;
  if (!io.isTTY || !process.stdin.isTTY) {
    throw new OdysseyError('needs-confirmation', `${what} needs confirmation.`, 'Run it again with --yes to confirm.');
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new OdysseyError('cancelled', `${what} was cancelled; nothing was changed.`, 'Answer y to go ahead, or pass --yes.');
  } finally {
    rl.close();
  }
}
