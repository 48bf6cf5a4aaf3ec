/** The HTML, TSV and JSON reports of a real phenopacket ranked with the real knowledge base. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../core/reports/render.js';
import { TSV_COLUMNS } from '../../core/reports/render-tsv.js';
import { REPORT_SCHEMA_VERSION, type ReportDifferential, type ReportInput } from '../../core/reports/types.js';
import { DECISION_SUPPORT } from '../../core/reports/wording.js';
import { fixtureReport, readCase, reportFor } from './fixtures.js';

const HOSTILE_NOTES = `</p><script>alert(1)</script><img src=x onerror="alert(2)"> <a href="https://evil.example/">x</a> & 'q'`;

/**
 * The differential does not exist yet (it comes with the agents); this hand-written one checks
 * that the renderers show the placeholder type when it is present.
 */
const DIFFERENTIAL: ReportDifferential = {
  entries: [
    { diseaseId: 'OMIM:614959', name: 'Developmental and epileptic encephalopathy 14', probability: 0.62, evidenceFor: ['Migrating focal seizures from 6 weeks'], evidenceAgainst: [] },
    { diseaseId: 'OMIM:308350', name: 'Developmental and epileptic encephalopathy 1', probability: 0.11, evidenceFor: ['Infantile onset'], evidenceAgainst: ['Female <patient>'] },
  ],
  conclusion: 'KCNT1-related epilepsy of infancy with migrating focal seizures is the leading candidate.',
  confidence: 'moderate',
  source: 'hand-written test differential',
};

let hostile: Promise<ReportInput> | undefined;
const hostileReport = (): Promise<ReportInput> => (hostile ??= readCase().then((c) => reportFor(c, { notes: HOSTILE_NOTES, status: 'unsolved', differential: DIFFERENTIAL })));

/** The text a reader sees: tags dropped, the few entities the report uses decoded. */
const visibleText = (page: string): string =>
  page
    .replace(/<style>[\s\S]*?<\/style>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('HTML report', () => {
  it('is self-contained: no scripts, no external resources, and a policy that forbids loading any', async () => {
    const page = await renderReport(await hostileReport(), 'html');
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;`);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<(link|img|iframe|object|embed|video|audio|source)\b/i);
    expect(page).not.toMatch(/@import|url\(/i);
    // Every src or href stays inside the page; the HPO site is named in plain text only.
    const refs = [...page.matchAll(/\s(?:src|href)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(r).toMatch(/^#gene-\d+$/);
    expect(page).toContain('Find out more at http://www.human-phenotype-ontology.org');
  });

  it('escapes hostile labels and notes so they show as text and run as nothing', async () => {
    const input = await hostileReport();
    const page = await renderReport(input, 'html');
    expect(page).not.toContain('<b>Amber</b>');
    expect(page).toContain('Pseudonym &lt;b&gt;Amber&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('href="https://evil.example/"');
    expect(page).toContain('&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;');
    // ... and the reader still sees exactly what was typed.
    const text = visibleText(page);
    expect(text).toContain(HOSTILE_NOTES);
    expect(text).toContain('Pseudonym <b>Amber</b> & "Co"');
    expect(text).toContain('Female <patient>');
  });

  it('has every section, the evidence with information content, versions, acknowledgement and the decision-support statement', async () => {
    const input = await hostileReport();
    const page = await renderReport(input, 'html');
    for (const id of ['case', 'genes', 'evidence', 'diseases', 'differential', 'method']) expect(page).toContain(`<section class="major" id="${id}">`);
    const text = visibleText(page);
    for (const heading of ['1. Case summary', 'Phenotypes by organ system', '2. Ranked genes', '3. Evidence for the top 10 genes', '4. Diseases ranked by phenotype match', '5. Differential diagnosis', '6. Method, versions and acknowledgements'])
      expect(text).toContain(heading);
    expect(text).toContain('Highest-ranked gene: KCNT1');
    expect(text).toContain('Nervous system');
    expect(text).toContain('Microcephaly HP:0000252 (recorded as HP:0001366');
    // The top gene's evidence: every matched finding with the IC of the common ancestor.
    const kcnt1 = input.ranking.genes[0]!;
    for (const m of kcnt1.explanation!.matches) expect(text).toContain(`${m.commonAncestor!.name} ${m.commonAncestor!.id} ${m.commonAncestor!.ic.toFixed(2)}`);
    for (const u of kcnt1.explanation!.unmatched) expect(text).toContain(`${u.name} ${u.id}`);
    expect(text).toMatch(/Excluded .* \(HP:\d{7}\), (which|but) the disease is annotated with/);
    expect(page.match(/<article class="gene"/g)).toHaveLength(10);
    expect(text).toContain('KCNT1-related epilepsy of infancy with migrating focal seizures is the leading candidate. (confidence: moderate');
    expect(text).toContain('62%');
    expect(text).toContain('This product uses the Human Phenotype Ontology (version 2026-02-16).');
    expect(text).toContain(DECISION_SUPPORT);
    expect(text).toContain('case status: unsolved');
    // Prints on A4 with a page per section and page numbers.
    expect(page).toMatch(/@media print \{[\s\S]*section\.major \+ section\.major \{ break-before: page; \}/);
    expect(page).toContain('counter(page) " of " counter(pages)');
  });

  it('leaves the differential out when there is none', async () => {
    const page = await renderReport(await fixtureReport(), 'html');
    expect(page).not.toContain('id="differential"');
    expect(visibleText(page)).toContain('5. Method, versions and acknowledgements');
  });
});

describe('TSV report', () => {
  it('has one row per ranked gene and parses back to the ranking', async () => {
    const input = await fixtureReport();
    const tsv = await renderReport(input, 'tsv');
    expect(tsv.split('\n')[0]).toBe(TSV_COLUMNS.join('\t'));
    const rows = parse(tsv, { delimiter: '\t', columns: true, skip_empty_lines: true }) as Record<(typeof TSV_COLUMNS)[number], string>[];
    expect(rows).toHaveLength(input.ranking.genes.length);
    rows.forEach((row, i) => {
      const g = input.ranking.genes[i]!;
      const e = g.explanation!;
      expect(row.case_id).toBe('odyssey-report-kcnt1');
      expect(Number(row.rank)).toBe(g.rank);
      expect(row.gene).toBe(g.symbol);
      expect(Number(row.score)).toBe(g.score);
      expect(row.disease_id).toBe(e.diseaseId);
      expect(Number(row.matched)).toBe(e.matches.length);
      expect(Number(row.unmatched)).toBe(e.unmatched.length);
      expect(Number(row.conflicts)).toBe(e.excludedConflicts.length + e.negatedConflicts.length);
      const terms = row.matched_terms ? row.matched_terms.split('; ') : [];
      expect(terms).toHaveLength(e.matches.length);
      terms.forEach((t, k) => {
        const m = e.matches[k]!;
        expect(t).toBe(`${m.patientTerm.id} ${m.patientTerm.name} (IC ${m.commonAncestor!.ic.toFixed(2)})`);
      });
    });
    expect(rows[0]).toMatchObject({ gene: 'KCNT1', disease_id: 'OMIM:614959', disease_name: 'Developmental and epileptic encephalopathy 14' });
  });

  it('keeps every gene on one line and neutralises spreadsheet formulas in recorded text', async () => {
    const c = await readCase();
    c.id = '=HYPERLINK("http://evil.example")\tand\nmore';
    const tsv = await renderReport(await reportFor(c, {}, 5), 'tsv');
    expect(tsv.trimEnd().split('\n')).toHaveLength(6);
    const rows = parse(tsv, { delimiter: '\t', columns: true }) as Record<string, string>[];
    expect(rows[0]!.case_id).toBe(`'=HYPERLINK("http://evil.example") and more`);
  });
});

describe('JSON report', () => {
  it('is the ReportInput itself, with its schema version, and round-trips exactly', async () => {
    const input = await hostileReport();
    const json = await renderReport(input, 'json');
    const back = JSON.parse(json) as ReportInput;
    expect(back.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(back).toEqual(input);
    // A report re-rendered from stored JSON is the same report.
    expect(await renderReport(back, 'html')).toBe(await renderReport(input, 'html'));
    expect(await renderReport(back, 'json')).toBe(json);
  });
});
