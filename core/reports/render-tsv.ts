/**
 * One row per ranked gene, for spreadsheets and lab systems. Written by csv-stringify with a tab
 * delimiter; cell text is kept on one line so every gene is exactly one line of the file, and
 * text cells that a spreadsheet would run as a formula are neutralised (escape_formulas).
 */
import { stringify } from 'csv-stringify/sync';
import { bestDisease, conflictCount, matchSummary } from './format.js';
import type { ReportInput } from './types.js';

export const TSV_COLUMNS = [
  'case_id',
  'rank',
  'gene',
  'score',
  'disease_id',
  'disease_name',
  'matched',
  'unmatched',
  'conflicts',
  'matched_terms',
  'unmatched_terms',
] as const;

/** Tabs and line breaks in recorded text would split a row; they become single spaces. */
const oneLine = (s: string): string => s.replace(/[\t\r\n]+/g, ' ');

export function renderTsv(input: ReportInput): string {
  const rows = input.ranking.genes.map((g) => {
    const d = bestDisease(g);
    const e = g.explanation;
    return {
      case_id: oneLine(input.case.id),
      rank: g.rank,
      gene: g.symbol,
      score: g.score,
      disease_id: d?.id ?? '',
      disease_name: oneLine(d?.name ?? ''),
      matched: e ? e.matches.length : '',
      unmatched: e ? e.unmatched.length : '',
      conflicts: e ? conflictCount(g) : '',
      // "; " separates terms: HPO term names do not contain it.
      matched_terms: e ? e.matches.map(matchSummary).join('; ') : '',
      unmatched_terms: e ? e.unmatched.map((t) => `${t.id} ${t.name}`).join('; ') : '',
    };
  });
  return stringify(rows, {
    delimiter: '\t',
    header: true,
    columns: [...TSV_COLUMNS],
    escape_formulas: true,
    record_delimiter: 'unix',
  });
}
