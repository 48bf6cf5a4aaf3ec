/**
 * The HTML report's stylesheet, inlined into the page so the report is one self-contained file:
 * system fonts only, no images, nothing fetched. The print rules start each section on a new
 * A4 page, repeat table headers, keep rows whole and number the pages.
 */
export const HTML_STYLE = `
:root {
  --ink: #1d2733; --muted: #5b6675; --rule: #d5dbe3; --band: #f3f5f8; --accent: #1f4e79;
  --warn-bg: #fff8e6; --warn: #b7791f; --bad: #a61b1b;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; background: #e9edf2; color: var(--ink);
  font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}
main { max-width: 1000px; margin: 24px auto; background: #fff; padding: 36px 44px 48px; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
header.report { border-bottom: 3px solid var(--accent); padding-bottom: 12px; margin-bottom: 16px; }
header.report .brand { color: var(--accent); font-weight: 700; letter-spacing: .06em; text-transform: uppercase; font-size: 12px; }
h1 { font-size: 24px; margin: 2px 0 4px; }
h2 { font-size: 18px; color: var(--accent); border-bottom: 1px solid var(--rule); padding-bottom: 4px; margin: 28px 0 12px; }
h3 { font-size: 15px; margin: 22px 0 6px; }
.subtitle { color: var(--muted); margin: 0; }
dl.facts { display: grid; grid-template-columns: max-content 1fr max-content 1fr; gap: 4px 16px; margin: 12px 0 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; font-weight: 600; }
.notice { border: 1px solid #ecd9a6; border-left: 5px solid var(--warn); background: var(--warn-bg); padding: 10px 14px; margin: 16px 0; }
.notice strong { display: block; margin-bottom: 2px; }
.headline { font-size: 15px; margin: 12px 0; }
.notes { white-space: pre-wrap; background: var(--band); padding: 8px 12px; border-radius: 3px; }
table { width: 100%; border-collapse: collapse; margin: 8px 0 12px; font-size: 13px; }
th, td { text-align: left; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--rule); }
thead th { background: var(--band); border-bottom: 2px solid var(--rule); font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafbfc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.gene { font-weight: 700; white-space: nowrap; }
td.system { font-weight: 600; width: 22%; }
table.evidence td:nth-child(-n+3) { width: 25%; }
table.evidence td:nth-child(6) { width: 12%; }
ul.terms { margin: 0; padding-left: 16px; }
ul.terms li { margin: 1px 0; }
.id { color: var(--muted); font-size: 12px; white-space: nowrap; }
.detail { color: var(--muted); font-size: 12px; }
.none { color: var(--muted); font-style: italic; }
.excluded li { color: #3d4854; }
.conflict { color: var(--bad); }
.legend { color: var(--muted); font-size: 12px; }
.kv { width: auto; min-width: 60%; }
.kv th { background: none; font-weight: normal; color: var(--muted); border-bottom: 1px solid var(--rule); white-space: normal; }
.signoff { display: grid; grid-template-columns: repeat(3, 1fr); gap: 24px; margin-top: 36px; }
.signoff div { border-top: 1px solid var(--ink); padding-top: 4px; color: var(--muted); font-size: 12px; }
footer.report { margin-top: 28px; border-top: 1px solid var(--rule); padding-top: 8px; color: var(--muted); font-size: 12px; }
a { color: var(--accent); text-decoration: none; }
@page {
  size: A4; margin: 16mm 14mm 18mm;
  @bottom-left { content: "Decision support, not a diagnosis."; font: 8pt Arial, "Helvetica Neue", sans-serif; color: #5b6675; }
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font: 8pt Arial, "Helvetica Neue", sans-serif; color: #5b6675; }
}
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  section.major + section.major { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, li, .notice, .signoff { break-inside: avoid; }
  thead { display: table-header-group; }
  table { font-size: 9.5pt; }
  a { color: inherit; }
}
`;
