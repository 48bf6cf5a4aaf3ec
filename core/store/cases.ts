/**
 * Cases: create, read, edit, solve and delete, each in one transaction with its audit entry.
 * Listing and search live in case-list.ts.
 */
import type { CaseDiagnosis, PatientCase } from '../cases/types.js';
import { OdysseyError } from '../errors.js';
import type { AuditLog } from './audit.js';
import { compact, jsonOrNull, type StoreContext } from './context.js';
import type { PhenotypeRepository } from './phenotypes.js';
import type { CasePatch, NewCase, NewPhenotype, StoredCase } from './types.js';

export interface CaseRow {
  id: number;
  label: string;
  sex: StoredCase['sex'] | null;
  vital_status: StoredCase['vitalStatus'] | null;
  age_years: number | null;
  age_term: string | null;
  onset_years: number | null;
  onset_term: string | null;
  notes: string;
  status: StoredCase['status'];
  diagnosis: string | null;
  pmids: string;
  external_id: string | null;
  content_hash: string | null;
  imported_from: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

export function toCase(r: CaseRow): StoredCase {
  return compact({
    id: r.id,
    label: r.label,
    sex: r.sex,
    vitalStatus: r.vital_status,
    ageYears: r.age_years,
    ageTerm: r.age_term,
    onsetYears: r.onset_years,
    onsetTerm: r.onset_term,
    notes: r.notes,
    status: r.status,
    diagnosis: r.diagnosis === null ? undefined : (JSON.parse(r.diagnosis) as CaseDiagnosis),
    pmids: JSON.parse(r.pmids) as string[],
    externalId: r.external_id,
    contentHash: r.content_hash,
    importedFrom: r.imported_from,
    createdAt: r.created_at,
    createdBy: r.created_by,
    updatedAt: r.updated_at,
  }) as StoredCase;
}

// CasePatch fields and their columns; JSON-valued fields are not patchable this way.
const PATCH_COLUMNS: Record<keyof CasePatch, string> = {
  label: 'label',
  sex: 'sex',
  vitalStatus: 'vital_status',
  ageYears: 'age_years',
  ageTerm: 'age_term',
  onsetYears: 'onset_years',
  onsetTerm: 'onset_term',
  notes: 'notes',
  status: 'status',
};

export function caseNotFound(id: number | string): OdysseyError {
  return new OdysseyError('case-not-found', `There is no case ${id} in the case store.`, 'List the cases with `odyssey case list` and use an id from the first column.');
}

export class CaseRepository {
  private readonly byId;
  private readonly insert;

  constructor(
    private readonly ctx: StoreContext,
    private readonly audit: AuditLog,
    private readonly phenotypes: PhenotypeRepository,
  ) {
    this.byId = ctx.db.prepare('SELECT * FROM cases WHERE id = ?');
    this.insert = ctx.db.prepare(
      `INSERT INTO cases (label, sex, vital_status, age_years, age_term, onset_years, onset_term, notes, status, diagnosis, pmids,
                          external_id, content_hash, imported_from, created_at, created_by, updated_at)
       VALUES (@label, @sex, @vitalStatus, @ageYears, @ageTerm, @onsetYears, @onsetTerm, @notes, @status, @diagnosis, @pmids,
               @externalId, @contentHash, @importedFrom, @now, @actor, @now)`,
    );
  }

  get(id: number): StoredCase | undefined {
    const row = this.byId.get(id) as CaseRow | undefined;
    return row && toCase(row);
  }

  /** The case, or an error naming the missing id and how to find the right one. */
  require(id: number): StoredCase {
    const c = this.get(id);
    if (!c) throw caseNotFound(id);
    return c;
  }

  /** Creates a case with its phenotype entries, in one transaction. */
  create(input: NewCase, phenotypes: readonly NewPhenotype[] = []): StoredCase {
    const status = input.status ?? (input.diagnosis ? 'solved' : 'unsolved');
    if (status === 'solved' && !input.diagnosis) {
      throw new OdysseyError('case-no-diagnosis', 'A solved case needs its final diagnosis.', 'Create the case unsolved, then mark it with `odyssey case solve ID --diagnosis OMIM:… --gene SYMBOL`.');
    }
    return this.ctx.db.transaction(() => {
      const now = this.ctx.now();
      const info = this.insert.run({
        label: input.label,
        sex: input.sex ?? null,
        vitalStatus: input.vitalStatus ?? null,
        ageYears: input.ageYears ?? null,
        ageTerm: input.ageTerm ?? null,
        onsetYears: input.onsetYears ?? null,
        onsetTerm: input.onsetTerm ?? null,
        notes: input.notes ?? '',
        status,
        diagnosis: jsonOrNull(input.diagnosis),
        pmids: JSON.stringify(input.pmids ?? []),
        externalId: input.externalId ?? null,
        contentHash: input.contentHash ?? null,
        importedFrom: input.importedFrom ?? null,
        now,
        actor: this.ctx.actor,
      });
      const id = Number(info.lastInsertRowid);
      this.audit.record('case.create', id, id, { label: input.label, status, ...(input.externalId ? { externalId: input.externalId, importedFrom: input.importedFrom } : {}) });
      this.phenotypes.add(id, phenotypes, { touch: false });
      return this.require(id);
    })();
  }

  /** Changes the given fields; the audit records each one's old and new value. */
  update(id: number, patch: CasePatch): StoredCase {
    return this.ctx.db.transaction(() => {
      const before = this.require(id) as unknown as Record<string, unknown>;
      const sets: string[] = [];
      const values: unknown[] = [];
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, value] of Object.entries(patch) as [keyof CasePatch, unknown][]) {
        if (value === undefined || !(key in PATCH_COLUMNS)) continue;
        if (key === 'label' && (typeof value !== 'string' || !value.trim())) {
          throw new OdysseyError('bad-label', 'A case label cannot be empty.', 'Give a label or pseudonym, e.g. --label "Patient 7".');
        }
        if ((before[key] ?? null) === value) continue;
        sets.push(`${PATCH_COLUMNS[key]} = ?`);
        values.push(value);
        changes[key] = { from: before[key] ?? null, to: value };
      }
      if (!sets.length) return this.require(id);
      const now = this.ctx.now();
      this.ctx.db.prepare(`UPDATE cases SET ${sets.join(', ')}, updated_at = ? WHERE id = ?`).run(...values, now, id);
      this.audit.record('case.update', id, id, changes);
      return this.require(id);
    })();
  }

  /** Marks a case solved with its final diagnosis (at least a disease or a causal gene). */
  solve(id: number, diagnosis: CaseDiagnosis): StoredCase {
    if (!diagnosis.diseases.length && !diagnosis.genes.length) {
      throw new OdysseyError('case-no-diagnosis', 'A solved case needs a diagnosis: a disease, a causal gene or both.', 'For example: odyssey case solve 12 --diagnosis OMIM:614959 --gene KCNT1');
    }
    return this.ctx.db.transaction(() => {
      const before = this.require(id);
      const now = this.ctx.now();
      this.ctx.db.prepare("UPDATE cases SET status = 'solved', diagnosis = ?, updated_at = ? WHERE id = ?").run(JSON.stringify(diagnosis), now, id);
      this.audit.record('case.solve', id, id, { from: { status: before.status, diagnosis: before.diagnosis ?? null }, to: { status: 'solved', diagnosis } });
      return this.require(id);
    })();
  }

  /**
   * Deletes a case with its phenotypes, gene sets and analyses. The audit entry keeps the case
   * and its phenotypes, so a deletion is traceable and the case can be re-entered; the analyses
   * can be rerun. A backup taken before holds everything.
   */
  delete(id: number): void {
    this.ctx.db.transaction(() => {
      const c = this.require(id);
      const phenotypes = this.phenotypes.list(id);
      const analyses = this.ctx.db.prepare('SELECT count(*) FROM analyses WHERE case_id = ?').pluck().get(id) as number;
      this.ctx.db.prepare('DELETE FROM cases WHERE id = ?').run(id);
      this.audit.record('case.delete', id, id, { case: c, phenotypes, analysesDeleted: analyses });
    })();
  }

  /** The case imported with this phenopacket id and content hash, if any. */
  findImported(externalId: string, contentHash: string): StoredCase | undefined {
    const row = this.ctx.db.prepare('SELECT * FROM cases WHERE external_id = ? AND content_hash = ?').get(externalId, contentHash) as CaseRow | undefined;
    return row && toCase(row);
  }

  /** Cases imported with this phenopacket id (any content), oldest first. */
  findByExternalId(externalId: string): StoredCase[] {
    return (this.ctx.db.prepare('SELECT * FROM cases WHERE external_id = ? ORDER BY id').all(externalId) as CaseRow[]).map(toCase);
  }

  /** The case as Odyssey's domain model, for ranking, export and reports. */
  toPatientCase(caseId: number): PatientCase {
    const c = this.require(caseId);
    const entries = this.phenotypes.list(caseId);
    const strip = ({ id: termId, label, onsetYears, onsetTerm }: (typeof entries)[number]) => compact({ id: termId, label, onsetYears, onsetTerm });
    const id = c.externalId ?? `odyssey-case-${c.id}`;
    return compact({
      id,
      // A phenopacket without its own subject id gets the case id as label; see import.ts.
      label: c.label === id ? undefined : c.label,
      sex: c.sex,
      vitalStatus: c.vitalStatus,
      ageYears: c.ageYears,
      ageTerm: c.ageTerm,
      onsetYears: c.onsetYears,
      onsetTerm: c.onsetTerm,
      observed: entries.filter((p) => !p.excluded).map(strip),
      excluded: entries.filter((p) => p.excluded).map(strip),
      diagnosis: c.diagnosis,
      pmids: c.pmids,
    }) as PatientCase;
  }
}
