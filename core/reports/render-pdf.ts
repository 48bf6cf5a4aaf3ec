/**
 * The report as an A4 PDF, drawn with pdfkit (pure JavaScript, so it runs the same in Node and in
 * Electron's main process) in the standard Helvetica fonts. Sections start on a new page; every
 * page carries the case, the decision-support statement and its page number.
 */
import type { RankedGene, TermRef } from '../genes/ranking/types.js';
import {
  bestDisease,
  caseTitle,
  conflictCount,
  conflictSentences,
  fixed,
  formatAgeOrTerm,
  formatDuration,
  formatParams,
  formatSex,
  formatTimestamp,
  frequencyText,
  hasName,
  MATCH_KIND_LABEL,
  percent,
  phenotypeDetails,
  termText,
} from './format.js';
import { COLORS, SIZE, type Cell, type Column, PdfLayout, type Span } from './pdf-layout.js';
import type { ReportDifferential, ReportInput, ReportPhenotype } from './types.js';
import {
  acknowledgements,
  DECISION_SUPPORT,
  DECISION_SUPPORT_SHORT,
  EVIDENCE_LEGEND,
  methodText,
  REPORT_TITLE,
  SIGN_OFF_FIELDS,
  versionRows,
} from './wording.js';

/** Columns from header, share of the content width and alignment. */
function columns(pdf: PdfLayout, spec: [string, number, ('left' | 'right')?][]): Column[] {
  const total = spec.reduce((a, [, w]) => a + w, 0);
  return spec.map(([header, w, align]) => ({ header, width: (pdf.width * w) / total, ...(align ? { align } : {}) }));
}

const muted = (text: string): Span => ({ text, size: SIZE.small, color: COLORS.muted });
/** A term as a cell: its name, and its id (with any detail) on a grey line below. */
const termCell = (t: TermRef, detail?: string): Span[] => {
  const id = detail ? `${t.id} \u00b7 ${detail}` : t.id;
  return hasName(t) ? [{ text: t.name, keepWithNext: true }, muted(id)] : [{ text: id }];
};

function phenotypeSpans(list: readonly ReportPhenotype[]): Span[] {
  if (!list.length) return [{ text: 'none recorded', style: 'italic', color: COLORS.muted }];
  return list.flatMap((p) => {
    const details = phenotypeDetails(p);
    return [{ text: p.name, keepWithNext: true }, muted(details.length ? `${p.id} \u00b7 ${details.join('; ')}` : p.id)];
  });
}

function titleBlock(pdf: PdfLayout, input: ReportInput): void {
  const { doc } = pdf;
  const c = input.case;
  const a = input.analysis;
  pdf.paragraph({ text: 'ODYSSEY', style: 'bold', size: SIZE.small + 0.5, color: COLORS.accent }, { gapAfter: 0 });
  pdf.paragraph({ text: REPORT_TITLE, style: 'bold', size: SIZE.title }, { gapAfter: 0 });
  pdf.paragraph({ text: `Case ${caseTitle(c)}`, size: SIZE.h2, color: COLORS.muted }, { gapAfter: 6 });
  doc.moveTo(pdf.left, doc.y).lineTo(pdf.left + pdf.width, doc.y).lineWidth(2).strokeColor(COLORS.accent).stroke();
  pdf.space(8);
  pdf.facts([
    ['Findings', `${c.observedCount} observed, ${c.excludedCount} excluded`],
    ['Sex', formatSex(c.sex)],
    ['Age', formatAgeOrTerm(c.ageYears, c.ageTerm)],
    ['Onset', formatAgeOrTerm(c.onsetYears, c.onsetTerm)],
    ['Analysis', a.id ?? 'not stored'],
    ['Analysed', formatTimestamp(a.at)],
    ['Ranker', `${a.ranker.name} v${a.ranker.version}`],
    ['Report generated', formatTimestamp(input.generatedAt)],
  ]);
  pdf.space(6);
  pdf.notice(DECISION_SUPPORT_SHORT, DECISION_SUPPORT);
}

function caseSection(pdf: PdfLayout, input: ReportInput): void {
  const c = input.case;
  pdf.heading('1. Case summary', 1);
  const g = input.ranking.genes[0];
  const d = g && bestDisease(g);
  if (g) {
    pdf.paragraph([
      { text: 'Highest-ranked gene: ' },
      { text: g.symbol, style: 'bold' },
      { text: `${d ? ` (${hasName(d) ? `${d.name}, ` : ''}${d.id})` : ''}, score ${fixed(g.score)}, of ${input.analysis.scored.genes.toLocaleString('en-GB')} genes scored.` },
    ]);
  } else {
    pdf.paragraph({ text: 'No gene could be scored for these findings.' });
  }
  pdf.paragraph({ text: `${c.observedCount} observed and ${c.excludedCount} excluded findings${c.status ? `; case status: ${c.status}` : ''}.` });
  if (c.notes) {
    pdf.heading('Notes', 2, 30);
    pdf.paragraph({ text: c.notes });
  }
  pdf.heading('Phenotypes by organ system', 2);
  const cols = columns(pdf, [['Organ system', 0.22], ['Observed', 0.42], ['Excluded', 0.36]]);
  pdf.table(
    cols,
    c.phenotypeGroups.map((grp) => [{ text: grp.name, style: 'bold' }, phenotypeSpans(grp.observed), phenotypeSpans(grp.excluded)]),
  );
}

function genesSection(pdf: PdfLayout, input: ReportInput): void {
  const genes = input.ranking.genes;
  pdf.newPage();
  pdf.heading('2. Ranked genes', 1);
  pdf.paragraph({
    text: `The ${genes.length} highest-ranked of ${input.analysis.scored.genes.toLocaleString('en-GB')} genes scored. Matched, not matched and conflicts count the patient's findings against the gene's best-matching disease.`,
  });
  const cols = columns(pdf, [['Rank', 0.06, 'right'], ['Gene', 0.11], ['Score', 0.08, 'right'], ['Best-matching disease', 0.45], ['Matched', 0.1, 'right'], ['Not matched', 0.11, 'right'], ['Conflicts', 0.09, 'right']]);
  pdf.table(
    cols,
    genes.map((g): Cell[] => {
      const dd = bestDisease(g);
      const e = g.explanation;
      return [
        String(g.rank),
        { text: g.symbol, style: 'bold' },
        fixed(g.score),
        dd ? termCell(dd) : '',
        e ? String(e.matches.length) : '',
        e ? String(e.unmatched.length) : '',
        e ? String(conflictCount(g)) : '',
      ];
    }),
  );
}

function geneEvidence(pdf: PdfLayout, g: RankedGene): void {
  const e = g.explanation;
  const d = bestDisease(g);
  pdf.heading(`${g.rank}. ${g.symbol}${d ? ` \u2014 ${termText(d)}` : ''}`, 2, 80);
  if (!e) return pdf.paragraph({ text: 'No evidence recorded.', style: 'italic', color: COLORS.muted });
  const others = g.diseases.filter((x) => x.id !== d?.id);
  pdf.paragraph(
    {
      text: `Score ${fixed(g.score)}; the disease has ${e.annotationCount} annotated phenotypes.${others.length ? ` Other diseases of ${g.symbol}: ${others.map(termText).join('; ')}.` : ''}`,
      color: COLORS.muted,
      size: SIZE.table,
    },
    { gapAfter: 2 },
  );
  if (e.matches.length) {
    const cols = columns(pdf, [['Patient finding', 0.26], ['Disease annotation', 0.25], ['Common ancestor', 0.23], ['IC', 0.07, 'right'], ['Adds', 0.07, 'right'], ['Match', 0.12]]);
    pdf.table(
      cols,
      e.matches.map((m): Cell[] => [
        termCell(m.patientTerm),
        m.diseaseTerm ? termCell(m.diseaseTerm, frequencyText(m.diseaseTerm.frequency) || undefined) : '',
        m.commonAncestor ? termCell(m.commonAncestor) : '',
        m.commonAncestor ? fixed(m.commonAncestor.ic) : '',
        fixed(m.contribution),
        muted(MATCH_KIND_LABEL[m.kind]),
      ]),
    );
  } else {
    pdf.paragraph({ text: 'No finding matched this disease.', style: 'italic', color: COLORS.muted });
  }
  const unmatched = e.unmatched.map(termText).join('; ');
  pdf.paragraph([{ text: 'Not matched: ', style: 'bold' }, { text: unmatched || 'none' }], { size: SIZE.table });
  const conflicts = conflictSentences(e);
  if (!conflicts.length) {
    pdf.paragraph([{ text: 'Conflicts: ', style: 'bold' }, { text: 'none' }], { size: SIZE.table, gapAfter: 8 });
    return;
  }
  pdf.paragraph({ text: 'Conflicts:', style: 'bold' }, { size: SIZE.table, gapAfter: 1 });
  conflicts.forEach((text, i) => pdf.paragraph({ text: `\u2022 ${text}`, color: COLORS.bad }, { size: SIZE.table, indent: 8, gapAfter: i === conflicts.length - 1 ? 8 : 1 }));
}

function evidenceSection(pdf: PdfLayout, input: ReportInput): void {
  pdf.newPage();
  pdf.heading(`3. Evidence for the top ${input.evidenceGenes} genes`, 1);
  pdf.paragraph({ text: EVIDENCE_LEGEND, color: COLORS.muted, size: SIZE.table }, { gapAfter: 4 });
  for (const g of input.ranking.genes.slice(0, input.evidenceGenes)) geneEvidence(pdf, g);
}

function diseasesSection(pdf: PdfLayout, input: ReportInput): void {
  const ds = input.ranking.diseases;
  pdf.newPage();
  pdf.heading('4. Diseases ranked by phenotype match', 1);
  pdf.paragraph({
    text: `The same comparison, disease by disease (${input.analysis.scored.diseases.toLocaleString('en-GB')} diseases scored). This is a similarity ranking, not a differential diagnosis.`,
  });
  if (!ds.length) return pdf.paragraph({ text: 'No disease could be scored.', style: 'italic', color: COLORS.muted });
  const cols = columns(pdf, [['Rank', 0.06, 'right'], ['Disease', 0.52], ['Genes', 0.22], ['Score', 0.1, 'right'], ['Matched', 0.1, 'right']]);
  pdf.table(
    cols,
    ds.map((d): Cell[] => [
      String(d.rank),
      termCell(d),
      d.genes.length ? d.genes.join(', ') : { text: 'no gene known', style: 'italic', color: COLORS.muted },
      fixed(d.score),
      d.explanation ? String(d.explanation.matches.length) : '',
    ]),
  );
}

function differentialSection(pdf: PdfLayout, dd: ReportDifferential): void {
  pdf.newPage();
  pdf.heading('5. Differential diagnosis', 1);
  pdf.paragraph([{ text: 'Conclusion: ', style: 'bold' }, { text: dd.conclusion }]);
  pdf.paragraph({ text: `Confidence: ${dd.confidence}${dd.source ? `; ${dd.source}` : ''}`, color: COLORS.muted, size: SIZE.table });
  const list = (xs: readonly string[]): Span[] => (xs.length ? xs.map((x) => ({ text: `\u2022 ${x}` })) : [{ text: 'none', style: 'italic', color: COLORS.muted }]);
  const cols = columns(pdf, [['Disease', 0.24], ['Probability', 0.12, 'right'], ['Evidence for', 0.32], ['Evidence against', 0.32]]);
  pdf.table(
    cols,
    dd.entries.map((e): Cell[] => [termCell({ id: e.diseaseId, name: e.name }), percent(e.probability), list(e.evidenceFor), list(e.evidenceAgainst)]),
  );
  for (const [title, items] of [['Reflection: hypotheses dropped or re-ranked', dd.reflection], ['Next steps', dd.nextSteps]] as const) {
    if (!items?.length) continue;
    pdf.heading(title, 2);
    for (const x of items) pdf.paragraph({ text: `\u2022 ${x}`, size: SIZE.table });
  }
}

function methodSection(pdf: PdfLayout, input: ReportInput): void {
  const a = input.analysis;
  pdf.newPage();
  pdf.heading(`${input.differential ? 6 : 5}. Method, versions and acknowledgements`, 1);
  pdf.paragraph({ text: methodText(input) }, { gapAfter: 6 });
  const rows: [string, string][] = [
    ['Ranker', `${a.ranker.name} version ${a.ranker.version}`],
    ['Parameters', formatParams(a.ranker.params)],
    ...versionRows(input),
    ['Analysis', `${a.id ?? 'not stored'}; ran ${formatTimestamp(a.at)}, took ${formatDuration(a.durationMs)}`],
    ['Report schema', `version ${input.schemaVersion}`],
  ];
  pdf.table(columns(pdf, [['Item', 0.38], ['Version or value', 0.62]]), rows.map(([k, v]) => [{ text: k, color: COLORS.muted }, v]));
  pdf.heading('Adjustments made to the input', 2, 30);
  if (a.warnings.length) for (const w of a.warnings) pdf.paragraph({ text: `\u2022 ${w}` }, { size: SIZE.table, indent: 8, gapAfter: 1 });
  else pdf.paragraph({ text: 'None: every finding was used as recorded.', style: 'italic', color: COLORS.muted });
  pdf.heading('Acknowledgements', 2, 30);
  // pdfkit wraps after hyphens, which would split human-phenotype-ontology.org; a URL starting
  // its own line always fits, so it is never broken.
  for (const t of acknowledgements(input)) pdf.paragraph({ text: t.replace(/ (https?:\/\/\S+)/g, '\n$1'), size: SIZE.table });
  pdf.space(6);
  pdf.notice(DECISION_SUPPORT_SHORT, DECISION_SUPPORT);
  signOff(pdf);
}

/** Lines for the reviewing clinician's name, signature and date. */
function signOff(pdf: PdfLayout): void {
  const { doc } = pdf;
  pdf.ensureSpace(60);
  pdf.space(34);
  const w = (pdf.width - 2 * 24) / 3;
  const y = doc.y;
  SIGN_OFF_FIELDS.forEach((f, i) => {
    const x = pdf.left + i * (w + 24);
    doc.moveTo(x, y).lineTo(x + w, y).lineWidth(0.75).strokeColor(COLORS.ink).stroke();
    doc.font('Helvetica').fontSize(SIZE.small).fillColor(COLORS.muted).text(f, x, y + 4, { width: w });
  });
  doc.x = pdf.left;
}

/** The whole report as PDF bytes. */
export async function renderPdf(input: ReportInput): Promise<Buffer> {
  const title = `${REPORT_TITLE} \u2014 ${caseTitle(input.case)}`;
  const pdf = new PdfLayout({ title, subject: DECISION_SUPPORT_SHORT, createdAt: new Date(input.generatedAt) });
  titleBlock(pdf, input);
  caseSection(pdf, input);
  genesSection(pdf, input);
  evidenceSection(pdf, input);
  diseasesSection(pdf, input);
  if (input.differential) differentialSection(pdf, input.differential);
  methodSection(pdf, input);
  pdf.decoratePages(
    `Odyssey \u00b7 ${REPORT_TITLE} \u00b7 Case ${caseTitle(input.case)} \u00b7 Generated ${formatTimestamp(input.generatedAt)}`,
    `${DECISION_SUPPORT_SHORT} \u00b7 Case ${caseTitle(input.case)}`,
  );
  return pdf.finish();
}
