import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import { AnalysisRepository } from '../store/analyses.js';
import type { Store } from '../store/store.js';
import type { AnalysisWithResult } from '../store/types.js';
import { buildReportInput } from './build.js';
import type { ReportInput } from './types.js';

/**
 * The report of a stored analysis exactly as it was recorded — its ranking (the top `top`
 * genes), its differential when it has one, and the case's notes and status — for the CLI and
 * the app alike. `evidenceGenes` of them get a full evidence section.
 */
export function storedReportInput(kb: KnowledgeBase, store: Store, caseId: number, analysis: AnalysisWithResult, top: number, evidenceGenes: number): ReportInput {
  const stored = store.cases.require(caseId);
  const ranking = AnalysisRepository.toRankResult(analysis);
  ranking.genes = ranking.genes.slice(0, top);
  return buildReportInput(kb, store.cases.toPatientCase(caseId), ranking, {
    analysedAt: analysis.finishedAt,
    ...(analysis.result?.differential ? { journey: analysis.result.differential } : {}),
    analysisId: String(analysis.id),
    durationMs: analysis.durationMs,
    evidenceGenes,
    notes: stored.notes,
    status: stored.status,
  });
}
