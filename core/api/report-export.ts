/**
 * A stored case's analysis as a report file, exactly as it was recorded: the bytes travel back
 * to the UI (base64), which offers them as a download, so the server never writes files.
 */
import { resourcesFor } from '../cases/phenopacket-write.js';
import { OdysseyError } from '../errors.js';
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import { renderReport } from '../reports/render.js';
import type { ReportFormat } from '../reports/types.js';
import { storedReportInput } from '../reports/stored-analysis.js';
import { casePhenopacket, exportMeta } from '../store/export.js';
import type { Store } from '../store/store.js';
import type { AnalysisWithResult } from '../store/types.js';
import type { ParsedRequestOf, ResponseOf } from './contract.js';

type ExportFormat = ParsedRequestOf<'exportReport'>['format'];

/** How many of the listed genes get a full evidence section (as in `odyssey report`). */
const EVIDENCE_GENES = 10;

const MIME: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  tsv: 'text/tab-separated-values; charset=utf-8',
  json: 'application/json',
  phenopacket: 'application/json',
};

interface Packet {
  id: string;
  subject: { id: string };
  interpretations: object[];
  metaData: { resources: { namespacePrefix: string }[] };
}

const prefixOf = (curie: string): string => curie.split(':', 1)[0] ?? curie;

/**
 * The case as a GA4GH Phenopacket v2 with the analysis's top genes as interpretations still in
 * progress, each gene a CANDIDATE with its best-matching disease: a ranking by phenotype, not a
 * diagnosis, and Odyssey's own reader never takes it for one. A stored diagnosis stays as it is.
 */
function phenopacketReport(
  kb: KnowledgeBase,
  store: Store,
  caseId: number,
  analysis: AnalysisWithResult,
  top: number,
): Buffer {
  const meta = exportMeta(store);
  const packet = casePhenopacket(store, caseId, meta) as Packet;
  const { name, version } = analysis.ranker;
  const genes = (analysis.result?.genes ?? []).slice(0, top);
  const candidates = genes.map((g) => {
    const hgncId = kb.identity.info(g.symbol)?.hgncId;
    const disease = g.diseases[0];
    return {
      id: `${packet.id}-odyssey-analysis-${analysis.id}-rank-${g.rank}`,
      progressStatus: 'IN_PROGRESS',
      summary: `Candidate from Odyssey analysis ${analysis.id} (${name} ranker v${version}, ${analysis.finishedAt}): rank ${g.rank}, score ${g.score.toFixed(3)}. A ranking by phenotype similarity, not a diagnosis.`,
      diagnosis: {
        ...(disease ? { disease: { id: disease.id, label: disease.name } } : {}),
        genomicInterpretations: [
          {
            subjectOrBiosampleId: packet.subject.id,
            interpretationStatus: 'CANDIDATE',
            gene: { ...(hgncId ? { valueId: hgncId } : {}), symbol: g.symbol },
          },
        ],
      },
    };
  });
  packet.interpretations = [...packet.interpretations, ...candidates];
  const have = new Set(packet.metaData.resources.map((r) => r.namespacePrefix));
  const needed = genes.flatMap((g) => [
    ...(g.diseases[0] ? [prefixOf(g.diseases[0].id)] : []),
    ...(kb.identity.info(g.symbol)?.hgncId ? ['HGNC'] : []),
  ]);
  packet.metaData.resources.push(
    ...resourcesFor(
      needed.filter((p) => !have.has(p)),
      meta.hpoVersion,
    ),
  );
  return Buffer.from(`${JSON.stringify(packet, null, 2)}\n`, 'utf8');
}

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

async function rendered(
  kb: KnowledgeBase,
  store: Store,
  caseId: number,
  analysis: AnalysisWithResult,
  format: ReportFormat,
  top: number,
): Promise<Buffer> {
  const input = storedReportInput(kb, store, caseId, analysis, top, EVIDENCE_GENES);
  const content = await renderReport(input, format);
  return typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
}

export async function exportReport(
  kb: KnowledgeBase,
  store: Store,
  caseId: number,
  analysisId: number | undefined,
  format: ExportFormat,
  top: number,
): Promise<ResponseOf<'exportReport'>> {
  const analysis = requireAnalysis(store, caseId, analysisId);
  const bytes =
    format === 'phenopacket'
      ? phenopacketReport(kb, store, caseId, analysis, top)
      : await rendered(kb, store, caseId, analysis, format, top);
  return {
    fileName: `odyssey-case-${caseId}-analysis-${analysis.id}.${format === 'phenopacket' ? 'phenopacket.json' : format}`,
    mimeType: MIME[format],
    base64: bytes.toString('base64'),
    bytes: bytes.length,
  };
}
