/**
 * Turns a case and its ranking into a ReportInput: names every finding from the HPO release the
 * analysis used and groups the findings by organ system, so renderers need no knowledge base.
 */
import { ONSET_TERM_LABELS } from '../cases/onset.js';
import type { PatientCase, PhenotypeEntry } from '../cases/types.js';
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import type { RankResult, TermRef } from '../genes/ranking/types.js';
import type { Journey } from '../agents/journey/schema.js';
import { categoryProfile } from '../hpo/category-profile.js';
import { reportDifferential } from './differential.js';
import type { Ontology } from '../hpo/ontology.js';
import {
  REPORT_SCHEMA_VERSION,
  type ReportDifferential,
  type ReportInput,
  type ReportPhenotype,
  type ReportPhenotypeGroup,
} from './types.js';

export interface ReportMeta {
  /** When the analysis ran. */
  analysedAt: Date | string;
  /** The stored analysis id, once analyses are stored. */
  analysisId?: string;
  durationMs?: number;
  /** When the report is made; defaults to now. */
  generatedAt?: Date | string;
  /** Candidate gene set the ranking was restricted to. */
  candidates?: { count: number; source: string };
  /** Warnings from outside the ranker (e.g. reading a candidate file), shown with the ranker's. */
  warnings?: string[];
  /** How many top genes get a full evidence section (default 10). */
  evidenceGenes?: number;
  differential?: ReportDifferential;
  /** A stored journey-style differential; shown as the differential when `differential` is not given. */
  journey?: Journey;
  /** Case-record fields a phenopacket does not carry (the store has them). */
  notes?: string;
  status?: string;
}

const OTHER_FINDINGS = 'Other findings';

/** "Abnormality of the nervous system" reads as "Nervous system" in a table of organ systems. */
export function organSystemName(hpoName: string): string {
  const short = hpoName.replace(/^Abnormality of (the )?/i, '');
  return short.charAt(0).toUpperCase() + short.slice(1);
}

const iso = (d: Date | string): string => (typeof d === 'string' ? new Date(d) : d).toISOString();

function termRef(o: Ontology, id: string): TermRef {
  return { id, name: o.get(id)?.name ?? ONSET_TERM_LABELS[id] ?? id };
}

interface Placed {
  phenotype: ReportPhenotype;
  /** Organ-system ids, best group first; empty outside the phenotypic abnormality branch. */
  categories: string[];
}

function place(o: Ontology, entries: readonly PhenotypeEntry[], seen: Set<string>): Placed[] {
  const out: Placed[] = [];
  for (const e of entries) {
    const r = o.resolve(e.id);
    const id = r.term?.id ?? e.id;
    // The same finding recorded twice (e.g. by an alt id and its current id) is shown once.
    if (seen.has(id)) continue;
    seen.add(id);
    const p: ReportPhenotype = {
      id,
      name: r.term?.name ?? e.label ?? id,
      known: r.term !== undefined,
      alsoIn: [],
    };
    if (r.status !== 'current') p.givenId = e.id;
    if (e.onsetYears !== undefined) p.onsetYears = e.onsetYears;
    if (e.onsetTerm) p.onsetTerm = termRef(o, e.onsetTerm);
    out.push({ phenotype: p, categories: r.term ? o.categoriesOf(r.term.id) : [] });
  }
  return out;
}

/**
 * Groups findings by organ system. A term can sit in several systems; listing it under each
 * would double-count it in a clinician's reading, so it goes under the system with the most
 * observed findings and names the others in `alsoIn`.
 */
function groupPhenotypes(kb: KnowledgeBase, observed: Placed[], excluded: Placed[]): ReportPhenotypeGroup[] {
  const { ontology: o, ic } = kb.hpo;
  const rank = new Map<string, number>();
  for (const list of [observed, excluded]) {
    const profile = categoryProfile(o, ic, list.map((p) => p.phenotype.id));
    for (const c of profile.categories) if (!rank.has(c.categoryId)) rank.set(c.categoryId, rank.size);
  }
  const groups = new Map<string, ReportPhenotypeGroup>();
  const group = (key: string, make: () => ReportPhenotypeGroup): ReportPhenotypeGroup => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = make()));
    return g;
  };
  const add = (p: Placed, side: 'observed' | 'excluded'): void => {
    const cats = [...p.categories].sort((a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity));
    const [first, ...rest] = cats;
    p.phenotype.alsoIn = rest.map((c) => organSystemName(o.get(c)?.name ?? c));
    const g = first
      ? group(first, () => ({ categoryId: first, name: organSystemName(o.get(first)?.name ?? first), observed: [], excluded: [] }))
      : p.phenotype.known
        ? group(OTHER_FINDINGS, () => ({ name: OTHER_FINDINGS, observed: [], excluded: [] }))
        : group('unknown', () => ({ name: `Not in HPO release ${o.version}`, observed: [], excluded: [] }));
    g[side].push(p.phenotype);
  };
  for (const p of observed) add(p, 'observed');
  for (const p of excluded) add(p, 'excluded');
  const position = (g: ReportPhenotypeGroup): number =>
    g.categoryId ? (rank.get(g.categoryId) ?? rank.size) : g.name === OTHER_FINDINGS ? rank.size + 1 : rank.size + 2;
  return [...groups.values()].sort((a, b) => position(a) - position(b));
}

/** Everything a report shows about one analysis of one case. */
export function buildReportInput(kb: KnowledgeBase, patientCase: PatientCase, ranking: RankResult, meta: ReportMeta): ReportInput {
  const o = kb.hpo.ontology;
  const seen = new Set<string>();
  const observed = place(o, patientCase.observed, seen);
  // A term both observed and excluded is treated as observed by the ranker; the report agrees.
  const excluded = place(o, patientCase.excluded, seen);
  const c = patientCase;
  const input: ReportInput = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generatedAt: iso(meta.generatedAt ?? new Date()),
    case: {
      id: c.id,
      ...(c.label !== undefined ? { label: c.label } : {}),
      ...(c.sex !== undefined ? { sex: c.sex } : {}),
      ...(c.ageYears !== undefined ? { ageYears: c.ageYears } : {}),
      ...(c.ageTerm !== undefined ? { ageTerm: termRef(o, c.ageTerm) } : {}),
      ...(c.onsetYears !== undefined ? { onsetYears: c.onsetYears } : {}),
      ...(c.onsetTerm !== undefined ? { onsetTerm: termRef(o, c.onsetTerm) } : {}),
      ...(meta.notes !== undefined ? { notes: meta.notes } : {}),
      ...(meta.status !== undefined ? { status: meta.status } : {}),
      observedCount: observed.length,
      excludedCount: excluded.length,
      phenotypeGroups: groupPhenotypes(kb, observed, excluded),
    },
    ranking,
    evidenceGenes: Math.min(meta.evidenceGenes ?? 10, ranking.genes.length),
    analysis: {
      ...(meta.analysisId !== undefined ? { id: meta.analysisId } : {}),
      at: iso(meta.analysedAt),
      ...(meta.durationMs !== undefined ? { durationMs: Math.round(meta.durationMs) } : {}),
      ranker: ranking.ranker,
      versions: ranking.versions,
      scored: ranking.scored,
      ...(meta.candidates ? { candidates: meta.candidates } : {}),
      warnings: [...(meta.warnings ?? []), ...ranking.warnings],
    },
  };
  const differential = meta.differential ?? (meta.journey ? reportDifferential(meta.journey) : undefined);
  if (differential) input.differential = differential;
  return input;
}
