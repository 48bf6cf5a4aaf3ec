/**
 * The report as one self-contained HTML page: inline CSS, no scripts, no external resources
 * (a Content-Security-Policy forbids them, so even a browser opening it offline from an email
 * fetches nothing). Every piece of case or knowledge text goes through the escaping `html` tag.
 */
import type { RankedDisease, RankedGene, TermMatch, TermRef } from '../genes/ranking/types.js';
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
} from './format.js';
import { html, SafeHtml } from './html-escape.js';
import { HTML_STYLE } from './html-style.js';
import type { ReportDifferential, ReportInput, ReportPhenotype, ReportPhenotypeGroup } from './types.js';
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

const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'; base-uri 'none'";

/** A term or disease: its name with the id in grey, or the id alone when it has no name. */
const term = (t: TermRef): SafeHtml => (hasName(t) ? html`${t.name} <span class="id">${t.id}</span>` : html`${t.id}`);

function header(input: ReportInput): SafeHtml {
  const c = input.case;
  const a = input.analysis;
  const facts: [string, string][] = [
    ['Findings', `${c.observedCount} observed, ${c.excludedCount} excluded`],
    ['Sex', formatSex(c.sex)],
    ['Age', formatAgeOrTerm(c.ageYears, c.ageTerm)],
    ['Onset', formatAgeOrTerm(c.onsetYears, c.onsetTerm)],
    ['Analysis', a.id ?? 'not stored'],
    ['Analysed', formatTimestamp(a.at)],
    ['Ranker', `${a.ranker.name} v${a.ranker.version}`],
    ['Report generated', formatTimestamp(input.generatedAt)],
  ];
  return html`<header class="report">
<div class="brand">Odyssey</div>
<h1>${REPORT_TITLE}</h1>
<p class="subtitle">Case ${caseTitle(c)}</p>
<dl class="facts">${facts.map(([k, v]) => html`<dt>${k}</dt><dd>${v}</dd>`)}</dl>
</header>
<aside class="notice" role="note"><strong>${DECISION_SUPPORT_SHORT}</strong>${DECISION_SUPPORT}</aside>`;
}

function termItem(p: ReportPhenotype): SafeHtml {
  const details = phenotypeDetails(p);
  return html`<li>${p.name} <span class="id">${p.id}</span>${details.length ? html` <span class="detail">(${details.join('; ')})</span>` : ''}</li>`;
}

function termList(list: readonly ReportPhenotype[], cls: string): SafeHtml {
  if (!list.length) return html`<span class="none">none recorded</span>`;
  return html`<ul class="terms ${cls}">${list.map(termItem)}</ul>`;
}

function groupRow(g: ReportPhenotypeGroup): SafeHtml {
  return html`<tr><td class="system">${g.name}</td><td>${termList(g.observed, 'observed')}</td><td>${termList(g.excluded, 'excluded')}</td></tr>`;
}

function headline(input: ReportInput): SafeHtml {
  const g = input.ranking.genes[0];
  if (!g) return html`<p class="headline">No gene could be scored for these findings.</p>`;
  const d = bestDisease(g);
  return html`<p class="headline">Highest-ranked gene: <strong>${g.symbol}</strong>${d ? html` (${hasName(d) ? `${d.name}, ` : ''}${d.id})` : ''}, score ${fixed(g.score)}, of ${input.analysis.scored.genes.toLocaleString('en-GB')} genes scored.</p>`;
}

function caseSection(input: ReportInput): SafeHtml {
  const c = input.case;
  return html`<section class="major" id="case">
<h2>1. Case summary</h2>
${headline(input)}
<p>${c.observedCount} observed and ${c.excludedCount} excluded findings${c.status ? html`; case status: <strong>${c.status}</strong>` : ''}.</p>
${c.notes ? html`<h3>Notes</h3><p class="notes">${c.notes}</p>` : ''}
<h3>Phenotypes by organ system</h3>
<table class="phenotypes"><thead><tr><th>Organ system</th><th>Observed</th><th>Excluded</th></tr></thead>
<tbody>${c.phenotypeGroups.map(groupRow)}</tbody></table>
</section>`;
}

function geneRow(g: RankedGene, i: number, input: ReportInput): SafeHtml {
  const d = bestDisease(g);
  const e = g.explanation;
  const symbol = i < input.evidenceGenes ? html`<a href="#gene-${i + 1}">${g.symbol}</a>` : g.symbol;
  return html`<tr><td class="num">${g.rank}</td><td class="gene">${symbol}</td><td class="num">${fixed(g.score)}</td>
<td>${d ? term(d) : ''}</td>
<td class="num">${e ? e.matches.length : ''}</td><td class="num">${e ? e.unmatched.length : ''}</td><td class="num">${e ? conflictCount(g) : ''}</td></tr>`;
}

function genesSection(input: ReportInput): SafeHtml {
  const genes = input.ranking.genes;
  return html`<section class="major" id="genes">
<h2>2. Ranked genes</h2>
<p>The ${genes.length} highest-ranked of ${input.analysis.scored.genes.toLocaleString('en-GB')} genes scored. Matched, not matched and conflicts count the patient's findings against the gene's best-matching disease.</p>
<table class="genes"><thead><tr><th class="num">Rank</th><th>Gene</th><th class="num">Score</th><th>Best-matching disease</th><th class="num">Matched</th><th class="num">Not matched</th><th class="num">Conflicts</th></tr></thead>
<tbody>${genes.map((g, i) => geneRow(g, i, input))}</tbody></table>
</section>`;
}

function matchRow(m: TermMatch): SafeHtml {
  const d = m.diseaseTerm;
  const a = m.commonAncestor;
  return html`<tr><td>${term(m.patientTerm)}</td>
<td>${d ? html`${term(d)}${d.frequency !== undefined ? html` <span class="detail">\u00b7 ${frequencyText(d.frequency)}</span>` : ''}` : ''}</td>
<td>${a ? term(a) : ''}</td>
<td class="num">${a ? fixed(a.ic) : ''}</td><td class="num">${fixed(m.contribution)}</td><td class="detail">${MATCH_KIND_LABEL[m.kind]}</td></tr>`;
}

function geneEvidence(g: RankedGene, i: number): SafeHtml {
  const e = g.explanation;
  const d = bestDisease(g);
  const others = g.diseases.filter((x) => x.id !== d?.id);
  if (!e) return html`<article class="gene" id="gene-${i + 1}"><h3>${g.rank}. ${g.symbol}</h3><p class="none">No evidence recorded.</p></article>`;
  const conflicts = conflictSentences(e).map((c) => html`<li class="conflict">${c}</li>`);
  return html`<article class="gene" id="gene-${i + 1}">
<h3>${g.rank}. ${g.symbol}${d ? html` \u2014 ${term(d)}` : ''}</h3>
<p class="detail">Score ${fixed(g.score)}; the disease has ${e.annotationCount} annotated phenotypes.${others.length ? html` Other diseases of ${g.symbol}: ${others.map((x, k) => html`${k ? '; ' : ''}${term(x)}`)}.` : ''}</p>
${e.matches.length ? html`<table class="evidence"><thead><tr><th>Patient finding</th><th>Disease annotation</th><th>Common ancestor</th><th class="num">IC</th><th class="num">Adds</th><th>Match</th></tr></thead><tbody>${e.matches.map(matchRow)}</tbody></table>` : html`<p class="none">No finding matched this disease.</p>`}
<p><strong>Not matched:</strong> ${e.unmatched.length ? e.unmatched.map((t, k) => html`${k ? '; ' : ''}${term(t)}`) : html`<span class="none">none</span>`}</p>
<p><strong>Conflicts:</strong> ${conflicts.length ? html`</p><ul class="terms">${conflicts}</ul>` : html`<span class="none">none</span></p>`}
</article>`;
}

function evidenceSection(input: ReportInput): SafeHtml {
  const n = input.evidenceGenes;
  return html`<section class="major" id="evidence">
<h2>3. Evidence for the top ${n} genes</h2>
<p class="legend">${EVIDENCE_LEGEND}</p>
${input.ranking.genes.slice(0, n).map(geneEvidence)}
</section>`;
}

function diseaseRow(d: RankedDisease): SafeHtml {
  return html`<tr><td class="num">${d.rank}</td><td>${term(d)}</td><td>${d.genes.length ? d.genes.join(', ') : html`<span class="none">no gene known</span>`}</td><td class="num">${fixed(d.score)}</td><td class="num">${d.explanation ? d.explanation.matches.length : ''}</td></tr>`;
}

function diseasesSection(input: ReportInput): SafeHtml {
  const ds = input.ranking.diseases;
  return html`<section class="major" id="diseases">
<h2>4. Diseases ranked by phenotype match</h2>
<p>The same comparison, disease by disease (${input.analysis.scored.diseases.toLocaleString('en-GB')} diseases scored). This is a similarity ranking, not a differential diagnosis.</p>
${ds.length ? html`<table class="diseases"><thead><tr><th class="num">Rank</th><th>Disease</th><th>Genes</th><th class="num">Score</th><th class="num">Matched</th></tr></thead><tbody>${ds.map(diseaseRow)}</tbody></table>` : html`<p class="none">No disease could be scored.</p>`}
</section>`;
}

function differentialSection(dd: ReportDifferential): SafeHtml {
  const list = (xs: readonly string[]): SafeHtml => (xs.length ? html`<ul class="terms">${xs.map((x) => html`<li>${x}</li>`)}</ul>` : html`<span class="none">none</span>`);
  return html`<section class="major" id="differential">
<h2>5. Differential diagnosis</h2>
<p><strong>Conclusion:</strong> ${dd.conclusion} <span class="detail">(confidence: ${dd.confidence}${dd.source ? html`; ${dd.source}` : ''})</span></p>
<table class="differential"><thead><tr><th>Disease</th><th class="num">Probability</th><th>Evidence for</th><th>Evidence against</th></tr></thead>
<tbody>${dd.entries.map((e) => html`<tr><td>${term({ id: e.diseaseId, name: e.name })}</td><td class="num">${percent(e.probability)}</td><td>${list(e.evidenceFor)}</td><td>${list(e.evidenceAgainst)}</td></tr>`)}</tbody></table>
${dd.reflection?.length ? html`<h3>Reflection: hypotheses dropped or re-ranked</h3>${list(dd.reflection)}` : ''}
${dd.nextSteps?.length ? html`<h3>Next steps</h3>${list(dd.nextSteps)}` : ''}
</section>`;
}

function methodSection(input: ReportInput): SafeHtml {
  const a = input.analysis;
  const n = input.differential ? 6 : 5;
  const rows: [string, string][] = [
    ['Ranker', `${a.ranker.name} version ${a.ranker.version}`],
    ['Parameters', formatParams(a.ranker.params)],
    ...versionRows(input),
    ['Analysis', `${a.id ?? 'not stored'}; ran ${formatTimestamp(a.at)}, took ${formatDuration(a.durationMs)}`],
    ['Report schema', `version ${input.schemaVersion}`],
  ];
  return html`<section class="major" id="method">
<h2>${n}. Method, versions and acknowledgements</h2>
<p>${methodText(input)}</p>
<table class="kv"><tbody>${rows.map(([k, v]) => html`<tr><th scope="row">${k}</th><td>${v}</td></tr>`)}</tbody></table>
<h3>Adjustments made to the input</h3>
${a.warnings.length ? html`<ul class="terms">${a.warnings.map((w) => html`<li>${w}</li>`)}</ul>` : html`<p class="none">None: every finding was used as recorded.</p>`}
<h3>Acknowledgements</h3>
${acknowledgements(input).map((t) => html`<p>${t}</p>`)}
<aside class="notice" role="note"><strong>${DECISION_SUPPORT_SHORT}</strong>${DECISION_SUPPORT}</aside>
<div class="signoff">${SIGN_OFF_FIELDS.map((f) => html`<div>${f}</div>`)}</div>
</section>`;
}

/** The whole report as an HTML document (UTF-8). */
export function renderHtml(input: ReportInput): string {
  const title = `${REPORT_TITLE} \u2014 ${caseTitle(input.case)}`;
  const page = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Odyssey">
<title>${title}</title>
<style>${new SafeHtml(HTML_STYLE)}</style>
</head>
<body><main>
${header(input)}
${caseSection(input)}
${genesSection(input)}
${evidenceSection(input)}
${diseasesSection(input)}
${input.differential ? differentialSection(input.differential) : ''}
${methodSection(input)}
<footer class="report">Odyssey report for case ${caseTitle(input.case)}, generated ${formatTimestamp(input.generatedAt)}. ${DECISION_SUPPORT_SHORT}</footer>
</main></body>
</html>
`;
  return page.value;
}
