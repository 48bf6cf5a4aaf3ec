/**
 * A stored case's analysis as a report file, exactly as it was recorded: the bytes travel back
 * to the UI (base64), which offers them as a download, so the server never writes files.
 */
import { OdysseyError } from '../errors.js';
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import { renderReport } from '../reports/render.js';
import type { ReportFormat } from '../reports/types.js';
import { storedReportInput } from '../reports/stored-analysis.js';
import type { Store } from '../store/store.js';
import type { ResponseOf } from './contract.js';

/** How many of the listed genes get a full evidence section (as in `odyssey report`). */
const EVIDENCE_GENES = 10;

const MIME: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json',
};

/** The analysis asked for (default: the latest), refusing one that belongs to another case. */
export function requireAnalysis(store: Store, caseId: number, analysisId: number | undefined) {
  store.cases.require(caseId);
  const a =
    analysisId === undefined
      ? store.analyses.latest(caseId, { result: true })
      : store.analyses.get(analysisId, { result: true });
  if (!a || a.caseId !== caseId) {
    throw new OdysseyError(
      'analysis-missing',
      analysisId === undefined
        ? `Case ${caseId} has not been analysed yet.`
        : `Analysis ${analysisId} does not belong to case ${caseId}.`,
      analysisId === undefined
        ? 'Open the Analyse tab and run an analysis first.'
        : "Choose one of this case's analyses.",
    );
  }
  return a;
}

export async function exportReport(
  kb: KnowledgeBase,
  store: Store,
  caseId: number,
  analysisId: number | undefined,
  format: ReportFormat,
  top: number,
): Promise<ResponseOf<'exportReport'>> {
  const analysis = requireAnalysis(store, caseId, analysisId);
  const input = storedReportInput(kb, store, caseId, analysis, top, EVIDENCE_GENES);
  const content = await renderReport(input, format);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return {
    fileName: `odyssey-case-${caseId}-analysis-${analysis.id}.${format}`,
    mimeType: MIME[format],
    base64: bytes.toString('base64'),
    bytes: bytes.length,
  };
}
