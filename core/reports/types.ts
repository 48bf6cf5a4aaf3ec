/**
 * What a report shows, as plain data: the case summary, the ranking with its evidence, the
 * differential when one exists, and how the analysis was made. Every renderer (HTML, PDF, TSV,
 * JSON) reads only this, so a report can be re-rendered later from a stored analysis without
 * the knowledge base, and the JSON format is this type itself.
 */
import type { Sex } from '../cases/types.js';
import type { KnowledgeVersions } from '../genes/kb/types.js';
import type { RankResult, RankerInfo, TermRef } from '../genes/ranking/types.js';

/**
 * Bumped whenever a field of ReportInput is renamed, removed or changes meaning (adding an
 * optional field does not need a bump), so readers of stored JSON reports can tell shapes apart.
 */
export const REPORT_SCHEMA_VERSION = 1;

export const REPORT_FORMATS = ['pdf', 'html', 'tsv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One recorded finding, named from the HPO release the analysis used. */
export interface ReportPhenotype {
  /** Current HPO id (an alt or obsolete id is shown as its replacement). */
  id: string;
  name: string;
  /** The id as recorded, when it was not the current id (alt id, obsolete id, unknown id). */
  givenId?: string;
  /** False when the id is not in the HPO release: the name is then the label as recorded. */
  known: boolean;
  onsetYears?: number;
  onsetTerm?: TermRef;
  /** Display names of further organ systems the term belongs to, beyond its group's. */
  alsoIn: string[];
}

/** Findings of one organ system (a child of HP:0000118 Phenotypic abnormality). */
export interface ReportPhenotypeGroup {
  /** The HPO organ-system term; absent for findings outside any organ system or not in the HPO. */
  categoryId?: string;
  /** Display name, e.g. "Nervous system" for HP:0000707 Abnormality of the nervous system. */
  name: string;
  observed: ReportPhenotype[];
  excluded: ReportPhenotype[];
}

export interface ReportCase {
  id: string;
  /** Label or pseudonym; never a real name unless the user typed one. */
  label?: string;
  sex?: Sex;
  ageYears?: number;
  ageTerm?: TermRef;
  onsetYears?: number;
  onsetTerm?: TermRef;
  /** Free-text notes from the case record (the store has them; phenopackets do not). */
  notes?: string;
  /** Case status from the store (unsolved, solved, closed). */
  status?: string;
  observedCount: number;
  excludedCount: number;
  /** Organ systems with the most observed findings first. */
  phenotypeGroups: ReportPhenotypeGroup[];
}

/**
 * The journey-style differential diagnosis (`odyssey ddx`), reduced to what a report shows:
 * each entry's probability and its evidence as sentences. Built by differential.ts from a
 * stored journey; the renderers show it whenever it is present.
 */
export interface DifferentialEntry {
  diseaseId: string;
  name: string;
  /** 0–1. */
  probability: number;
  evidenceFor: string[];
  evidenceAgainst: string[];
}

export interface ReportDifferential {
  entries: DifferentialEntry[];
  conclusion: string;
  confidence: 'insufficient' | 'low' | 'moderate' | 'high';
  /** Who produced it, e.g. an agent name and model version. */
  source?: string;
  /** What reflection changed: hypotheses dropped or re-ranked with the reason, a dual diagnosis. */
  reflection?: string[];
  /** What to examine next (phenotypes) and the genes to test. */
  nextSteps?: string[];
}

export interface ReportAnalysis {
  /** The stored analysis id; absent for a one-off analysis that was not stored. */
  id?: string;
  /** When the analysis ran (ISO 8601). */
  at: string;
  durationMs?: number;
  ranker: RankerInfo;
  versions: KnowledgeVersions;
  /** How many genes and diseases were scored (genome-wide, or the candidate set). */
  scored: { genes: number; diseases: number };
  /** The candidate gene set the ranking was restricted to, when there was one. */
  candidates?: { count: number; source: string };
  /** Everything the analysis had to adjust or leave out (alt ids, unknown terms, ...). */
  warnings: string[];
}

export interface ReportInput {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  /** When the report was made (ISO 8601); distinct from when the analysis ran. */
  generatedAt: string;
  case: ReportCase;
  ranking: RankResult;
  /** How many of the top genes get a full evidence section in HTML and PDF. */
  evidenceGenes: number;
  differential?: ReportDifferential;
  analysis: ReportAnalysis;
}
