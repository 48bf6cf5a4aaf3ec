import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CandidateSource } from '../../core/genes/candidate-set.js';
import type { Explanation, RankResult } from '../../core/genes/ranking/types.js';
import { fixture } from '../helpers.js';
import { runCli } from './run-cli.js';

// Runs `odyssey rank` in-process against the real HPO release and annotations (npm install).
type RankJson = RankResult & { candidates: { count: number; source: CandidateSource } | null };

const BIN = fileURLToPath(new URL('../../bin/odyssey.js', import.meta.url));
const CASE = fixture('cli', 'kcnt1-case.json'); // solved DEE14 (KCNT1) case, with an alt id and an obsolete id
const PANEL = fixture('cli', 'epilepsy-panel.tsv');
const NO_STACK = /\n\s+at /;

async function rankJson(...args: string[]): Promise<RankJson> {
  const r = await runCli('rank', ...args, '--json');
  expect(r.code, r.err).toBe(0);
  return JSON.parse(r.out) as RankJson;
}

// Ranking the fixture case genome-wide is shared by several tests.
let caseResult: Promise<RankJson> | undefined;
const rankCaseOnce = (): Promise<RankJson> => (caseResult ??= rankJson('--case', CASE));

const symbols = (r: RankJson): string[] => r.genes.map((g) => g.symbol);
const gene = (r: RankJson, symbol: string) => r.genes.find((g) => g.symbol === symbol);

/** Competition ranks ("1224") over scores that never increase. */
function checkRanking(items: readonly { rank: number; score: number }[]): void {
  items.forEach((x, i) => {
    const prev = items[i - 1];
    if (!prev) return void expect(x.rank).toBe(1);
    expect(x.score).toBeLessThanOrEqual(prev.score);
    expect(x.rank).toBe(x.score === prev.score ? prev.rank : i + 1);
  });
}

/** Each explained match is internally consistent: the ancestor relation matches its kind. */
function checkExplanation(e: Explanation | undefined, query: readonly string[]): void {
  expect(e).toBeDefined();
  expect(e!.diseaseId).toMatch(/^(OMIM|ORPHA|DECIPHER|MONDO):\w+$/);
  expect(e!.annotationCount).toBeGreaterThan(0);
  for (const m of e!.matches) {
    expect(m.patientTerm.id).toMatch(/^HP:\d{7}$/);
    expect(m.patientTerm.name).not.toBe('');
    expect(m.diseaseTerm?.id).toMatch(/^HP:\d{7}$/);
    expect(m.commonAncestor?.id).toMatch(/^HP:\d{7}$/);
    expect(m.commonAncestor!.ic).toBeGreaterThan(0);
    expect(Number.isFinite(m.commonAncestor!.ic)).toBe(true);
    expect(m.contribution).toBeGreaterThan(0);
    expect(['exact', 'disease-more-specific', 'patient-more-specific', 'related']).toContain(m.kind);
    if (m.kind === 'exact') expect([m.diseaseTerm!.id, m.commonAncestor!.id]).toEqual([m.patientTerm.id, m.patientTerm.id]);
    if (m.kind === 'disease-more-specific') expect(m.commonAncestor!.id).toBe(m.patientTerm.id);
    if (m.kind === 'patient-more-specific') expect(m.commonAncestor!.id).toBe(m.diseaseTerm!.id);
  }
  // Every (resolved) patient finding is accounted for exactly once: matched or unmatched.
  const seen = [...e!.matches.map((m) => m.patientTerm.id), ...e!.unmatched.map((u) => u.id)];
  expect(seen.sort()).toEqual([...query].sort());
}

describe('odyssey rank --hpo (real data)', () => {
  it('prints genes, diseases, warnings, versions and ranker as JSON, with evidence for each gene', async () => {
    const query = ['HP:0001250', 'HP:0001263'];
    const r = await rankJson('--hpo', query.join(','));
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['genes', 'diseases', 'warnings', 'versions', 'ranker']));
    expect(r.warnings).toEqual([]);
    expect(r.candidates).toBeNull();
    expect(r.versions).toMatchObject({ hpo: '2026-02-16', hpoAnnotations: '2025-05-06' });
    expect(r.ranker.name).toBe('knowledge');
    expect(r.scored.genes).toBeGreaterThan(4000);
    expect(r.genes).toHaveLength(10); // default --top
    checkRanking(r.genes);
    for (const g of r.genes) {
      expect(g.symbol).toMatch(/^[A-Z0-9][A-Za-z0-9.-]*$/);
      expect(g.diseases.length).toBeGreaterThan(0);
      expect(g.diseases.map((d) => d.score)).toEqual(g.diseases.map((d) => d.score).sort((a, b) => b - a));
      for (const d of g.diseases) expect(d).toMatchObject({ id: expect.stringMatching(/:/), name: expect.any(String), score: expect.any(Number) });
      checkExplanation(g.explanation, query);
      expect(g.explanation!.excludedConflicts).toEqual([]);
      expect(g.explanation!.matches.length).toBeGreaterThan(0);
    }
    expect(r.diseases).toHaveLength(10);
    checkRanking(r.diseases);
    for (const d of r.diseases) {
      expect(d.genes).toEqual(expect.any(Array)); // empty for diseases with no known gene (some ORPHA entries)
      checkExplanation(d.explanation, query);
    }
  });

  it('honours --top and --ranker resnik, and rejects an unknown ranker with the list of rankers', async () => {
    const top3 = await rankJson('--case', CASE, '--top', '3');
    expect(top3.genes).toHaveLength(3);
    const knowledge = await rankCaseOnce();
    expect(symbols(top3)).toEqual(symbols(knowledge).slice(0, 3));
    const resnik = await rankJson('--case', CASE, '--ranker', 'resnik');
    expect(resnik.ranker.name).toBe('resnik');
    expect(resnik.ranker.name).not.toBe(knowledge.ranker.name);
    expect(symbols(resnik).slice(0, 10)).toContain('KCNT1');
    // A different strategy really ran: its scores are on another scale.
    expect(gene(resnik, 'KCNT1')!.score).not.toBe(gene(knowledge, 'KCNT1')!.score);

    const bad = await runCli('rank', '--hpo', 'HP:0001250', '--ranker', 'magic');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/error: There is no ranker called "magic"\.\n {2}fix: Choose one of: knowledge, resnik, onnx, onnx-dc, llm, hybrid\./);
  });
});

describe('odyssey rank --case (real data)', () => {
  it('puts the causal gene of a solved phenopacket in the top 10 and warns about alt and obsolete ids', async () => {
    const r = await rankCaseOnce();
    const kcnt1 = gene(r, 'KCNT1');
    expect(kcnt1, `top 10: ${symbols(r).join(', ')}`).toBeDefined();
    expect(kcnt1!.rank).toBeLessThanOrEqual(10);
    expect(kcnt1!.diseases.map((d) => d.id)).toContain('OMIM:614959');
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/HP:0001366 is an alternative id of HP:0000252 \(Microcephaly\)/),
        expect.stringMatching(/HP:0009062 is obsolete; replaced by HP:0008936 \(Axial hypotonia\)/),
      ]),
    );
    // The explanation uses the resolved terms, never the alt or obsolete ids.
    const e = kcnt1!.explanation!;
    checkExplanation(e, ['HP:0011153', 'HP:0200134', 'HP:0012736', 'HP:0032773', 'HP:0000252', 'HP:0008936']);
    expect(e.diseaseId).toBe('OMIM:614959');
    // Excluded findings the disease is annotated with are flagged; hearing impairment is not one.
    const conflicts = e.excludedConflicts.map((c) => c.excludedTerm.id).sort();
    expect(conflicts).toEqual(['HP:0001344', 'HP:0002079', 'HP:0002266']);
  });

  it('prints a table with the evidence, warnings on stderr and the HPO acknowledgement', async () => {
    const { code, out, err } = await runCli('rank', '--case', CASE, '--top', '5');
    expect(code).toBe(0);
    expect(out).toMatch(/│ 1\s+│ KCNT1\s+│/);
    expect(out).toMatch(/Evidence for KCNT1 \(OMIM:614959, \d+ annotated phenotypes\):/);
    expect(out).toMatch(/! excluded Absent speech, but the disease has Absent speech/);
    expect(out).toContain('This product uses the Human Phenotype Ontology (version 2026-02-16)');
    expect(err).toMatch(/^warning: Observed term: HP:0001366 is an alternative id/m);
  });
});

describe('odyssey rank with a candidate set (real data)', () => {
  it('--genes ranks only the listed genes, with unchanged scores, and warns about the ones it cannot rank', async () => {
    const all = await rankCaseOnce();
    const r = await rankJson('--case', CASE, '--genes', 'SCN1A, FBN1 KCNT1;NOTAGENE1,OR4F5');
    expect(symbols(r).sort()).toEqual(['FBN1', 'KCNT1', 'SCN1A']);
    expect(r.genes.map((g) => g.rank)).toEqual([1, 2, 3]);
    expect(r.genes[0]!.symbol).toBe('KCNT1');
    expect(r.genes[0]!.score).toBe(gene(all, 'KCNT1')!.score); // the set filters, it does not rescore
    expect(r.scored.genes).toBe(3);
    expect(r.candidates).toMatchObject({ count: 4, source: { kind: 'list', inputCount: 5 } });
    expect(r.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Unknown gene symbol "NOTAGENE1"/),
        expect.stringMatching(/Candidate OR4F5 has no phenotype annotations/),
      ]),
    );
    // Diseases are restricted to the candidates too.
    for (const d of r.diseases) expect(d.genes.some((s) => ['FBN1', 'KCNT1', 'SCN1A'].includes(s))).toBe(true);
  });

  it('--genes-file reads a TSV panel by its gene_symbol column, and a plain list with a comment line', async () => {
    const panel = await rankJson('--case', CASE, '--genes-file', PANEL);
    expect(symbols(panel).sort()).toEqual(['CDKL5', 'KCNQ2', 'KCNT1', 'PCDH19', 'SCN1A', 'SCN2A', 'STXBP1']);
    expect(panel.genes[0]!.symbol).toBe('KCNT1');
    expect(panel.candidates?.source).toMatchObject({ kind: 'panel', path: PANEL, inputCount: 7, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(panel.warnings.filter((w) => !w.startsWith('Observed term:'))).toEqual([]);

    const list = await rankJson('--case', CASE, '--genes-file', fixture('cli', 'genes.txt'));
    expect(symbols(list).sort()).toEqual(['FBN1', 'KCNT1', 'SCN1A', 'TGFBR2']);
    expect(list.candidates).toMatchObject({ count: 4, source: { inputCount: 4 } });
  });

  it('--vcf takes the genes from VEP CSQ, leaving out FILTER-failed records and unknown symbols', async () => {
    const vcf = fixture('cli', 'annotated.vcf');
    const r = await rankJson('--case', CASE, '--vcf', vcf);
    expect(symbols(r).sort()).toEqual(['FBN1', 'KCNT1', 'SCN1A']); // PIGA's record is LowQual
    expect(r.genes[0]!.symbol).toBe('KCNT1');
    expect(r.candidates?.source).toMatchObject({ kind: 'vcf', path: vcf, vcf: { records: 5, filteredOut: 1, annotations: ['CSQ'] } });
    expect(r.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/1 of 5 variant record\(s\) did not pass FILTER/), expect.stringMatching(/Unknown gene symbol "NOVELG1"/)]),
    );
  });

  it('refuses an unannotated VCF, naming the annotation it needs, and two candidate sources at once', async () => {
    const plain = await runCli('rank', '--case', CASE, '--vcf', fixture('cli', 'unannotated.vcf'), '--json');
    expect(plain.code).toBe(2);
    expect(plain.out).toBe('');
    expect(plain.err).toMatch(/error: .*unannotated\.vcf has no gene annotation: .*CSQ \(VEP\), ANN \(SnpEff\) or GENEINFO/);
    expect(plain.err).toMatch(/fix: Annotate the VCF first, e\.g\. `vep .*--symbol/);

    const two = await runCli('rank', '--case', CASE, '--genes', 'KCNT1', '--genes-file', PANEL);
    expect(two.code).toBe(2);
    expect(two.err).toMatch(/error: Give only one of --genes, --genes-file and --vcf\.\n {2}fix: /);
  });
});

describe('odyssey rank errors', () => {
  const cases: [string, string[], RegExp][] = [
    ['no phenotypes given', [], /Nothing to rank: give --case FILE or --hpo/],
    ['both --case and --hpo', ['--case', CASE, '--hpo', 'HP:0001250'], /Give either --case or --hpo, not both/],
    ['--top 0', ['--hpo', 'HP:0001250', '--top', '0'], /--top must be a whole number from 1 to 1000, not "0"/],
    ['a missing case file', ['--case', fixture('cli', 'no-such-case.json')], /Case input not found: .*no-such-case\.json/],
    ['only an unknown HPO id', ['--hpo', 'HP:9999999'], /None of the observed terms is a usable phenotypic abnormality:\n.*HP:9999999 is not in HPO release 2026-02-16/],
    ['only a non-phenotype term', ['--hpo', 'HP:0000006'], /None of the observed terms is a usable phenotypic abnormality:\n.*HP:0000006 \(Autosomal dominant inheritance\) is not a phenotypic abnormality/],
    ['a bad --sex', ['--hpo', 'HP:0001250', '--sex', 'x'], /--sex must be male or female, not "x"/],
  ];
  it.each(cases)('exits 2 with error and fix, no stack trace: %s', async (_name, args, message) => {
    const { code, out, err } = await runCli('rank', ...args, '--json');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err).toMatch(/^error: [\s\S]+\n {2}fix: .+/);
    expect(err).not.toMatch(NO_STACK);
  });

  it('the real binary exits 2 on stderr only, without a stack trace', () => {
    const r = spawnSync(process.execPath, [BIN, 'rank', '--hpo', 'HP:9999999', '--json'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: None of the observed terms is a usable phenotypic abnormality:\n[\s\S]*\n {2}fix: Add at least one observed HPO term/);
    expect(r.stderr).not.toMatch(NO_STACK);
  });
});
