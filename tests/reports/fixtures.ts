/**
 * The report tests' shared case: a fictional KCNT1 epileptic encephalopathy phenopacket (with a
 * hostile label, an alt id and an obsolete id), ranked once with the real knowledge base.
 */
import { readCases } from '../../core/cases/sources.js';
import type { PatientCase } from '../../core/cases/types.js';
import type { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { rankCase } from '../../core/genes/ranking/rank.js';
import { createRanker } from '../../core/genes/ranking/registry.js';
import type { RankQuery } from '../../core/genes/ranking/types.js';
import { buildReportInput, type ReportMeta } from '../../core/reports/build.js';
import type { ReportInput } from '../../core/reports/types.js';
import { fixture } from '../helpers.js';

export const REPORT_CASE = fixture('reports', 'kcnt1-report-case.json');

/** Fixed times, so reports of the same input are comparable. */
export const ANALYSED_AT = '2026-03-02T09:15:00.000Z';
export const GENERATED_AT = '2026-03-02T09:20:00.000Z';

let kbOnce: Promise<KnowledgeBase> | undefined;
export const knowledgeBase = (): Promise<KnowledgeBase> => (kbOnce ??= loadKnowledgeBase().then((l) => l.kb));

export async function readCase(path = REPORT_CASE): Promise<PatientCase> {
  for await (const item of readCases(path)) {
    if (item.error) throw item.error;
    if (item.case) return item.case;
  }
  throw new Error(`${path} holds no case`);
}

export function queryOf(c: PatientCase): RankQuery {
  const q: RankQuery = { observed: c.observed.map((t) => t.id), excluded: c.excluded.map((t) => t.id) };
  if (c.sex) q.sex = c.sex;
  if (c.ageYears !== undefined) q.ageYears = c.ageYears;
  return q;
}

/** Ranks a case genome-wide with the knowledge ranker and builds its report input. */
export async function reportFor(c: PatientCase, meta: Partial<ReportMeta> = {}, top = 20): Promise<ReportInput> {
  const kb = await knowledgeBase();
  const ranking = await rankCase(kb, createRanker('knowledge', kb), queryOf(c), { top });
  return buildReportInput(kb, c, ranking, { analysedAt: ANALYSED_AT, generatedAt: GENERATED_AT, durationMs: 42, ...meta });
}

let inputOnce: Promise<ReportInput> | undefined;
/** The fixture case's report input, built once per test file. */
export const fixtureReport = (): Promise<ReportInput> => (inputOnce ??= readCase().then((c) => reportFor(c)));
