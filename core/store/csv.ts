/** The case list as CSV (RFC 4180, via csv-stringify), one row per case, for spreadsheets. */
import { stringify } from 'csv-stringify/sync';
import type { CaseSummary } from './types.js';

export const CSV_COLUMNS = ['id', 'label', 'status', 'sex', 'age_years', 'observed', 'excluded', 'causal_gene', 'diagnosis_id', 'diagnosis', 'phenopacket_id', 'top_gene', 'last_analysis', 'created', 'updated'] as const;

// A cell starting with =, +, -, @ or a control character is run as a formula by spreadsheet
// programs; a leading apostrophe makes them show it as text instead.
const cell = (s: string | undefined): string => (s && /^[=+\-@\t\r]/.test(s) ? `'${s}` : (s ?? ''));

export function caseListCsv(rows: readonly CaseSummary[]): string {
  return stringify(
    rows.map((c) => [
      c.id,
      cell(c.label),
      c.status,
      c.sex ?? '',
      c.ageYears ?? '',
      c.observedCount,
      c.excludedCount,
      c.causalGene ?? '',
      c.diagnosisId ?? '',
      cell(c.diagnosisLabel),
      cell(c.externalId),
      c.latestAnalysis?.topGene ?? '',
      c.latestAnalysis?.finishedAt ?? '',
      c.createdAt,
      c.updatedAt,
    ]),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}
