/**
 * Listing and searching cases, a page at a time, newest change first. Filters combine with AND;
 * every one is served by an index or a short scan, so a page of 10,000 cases stays in
 * milliseconds (bench/run-store.ts).
 */
import { OdysseyError } from '../errors.js';
import { compact, type StoreContext } from './context.js';
import type { CasePage, CaseQuery, CaseSummary } from './types.js';

interface SummaryRow {
  id: number;
  label: string;
  status: CaseSummary['status'];
  sex: CaseSummary['sex'] | null;
  age_years: number | null;
  causal_gene: string | null;
  diagnosis_id: string | null;
  diagnosis_label: string | null;
  external_id: string | null;
  observed: number;
  excluded: number;
  created_at: string;
  updated_at: string;
  analysis_id: number | null;
  analysis_at: string | null;
  analysis_ranker: string | null;
  top_gene: string | null;
}

export const MAX_PAGE_SIZE = 500;

/** A bare date (2026-03-01) as the start of that day, or the start of the next day for `until`. */
function timeBound(value: string, name: string, endOfDay: boolean): string {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const t = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(t.getTime())) {
    throw new OdysseyError('bad-date', `${name} must be a date like 2026-03-01 or an ISO 8601 time, not "${value}".`, `For example: ${name} 2026-03-01`);
  }
  if (dateOnly && endOfDay) t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString();
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function listCases(ctx: StoreContext, q: CaseQuery = {}): CasePage {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 50;
  if (!Number.isInteger(page) || page < 1) throw new OdysseyError('bad-option', `The page must be a whole number from 1, not ${page}.`, 'For example: --page 2');
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new OdysseyError('bad-option', `The page size must be a whole number from 1 to ${MAX_PAGE_SIZE}, not ${pageSize}.`, 'For example: --page-size 50');
  }
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  if (q.status) {
    where.push('c.status = @status');
    args.status = q.status;
  }
  if (q.text?.trim()) {
    // Every word must occur somewhere in the case's label, notes, phenopacket id or diagnosis.
    q.text
      .trim()
      .split(/\s+/)
      .forEach((word, i) => {
        where.push(`(c.label LIKE @w${i} ESCAPE '\\' OR c.notes LIKE @w${i} ESCAPE '\\' OR c.external_id LIKE @w${i} ESCAPE '\\' OR c.diagnosis LIKE @w${i} ESCAPE '\\')`);
        args[`w${i}`] = `%${escapeLike(word)}%`;
      });
  }
  if (q.gene) {
    // Driven from the gene: the few analyses ranking it that high (symbol index), kept when
    // they are their case's latest; plus cases solved with it. Both indexes ignore case.
    where.push(`c.id IN (
      SELECT a.case_id FROM analysis_genes g JOIN analyses a ON a.id = g.analysis_id
       WHERE g.symbol = @gene COLLATE NOCASE AND g.rank <= @geneTop
         AND a.id = (SELECT max(x.id) FROM analyses x WHERE x.case_id = a.case_id AND x.status = 'done')
      UNION SELECT s.id FROM cases s WHERE s.causal_gene = @gene COLLATE NOCASE)`);
    args.gene = q.gene;
    args.geneTop = q.geneTop ?? 10;
  }
  if (q.hpo) {
    where.push('EXISTS (SELECT 1 FROM phenotypes p WHERE p.case_id = c.id AND p.hpo_id = @hpo AND p.excluded = 0)');
    args.hpo = q.hpo;
  }
  if (q.since) {
    where.push('c.updated_at >= @since');
    args.since = timeBound(q.since, '--since', false);
  }
  if (q.until) {
    where.push('c.updated_at < @until');
    args.until = timeBound(q.until, '--until', true);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  // A text filter scans every case anyway, so one pass finds the page and counts the matches
  // (a window count); without one, the indexes give the page and the count separately, faster.
  const windowed = Boolean(q.text?.trim());
  const hits = ctx.db
    .prepare(`SELECT c.id${windowed ? ', count(*) OVER () AS total' : ''} FROM cases c ${filter} ORDER BY c.updated_at DESC, c.id DESC LIMIT @limit OFFSET @offset`)
    .all({ ...args, limit: pageSize, offset: (page - 1) * pageSize }) as { id: number; total?: number }[];
  const count = (): number => ctx.db.prepare(`SELECT count(*) FROM cases c ${filter}`).pluck().get(args) as number;
  // A page past the end has no rows to carry the window count.
  const total = windowed ? (hits[0]?.total ?? (page > 1 ? count() : 0)) : count();
  const rows = hits.length
    ? (ctx.db
        .prepare(
          `SELECT c.id, c.label, c.status, c.sex, c.age_years, c.causal_gene, c.diagnosis_id, json_extract(c.diagnosis, '$.diseases[0].label') AS diagnosis_label,
                  c.external_id, c.created_at, c.updated_at,
                  (SELECT count(*) FROM phenotypes p WHERE p.case_id = c.id AND p.excluded = 0) AS observed,
                  (SELECT count(*) FROM phenotypes p WHERE p.case_id = c.id AND p.excluded = 1) AS excluded,
                  a.id AS analysis_id, a.finished_at AS analysis_at, a.ranker AS analysis_ranker,
                  (SELECT g.symbol FROM analysis_genes g WHERE g.analysis_id = a.id ORDER BY g.rank, g.symbol LIMIT 1) AS top_gene
           FROM cases c
           LEFT JOIN analyses a ON a.id = (SELECT max(x.id) FROM analyses x WHERE x.case_id = c.id AND x.status = 'done')
           WHERE c.id IN (SELECT value FROM json_each(@ids))
           ORDER BY c.updated_at DESC, c.id DESC`,
        )
        .all({ ids: JSON.stringify(hits.map((r) => r.id)) }) as SummaryRow[])
    : [];
  const items = rows.map((r) =>
    compact({
      id: r.id,
      label: r.label,
      status: r.status,
      sex: r.sex,
      ageYears: r.age_years,
      causalGene: r.causal_gene,
      diagnosisId: r.diagnosis_id,
      diagnosisLabel: r.diagnosis_label,
      externalId: r.external_id,
      observedCount: r.observed,
      excludedCount: r.excluded,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      latestAnalysis:
        r.analysis_id === null ? undefined : compact({ id: r.analysis_id, finishedAt: r.analysis_at!, ranker: r.analysis_ranker!, topGene: r.top_gene ?? undefined }),
    }) as CaseSummary,
  );
  return { items, total, page, pageSize };
}
