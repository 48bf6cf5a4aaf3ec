/** How `odyssey case list` and `odyssey case show` print: tables for people, JSON for programs. */
import Table from 'cli-table3';
import type { CaseView } from '../../core/store/store.js';
import type { AnalysisWithResult, CasePage } from '../../core/store/types.js';
import type { CliIO } from '../io.js';

const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '');
const years = (y: number | undefined): string => (y === undefined ? '' : y < 2 ? `${Math.round(y * 12)} mo` : `${Math.round(y * 10) / 10} y`);

export function printCasePage(io: CliIO, page: CasePage): void {
  if (!page.total) {
    io.out('No cases match. Add one with `odyssey case add --label ... --hpo ...` or import phenopackets with `odyssey case import PATH`.');
    return;
  }
  const t = new Table({ head: ['id', 'label', 'status', 'sex', 'age', 'terms', 'diagnosis', 'top gene', 'updated'], style: { head: [], border: [] } });
  for (const c of page.items) {
    const dx = c.causalGene ? `${c.causalGene}${c.diagnosisId ? ` · ${c.diagnosisId}` : ''}` : (c.diagnosisId ?? '');
    t.push([c.id, c.label.slice(0, 30), c.status, c.sex?.toLowerCase().replace('_sex', '') ?? '', years(c.ageYears), `${c.observedCount}+/${c.excludedCount}−`, dx, c.latestAnalysis?.topGene ?? '', day(c.updatedAt)]);
  }
  io.out(t.toString());
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  io.out(`page ${page.page} of ${pages} (${page.total} case${page.total === 1 ? '' : 's'})${page.page < pages ? `; next: --page ${page.page + 1}` : ''}`);
}

/** The latest analysis cut to its top genes and diseases, for `case show --json`. */
export function analysisSummaryJson(a: AnalysisWithResult | undefined, top: number): unknown {
  if (!a) return null;
  const { result, transcripts: _t, ...record } = a;
  return { ...record, genes: result?.genes.slice(0, top) ?? [], diseases: result?.diseases.slice(0, top) ?? [], warnings: result?.warnings ?? [], scored: result?.scored ?? null };
}

export function printCaseView(io: CliIO, v: CaseView, top: number): void {
  const c = v.case;
  io.out(`Case ${c.id}: ${c.label} (${c.status})`);
  const facts = [
    c.sex && `sex ${c.sex.toLowerCase()}`,
    c.ageYears !== undefined && `age ${years(c.ageYears)}`,
    c.ageTerm && `age class ${c.ageTerm}`,
    c.onsetYears !== undefined && `onset ${years(c.onsetYears)}`,
    c.onsetTerm && `onset ${c.onsetTerm}`,
    c.externalId && `phenopacket ${c.externalId}`,
  ].filter(Boolean);
  if (facts.length) io.out(`  ${facts.join(', ')}`);
  io.out(`  created ${day(c.createdAt)} by ${c.createdBy}, last changed ${day(c.updatedAt)}`);
  if (c.notes) io.out(`  notes: ${c.notes}`);
  if (c.diagnosis) {
    const d = c.diagnosis;
    io.out(`  ${c.status === 'solved' ? 'final diagnosis' : 'diagnosis given in the imported file'}: ${d.diseases.map((x) => `${x.label ?? ''} (${x.id})`.trim()).join('; ') || '—'}${d.genes.length ? `; gene ${d.genes.join(', ')}` : ''}`);
  }
  const observed = v.phenotypes.filter((p) => !p.excluded);
  const excluded = v.phenotypes.filter((p) => p.excluded);
  io.out(`\nObserved (${observed.length}):`);
  for (const p of observed) io.out(`  + ${p.id} ${p.label ?? ''}`);
  if (excluded.length) {
    io.out(`Excluded (${excluded.length}):`);
    for (const p of excluded) io.out(`  − ${p.id} ${p.label ?? ''}`);
  }
  if (v.geneSet) io.out(`\nCandidate genes: ${v.geneSet.genes.length} from a ${v.geneSet.kind}${v.geneSet.path ? ` (${v.geneSet.path})` : ''}`);
  const a = v.latestAnalysis;
  if (!a) {
    io.out(`\nNot analysed yet: run \`odyssey analyze --case ${c.id}\`.`);
    return;
  }
  io.out(`\nLatest analysis ${a.id}, ${day(a.finishedAt)}: ranker ${a.ranker.name} v${a.ranker.version}, HPO ${a.knowledge.hpo}, annotations ${a.knowledge.hpoAnnotations}, ${a.result?.scored.genes ?? 0} genes scored`);
  const t = new Table({ head: ['rank', 'gene', 'score', 'best disease', 'matched', 'unmatched'], style: { head: [], border: [] } });
  for (const g of a.result?.genes.slice(0, top) ?? []) {
    const d = g.diseases[0];
    t.push([g.rank, g.symbol, g.score.toFixed(2), d ? `${d.name} (${d.id})`.slice(0, 60) : '', g.explanation?.matches.length ?? '', g.explanation?.unmatched.length ?? '']);
  }
  io.out(t.toString());
  if (a.summary) io.out(`\nWhat changed: ${a.summary}`);
}
