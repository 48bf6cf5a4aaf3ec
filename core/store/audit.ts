/**
 * The audit log: one row per change, written inside the same transaction as the change, so the
 * trail and the data can never disagree. Rows are only ever appended.
 */
import type { StoreContext } from './context.js';
import type { AuditEntry } from './types.js';

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  case_id: number | null;
  entity_id: number | null;
  details: string | null;
}

export class AuditLog {
  private readonly insert;

  constructor(private readonly ctx: StoreContext) {
    this.insert = ctx.db.prepare('INSERT INTO audit (at, actor, action, case_id, entity_id, details) VALUES (?, ?, ?, ?, ?, ?)');
  }

  /** Appends an entry; call inside the transaction that makes the change. */
  record(action: string, caseId: number | undefined, entityId: number | undefined, details?: unknown): void {
    this.insert.run(this.ctx.now(), this.ctx.actor, action, caseId ?? null, entityId ?? null, details === undefined ? null : JSON.stringify(details));
  }

  /** Entries newest first, for one case or all. */
  list(options: { caseId?: number; limit?: number } = {}): AuditEntry[] {
    const limit = options.limit ?? 100;
    const rows = (
      options.caseId === undefined
        ? this.ctx.db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT ?').all(limit)
        : this.ctx.db.prepare('SELECT * FROM audit WHERE case_id = ? ORDER BY id DESC LIMIT ?').all(options.caseId, limit)
    ) as AuditRow[];
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor,
      action: r.action,
      ...(r.case_id !== null ? { caseId: r.case_id } : {}),
      ...(r.entity_id !== null ? { entityId: r.entity_id } : {}),
      ...(r.details !== null ? { details: JSON.parse(r.details) as unknown } : {}),
    }));
  }
}
