/**
 * A case's phenotype entries: HPO terms observed or excluded, with onset, the text span they
 * were extracted from, and who added them when. Kept in the order they were entered.
 */
import { OdysseyError } from '../errors.js';
import type { AuditLog } from './audit.js';
import { compact, type StoreContext } from './context.js';
import type { NewPhenotype, StoredPhenotype } from './types.js';

interface PhenotypeRow {
  id: number;
  case_id: number;
  position: number;
  hpo_id: string;
  label: string | null;
  excluded: number;
  onset_years: number | null;
  onset_term: string | null;
  source_text: string | null;
  span_start: number | null;
  span_end: number | null;
  added_by: string;
  added_at: string;
}

const HPO_ID = /^HP:\d{7}$/;

export function toPhenotype(r: PhenotypeRow): StoredPhenotype {
  return compact({
    rowId: r.id,
    id: r.hpo_id,
    label: r.label ?? undefined,
    excluded: r.excluded === 1,
    onsetYears: r.onset_years ?? undefined,
    onsetTerm: r.onset_term ?? undefined,
    sourceText: r.source_text ?? undefined,
    span: r.span_start !== null && r.span_end !== null ? ([r.span_start, r.span_end] as [number, number]) : undefined,
    addedBy: r.added_by,
    addedAt: r.added_at,
  });
}

export class PhenotypeRepository {
  private readonly byCase;
  private readonly insert;
  private readonly maxPosition;
  private readonly touch;

  constructor(
    private readonly ctx: StoreContext,
    private readonly audit: AuditLog,
  ) {
    const db = ctx.db;
    this.byCase = db.prepare('SELECT * FROM phenotypes WHERE case_id = ? ORDER BY position');
    this.insert = db.prepare(
      `INSERT INTO phenotypes (case_id, position, hpo_id, label, excluded, onset_years, onset_term, source_text, span_start, span_end, added_by, added_at)
       VALUES (@caseId, @position, @id, @label, @excluded, @onsetYears, @onsetTerm, @sourceText, @spanStart, @spanEnd, @addedBy, @addedAt)`,
    );
    this.maxPosition = db.prepare('SELECT coalesce(max(position), 0) AS p FROM phenotypes WHERE case_id = ?').pluck();
    this.touch = db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?');
  }

  list(caseId: number): StoredPhenotype[] {
    return (this.byCase.all(caseId) as PhenotypeRow[]).map(toPhenotype);
  }

  /**
   * Adds entries in order and returns those added. A term already on the case with the same
   * observed/excluded state is skipped, so adding is safe to repeat. One transaction.
   */
  add(caseId: number, entries: readonly NewPhenotype[], options: { touch?: boolean } = {}): StoredPhenotype[] {
    for (const e of entries) {
      if (!HPO_ID.test(e.id)) {
        throw new OdysseyError('bad-hpo-id', `"${e.id}" is not an HPO term id.`, 'Write HPO ids as HP, a colon and seven digits, e.g. HP:0001250 (find terms with `odyssey search`).');
      }
      if (e.span && !(e.span[0] >= 0 && e.span[0] <= e.span[1])) {
        throw new OdysseyError('bad-span', `The text span [${e.span.join(', ')}] of ${e.id} is not a valid start/end pair.`, 'Give the span as [start, end] offsets into the source text, start ≤ end.');
      }
    }
    return this.ctx.db.transaction(() => {
      const seen = new Set(this.list(caseId).map((p) => `${p.id}:${p.excluded}`));
      let position = this.maxPosition.get(caseId) as number;
      const now = this.ctx.now();
      const added: StoredPhenotype[] = [];
      for (const e of entries) {
        const key = `${e.id}:${Boolean(e.excluded)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const info = this.insert.run({
          caseId,
          position: ++position,
          id: e.id,
          label: e.label ?? null,
          excluded: e.excluded ? 1 : 0,
          onsetYears: e.onsetYears ?? null,
          onsetTerm: e.onsetTerm ?? null,
          sourceText: e.sourceText ?? null,
          spanStart: e.span?.[0] ?? null,
          spanEnd: e.span?.[1] ?? null,
          addedBy: this.ctx.actor,
          addedAt: now,
        });
        added.push(
          compact({ rowId: Number(info.lastInsertRowid), ...e, excluded: Boolean(e.excluded), addedBy: this.ctx.actor, addedAt: now }),
        );
      }
      if (added.length) {
        this.audit.record('phenotypes.add', caseId, undefined, { added: added.map((p) => ({ id: p.id, excluded: p.excluded })) });
        if (options.touch !== false) this.touch.run(now, caseId);
      }
      return added;
    })();
  }

  /** Removes the given terms (observed or excluded) from a case; returns the entries removed. */
  remove(caseId: number, hpoIds: readonly string[]): StoredPhenotype[] {
    return this.ctx.db.transaction(() => {
      const wanted = new Set(hpoIds);
      const removed = this.list(caseId).filter((p) => wanted.has(p.id));
      if (!removed.length) return removed;
      const del = this.ctx.db.prepare('DELETE FROM phenotypes WHERE id = ?');
      for (const p of removed) del.run(p.rowId);
      // The audit keeps the full entries, so a removal can be undone by hand.
      this.audit.record('phenotypes.remove', caseId, undefined, { removed });
      this.touch.run(this.ctx.now(), caseId);
      return removed;
    })();
  }
}
