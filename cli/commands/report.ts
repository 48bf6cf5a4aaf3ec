import type { Command } from 'commander';
import { OdysseyError } from '../../core/errors.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { rankCase } from '../../core/genes/ranking/rank.js';
import { queryFromCase } from '../../core/genes/ranking/case-query.js';
import { createRanker } from '../../core/genes/ranking/registry.js';
import { buildReportInput } from '../../core/reports/build.js';
import { checkWritable, reportFormat, writeReport } from '../../core/reports/render.js';
import type { ReportInput } from '../../core/reports/types.js';
import type { CliIO } from '../io.js';
import { positiveInt } from '../options.js';
import { readOneCase } from './rank.js';
import { parseCaseId, withStore } from './store-helpers.js';
import { storedReportInput } from '../../core/reports/stored-analysis.js';

interface ReportOpts {
  phenopacket?: string;
  case?: string;
  analysis?: string;
  format?: string;
  out: string;
  top: string;
}

/** How many of the listed genes get a full evidence section. */
const EVIDENCE_GENES = 10;

/** Ranks a phenopacket now, with the knowledge ranker, and gathers what the report shows. */
async function analysePhenopacket(path: string, top: number): Promise<ReportInput> {
  const patientCase = await readOneCase(path);
  const { kb } = await loadKnowledgeBase();
  const ranker = createRanker('knowledge', kb);
  const analysedAt = new Date();
  const started = performance.now();
  const ranking = await rankCase(kb, ranker, queryFromCase(patientCase), { top });
  return buildReportInput(kb, patientCase, ranking, { analysedAt, durationMs: performance.now() - started, evidenceGenes: EVIDENCE_GENES });
}

/** A stored case with its latest (or a chosen) stored analysis, exactly as it was recorded. */
async function storedAnalysis(caseArg: string, analysisArg: string | undefined, top: number): Promise<ReportInput> {
  const caseId = parseCaseId(caseArg, '--case');
  const analysisId = analysisArg === undefined ? undefined : parseCaseId(analysisArg, '--analysis');
  const { kb } = await loadKnowledgeBase();
  return withStore((store) => {
    store.cases.require(caseId);
    const analysis = analysisId === undefined ? store.analyses.latest(caseId, { result: true }) : store.analyses.get(analysisId, { result: true });
    if (!analysis || analysis.caseId !== caseId) {
      throw new OdysseyError(
        'analysis-missing',
        analysisId === undefined ? `Case ${caseId} has no analysis yet.` : `Analysis ${analysisId} does not belong to case ${caseId}.`,
        analysisId === undefined ? `Run \`odyssey analyze --case ${caseId}\` first.` : `List the case's analyses with \`odyssey case show ${caseId}\`.`,
      );
    }
    return storedReportInput(kb, store, caseId, analysis, top, EVIDENCE_GENES);
  });
}

/**
 * Where the reported analysis comes from. Each source is one branch: a phenopacket ranked on
 * the spot today; a stored case and analysis (`--case ID [--analysis ID]`) once the store lands.
 */
async function reportInput(o: ReportOpts, top: number): Promise<ReportInput> {
  if (o.phenopacket && o.case) throw new OdysseyError('bad-option', 'Give either --case or --phenopacket, not both.', 'Use --case ID for a stored case, --phenopacket FILE for a file.');
  if (o.case) return storedAnalysis(o.case, o.analysis, top);
  if (o.analysis) throw new OdysseyError('bad-option', '--analysis needs --case.', 'For example: odyssey report --case 12 --analysis 40 --out r.pdf');
  if (o.phenopacket) return analysePhenopacket(o.phenopacket, top);
  throw new OdysseyError(
    'bad-option',
    'Nothing to report: give --case ID (a stored case) or --phenopacket FILE.',
    'For example: odyssey report --phenopacket patient.json --format pdf --out patient-report.pdf',
  );
}

export function registerReport(program: Command, io: CliIO): void {
  program
    .command('report')
    .description('write a report of a case\'s ranked genes and their evidence (PDF, HTML, TSV or JSON)')
    .option('--case <id>', 'a stored case: reports its latest analysis')
    .option('--analysis <id>', 'with --case: a particular stored analysis')
    .option('--phenopacket <file>', 'GA4GH Phenopacket v2 JSON file: ranked now with the knowledge ranker')
    .option('--format <format>', 'pdf, html, tsv or json (default: from the --out file extension)')
    .requiredOption('--out <file>', 'file to write; replaced only once the new report is complete')
    .option('--top <n>', 'how many genes to list (the top 10 get a full evidence section)', '20')
    .action(async (o: ReportOpts) => {
      // Options are checked before the knowledge base loads, so a typo fails at once.
      const format = reportFormat(o.format, o.out);
      const top = positiveInt(o.top, '--top', 1000);
      checkWritable(o.out);
      const input = await reportInput(o, top);
      await writeReport(input, format, o.out);
      for (const w of input.analysis.warnings) io.err(`warning: ${w}`);
      const first = input.ranking.genes[0];
      io.out(`Wrote ${format.toUpperCase()} report for case ${input.case.id} (${input.ranking.genes.length} genes${first ? `, ${first.symbol} first` : ''}) to ${o.out}`);
    });
}
