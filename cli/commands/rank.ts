import type { Command } from 'commander';
import Table from 'cli-table3';
import { readCases } from '../../core/cases/sources.js';
import type { PatientCase } from '../../core/cases/types.js';
import { OdysseyError } from '../../core/errors.js';
import {
  candidatesFromList,
  candidatesFromPanel,
  candidatesFromVcf,
} from '../../core/genes/candidates.js';
import type { CandidateSet } from '../../core/genes/candidate-set.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import type { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import { rankCase } from '../../core/genes/ranking/rank.js';
import { queryFromCase } from '../../core/genes/ranking/case-query.js';
import { ALL_RANKERS, loadRanker } from '../../core/agents/rankers.js';
import type { RankQuery, RankResult } from '../../core/genes/ranking/types.js';
import { hpoAcknowledgement } from '../../core/data/installed.js';
import { type CliIO, printJson } from '../io.js';
import { positiveInt } from '../options.js';
import { addAgentOptions, rankerOptionsFromFlags, type AgentFlags } from '../agent-options.js';
import { printAgentReport } from './agent-format.js';

interface RankOpts extends AgentFlags {
  case?: string;
  hpo?: string;
  exclude?: string;
  sex?: string;
  genes?: string;
  genesFile?: string;
  vcf?: string;
  top: string;
  ranker: string;
  json?: boolean;
}

const splitIds = (s: string | undefined): string[] => (s ? s.split(/[\s,;]+/).filter(Boolean) : []);

export async function readOneCase(path: string): Promise<PatientCase> {
  for await (const item of readCases(path)) {
    if (item.error) throw item.error;
    if (item.case) return item.case;
  }
  throw new OdysseyError(
    'case-empty',
    `${path} holds no phenopacket.`,
    'Give a GA4GH Phenopacket v2 JSON file.',
  );
}

async function candidateSet(kb: KnowledgeBase, o: RankOpts): Promise<CandidateSet | undefined> {
  const given = [o.genes, o.genesFile, o.vcf].filter((x) => x !== undefined).length;
  if (given > 1)
    throw new OdysseyError(
      'bad-option',
      'Give only one of --genes, --genes-file and --vcf.',
      'Merge the genes into one list or panel file.',
    );
  if (o.genes !== undefined) return candidatesFromList(kb.identity, o.genes);
  if (o.genesFile) return candidatesFromPanel(kb.identity, o.genesFile);
  if (o.vcf) return candidatesFromVcf(kb.identity, o.vcf);
  return undefined;
}

async function buildQuery(o: RankOpts): Promise<RankQuery> {
  if (o.case && o.hpo)
    throw new OdysseyError(
      'bad-option',
      'Give either --case or --hpo, not both.',
      'Use --case FILE for a phenopacket, or --hpo HP:...,HP:... for terms.',
    );
  if (o.case) {
    return queryFromCase(await readOneCase(o.case));
  }
  if (!o.hpo)
    throw new OdysseyError(
      'bad-option',
      'Nothing to rank: give --case FILE or --hpo HP:...,HP:...',
      'For example: odyssey rank --hpo HP:0001250,HP:0001263',
    );
  const q: RankQuery = { observed: splitIds(o.hpo), excluded: splitIds(o.exclude) };
  if (o.sex) {
    const sex = o.sex.toUpperCase();
    if (sex !== 'MALE' && sex !== 'FEMALE')
      throw new OdysseyError(
        'bad-option',
        `--sex must be male or female, not "${o.sex}".`,
        'Leave --sex out when it is not known.',
      );
    q.sex = sex;
  }
  return q;
}

function printTable(io: CliIO, r: RankResult): void {
  const table = new Table({
    head: ['rank', 'gene', 'score', 'best disease', 'matched', 'unmatched'],
    style: { head: [], border: [] },
  });
  for (const g of r.genes) {
    const e = g.explanation;
    const d = g.diseases[0];
    table.push([
      g.rank,
      g.symbol,
      g.score.toFixed(2),
      d ? `${d.name} (${d.id})`.slice(0, 60) : '',
      e ? e.matches.length : '',
      e ? e.unmatched.length : '',
    ]);
  }
  io.out(table.toString());
  const top = r.genes[0]?.explanation;
  if (top && r.genes[0]) {
    io.out(
      `\nEvidence for ${r.genes[0].symbol} (${top.diseaseId}, ${top.annotationCount} annotated phenotypes):`,
    );
    for (const m of top.matches) {
      io.out(
        `  + ${m.patientTerm.name} (${m.patientTerm.id}) ~ ${m.diseaseTerm?.name} via ${m.commonAncestor?.name} [IC ${m.commonAncestor?.ic.toFixed(2)}, ${m.kind}]`,
      );
    }
    for (const u of top.unmatched) io.out(`  – unmatched: ${u.name} (${u.id})`);
    for (const c of top.excludedConflicts)
      io.out(`  ! excluded ${c.excludedTerm.name}, but the disease has ${c.diseaseTerm.name}`);
  }
  if (r.agent) printAgentReport(io, r.agent);
  io.out(
    `\nRanker ${r.ranker.name} v${r.ranker.version}; scored ${r.scored.genes} genes. HPO ${r.versions.hpo}, annotations ${r.versions.hpoAnnotations}.`,
  );
  io.out(hpoAcknowledgement(r.versions.hpo));
}

export function registerRank(program: Command, io: CliIO): void {
  const cmd = program
    .command('rank')
    .description(
      "rank candidate genes (and diseases) for a patient's phenotypes, with the evidence for each",
    )
    .option('--case <file>', 'GA4GH Phenopacket v2 JSON file')
    .option('--hpo <ids>', 'observed HPO terms, comma-separated')
    .option('--exclude <ids>', 'excluded HPO terms, comma-separated')
    .option('--sex <sex>', 'male or female')
    .option('--genes <list>', 'candidate genes: a list separated by commas, spaces or newlines')
    .option(
      '--genes-file <file>',
      'candidate genes: a panel file (TSV/CSV with a gene column) or a list',
    )
    .option(
      '--vcf <file>',
      'candidate genes: an annotated VCF (VEP CSQ, SnpEff ANN or GENEINFO), plain or bgzipped',
    )
    .option('--top <n>', 'how many genes to show', '10')
    .option('--ranker <name>', `ranking strategy: ${ALL_RANKERS.join(', ')}`, 'knowledge')
    .option('--json', 'print {genes, diseases, warnings, versions, ranker, agent} as JSON');
  addAgentOptions(cmd).action(async (o: RankOpts) => {
    const top = positiveInt(o.top, '--top', 1000);
    const query = await buildQuery(o);
    const options = rankerOptionsFromFlags(o);
    const { kb } = await loadKnowledgeBase();
    if (io.isTTY)
      options.onProgress = (p) => process.stderr.write(`\ragents: ${p.done}/${p.planned} calls`);
    const ranker = await loadRanker(o.ranker, kb, options);
    const cands = await candidateSet(kb, o);
    if (cands) query.candidates = cands.genes;
    // Ctrl-C stops every in-flight model call of the run.
    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    process.once('SIGINT', onSigint);
    let result: RankResult;
    try {
      result = await rankCase(kb, ranker, query, { top, signal: controller.signal });
    } finally {
      process.off('SIGINT', onSigint);
      if (io.isTTY && options.onProgress) process.stderr.write('\n');
    }
    const warnings = [...(cands?.warnings ?? []), ...result.warnings];
    if (o.json) {
      printJson(io, {
        ...result,
        warnings,
        candidates: cands ? { count: cands.genes.length, source: cands.source } : null,
      });
      return;
    }
    for (const w of warnings) io.err(`warning: ${w}`);
    printTable(io, result);
  });
}
