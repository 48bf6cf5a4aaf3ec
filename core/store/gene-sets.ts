/**
 * Candidate gene sets attached to a case: where they came from (typed list, panel file, VCF),
 * the file's SHA-256, and the resolved genes. The latest set is the one analyses rank within.
 *
 * Going back to the whole genome adds a set too, an empty list read from nothing (inputCount 0),
 * rather than deleting anything: earlier sets stay in the case's history, and the schema needs
 * no change. A typed list whose symbols were all unknown is not that choice (its inputCount is
 * above 0), so it still fails the analysis instead of silently widening it.
 */
import type { CandidateSet, VcfSourceStats } from '../genes/candidate-set.js';
import type { AuditLog } from './audit.js';
import { compact, jsonOrNull, type StoreContext } from './context.js';
import type { StoredGeneSet } from './types.js';

interface GeneSetRow {
  id: number;
  case_id: number;
  kind: StoredGeneSet['kind'];
  path: string | null;
  sha256: string | null;
  input_count: number;
  genes: string;
  warnings: string;
  vcf_stats: string | null;
  added_by: string;
  added_at: string;
}

function toGeneSet(r: GeneSetRow): StoredGeneSet {
  return compact({
    id: r.id,
    caseId: r.case_id,
    kind: r.kind,
    path: r.path ?? undefined,
    sha256: r.sha256 ?? undefined,
    inputCount: r.input_count,
    genes: JSON.parse(r.genes) as string[],
    warnings: JSON.parse(r.warnings) as string[],
    vcf: r.vcf_stats === null ? undefined : (JSON.parse(r.vcf_stats) as VcfSourceStats),
    addedBy: r.added_by,
    addedAt: r.added_at,
  });
}

/** Whether the set records the choice to rank the whole genome (see the module comment). */
export function isGenomeChoice(set: Pick<StoredGeneSet, 'genes' | 'inputCount'>): boolean {
  return set.inputCount === 0 && set.genes.length === 0;
}

export class GeneSetRepository {
  constructor(
    private readonly ctx: StoreContext,
    private readonly audit: AuditLog,
  ) {}

  add(caseId: number, set: CandidateSet): StoredGeneSet {
    return this.ctx.db.transaction(() => {
      const now = this.ctx.now();
      const s = set.source;
      const info = this.ctx.db
        .prepare(
          `INSERT INTO gene_sets (case_id, kind, path, sha256, input_count, genes, warnings, vcf_stats, added_by, added_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(caseId, s.kind, s.path ?? null, s.sha256 ?? null, s.inputCount, JSON.stringify(set.genes), JSON.stringify(set.warnings), jsonOrNull(s.vcf), this.ctx.actor, now);
      const id = Number(info.lastInsertRowid);
      const action = isGenomeChoice({ genes: set.genes, inputCount: s.inputCount }) ? 'geneset.genome' : 'geneset.add';
      this.audit.record(action, caseId, id, { kind: s.kind, path: s.path, sha256: s.sha256, genes: set.genes.length });
      this.ctx.db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(now, caseId);
      return this.get(id)!;
    })();
  }

  get(id: number): StoredGeneSet | undefined {
    const row = this.ctx.db.prepare('SELECT * FROM gene_sets WHERE id = ?').get(id) as GeneSetRow | undefined;
    return row && toGeneSet(row);
  }

  /** Records that analyses of the case rank the whole genome again; earlier sets are kept. */
  useGenome(caseId: number): StoredGeneSet {
    return this.add(caseId, { genes: [], warnings: [], source: { kind: 'list', inputCount: 0 } });
  }

  /** The set analyses of this case rank within; undefined when there is none or the genome was chosen. */
  latest(caseId: number): StoredGeneSet | undefined {
    const row = this.ctx.db.prepare('SELECT * FROM gene_sets WHERE case_id = ? ORDER BY id DESC LIMIT 1').get(caseId) as GeneSetRow | undefined;
    const set = row && toGeneSet(row);
    return set && !isGenomeChoice(set) ? set : undefined;
  }

  list(caseId: number): StoredGeneSet[] {
    return (this.ctx.db.prepare('SELECT * FROM gene_sets WHERE case_id = ? ORDER BY id').all(caseId) as GeneSetRow[]).map(toGeneSet);
  }
}
