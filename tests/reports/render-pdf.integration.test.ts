/**
 * The PDF report of a real phenopacket, checked the way a reader would: poppler (Debian's
 * poppler-utils) counts its pages, renders them to PNG and extracts their text.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Ontology } from '../../core/hpo/ontology.js';
import { writeReport } from '../../core/reports/render.js';
import type { ReportInput } from '../../core/reports/types.js';
import { DECISION_SUPPORT } from '../../core/reports/wording.js';
import { tempDir } from '../helpers.js';
import { fixtureReport, knowledgeBase, readCase, reportFor } from './fixtures.js';

const poppler = (tool: string, ...args: string[]): string => execFileSync(tool, args, { encoding: 'utf8' });
const pages = (pdf: string): number => Number(/^Pages:\s+(\d+)/m.exec(poppler('pdfinfo', pdf))![1]);
/** pdftotext's words with line breaks and hyphen-free wrapping folded, so sentences can be found whole. */
const textOf = (pdf: string): string => poppler('pdftotext', '-enc', 'UTF-8', pdf, '-').replace(/\s+/g, ' ');

async function writePdf(input: ReportInput, name: string): Promise<string> {
  const path = join(tempDir('odyssey-report-'), name);
  await writeReport(input, 'pdf', path);
  return path;
}

describe('PDF report (real phenopacket, real knowledge base)', () => {
  it('renders pages that poppler can draw, with the gene, the evidence, the HPO acknowledgement and the decision-support statement', async () => {
    const input = await fixtureReport();
    const pdf = await writePdf(input, 'kcnt1.pdf');
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const n = pages(pdf);
    expect(n).toBeGreaterThanOrEqual(5); // title and case, genes, evidence, diseases, method
    expect(poppler('pdfinfo', pdf)).toMatch(/Title:\s+Phenotype-driven gene ranking/);

    const out = join(tempDir('odyssey-report-png-'), 'page');
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, out]);
    const pngs = readdirSync(join(out, '..')).filter((f) => f.endsWith('.png'));
    expect(pngs).toHaveLength(n);
    for (const f of pngs) {
      const png = readFileSync(join(out, '..', f));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.length).toBeGreaterThan(5000); // a drawn page, not a blank one
    }

    const text = textOf(pdf);
    expect(text).toContain('KCNT1');
    expect(text).toContain('Developmental and epileptic encephalopathy 14');
    expect(text).toContain('This product uses the Human Phenotype Ontology (version 2026-02-16). Find out more at http://www.human-phenotype-ontology.org');
    expect(text).toContain(DECISION_SUPPORT);
    expect(text).toContain(`Page 1 of ${n}`);
    expect(text).toContain(`Page ${n} of ${n}`);
    for (const s of ['1. Case summary', 'Phenotypes by organ system', '2. Ranked genes', '3. Evidence for the top 10 genes', '5. Method, versions and acknowledgements', 'Reviewed by'])
      expect(text).toContain(s);
    expect(text).not.toContain('Differential diagnosis');
    // The case's findings by organ system, and the evidence with the common ancestor's IC.
    expect(text).toContain('Nervous system');
    expect(text).toContain('Hearing impairment');
    const m = input.ranking.genes[0]!.explanation!.matches[0]!;
    expect(text).toContain(m.commonAncestor!.ic.toFixed(2));
    expect(text).toContain('Not matched:');
    expect(text).toContain('Conflicts:');
  });

  it('wraps long text and splits long lists over many pages, repeating table headers, with any characters', async () => {
    const kb = await knowledgeBase();
    const o: Ontology = kb.hpo.ontology;
    const c = await readCase();
    // 150 nervous-system findings make one table row far taller than a page.
    const many = o.descendants('HP:0000707').filter((t) => !t.obsolete).slice(0, 150);
    c.observed.push(...many.map((t) => ({ id: t.id })));
    c.label = `Patient ${'with a very long pseudonym '.repeat(6)}患者 α-β ≥ 3 🧬`;
    const input = await reportFor(c, { notes: 'Long note. '.repeat(400), differential: {
      // A hand-written differential: the real one comes with the agents.
      entries: [{ diseaseId: 'OMIM:614959', name: 'Developmental and epileptic encephalopathy 14', probability: 0.5, evidenceFor: ['Focal seizures'], evidenceAgainst: [] }],
      conclusion: 'Leading candidate shown for layout only.',
      confidence: 'low',
    } }, 50);
    const pdf = await writePdf(input, 'long.pdf');
    const n = pages(pdf);
    expect(n).toBeGreaterThan(10);
    const text = textOf(pdf);
    expect(text).toContain('alpha-beta >= 3 ?'); // mapped to what the PDF fonts can show
    expect(text).toContain(many.at(-1)!.name); // the last finding of the split row is there
    // The phenotype table's header is repeated on the page the split row continues on.
    const layout = poppler('pdftotext', '-layout', '-f', '1', '-l', '4', pdf, '-').replace(/[ \t]+/g, ' ');
    expect(layout.split('Organ system Observed Excluded').length - 1).toBeGreaterThanOrEqual(2);
    expect(layout).toMatch(/Nervous system[^\n]*\n[^\n]*\(continued\)/);
    expect(text).toContain('5. Differential diagnosis');
    expect(text).toContain('Leading candidate shown for layout only.');
    expect(text).toContain('6. Method, versions and acknowledgements');
    expect(text).toContain(`Page ${n} of ${n}`);
    expect(statSync(pdf).size).toBeGreaterThan(50_000);
    expect(existsSync(`${pdf}.${process.pid}.tmp`)).toBe(false);
  });
});
