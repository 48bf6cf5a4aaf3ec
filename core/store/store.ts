/**
 * The case store: one SQLite database holding cases, their phenotypes, candidate gene sets,
 * analyses with results, and the audit log. Open it once per process (or per window) and use
 * the repositories it carries; close it when done.
 */
import { userInfo } from 'node:os';
import type { Database } from 'better-sqlite3';
import { AnalysisRepository } from './analyses.js';
import { AuditLog } from './audit.js';
import { listCases } from './case-list.js';
import { CaseRepository } from './cases.js';
import type { StoreContext } from './context.js';
import { openDatabase } from './database.js';
import { GeneSetRepository } from './gene-sets.js';
import { databasePath, resolveStoreHome } from './home.js';
import { PhenotypeRepository } from './phenotypes.js';
import type { AnalysisWithResult, CasePage, CaseQuery, StoredCase, StoredGeneSet, StoredPhenotype } from './types.js';

export interface StoreOptions {
  /** The folder holding odyssey.db: Electron's userData; else ODYSSEY_HOME, else the platform default. */
  home?: string;
  /** Who is making changes, for the audit log and "added by" (default: the OS user name). */
  actor?: string;
  readonly?: boolean;
}

/** A case with everything a case view shows. */
export interface CaseView {
  case: StoredCase;
  phenotypes: StoredPhenotype[];
  geneSet?: StoredGeneSet;
  latestAnalysis?: AnalysisWithResult;
}

function defaultActor(): string {
  try {
    return userInfo().username || 'odyssey';
  } catch {
    // No user entry (some containers): changes are still attributed to something.
    return 'odyssey';
  }
}

export class Store {
  readonly cases: CaseRepository;
  readonly phenotypes: PhenotypeRepository;
  readonly geneSets: GeneSetRepository;
  readonly analyses: AnalysisRepository;
  readonly audit: AuditLog;
  private readonly ctx: StoreContext;

  constructor(
    readonly db: Database,
    readonly path: string,
    actor: string,
  ) {
    this.ctx = { db, actor, now: () => new Date().toISOString() };
    this.audit = new AuditLog(this.ctx);
    this.phenotypes = new PhenotypeRepository(this.ctx, this.audit);
    this.cases = new CaseRepository(this.ctx, this.audit, this.phenotypes);
    this.geneSets = new GeneSetRepository(this.ctx, this.audit);
    this.analyses = new AnalysisRepository(this.ctx, this.audit);
  }

  get actor(): string {
    return this.ctx.actor;
  }

  /** A page of cases matching the filters, newest change first. */
  list(query: CaseQuery = {}): CasePage {
    return listCases(this.ctx, query);
  }

  /** The case with its phenotypes, current gene set and latest analysis, read in one snapshot. */
  view(id: number): CaseView {
    return this.db.transaction(() => {
      const c = this.cases.require(id);
      const geneSet = this.geneSets.latest(id);
      const latestAnalysis = this.analyses.latest(id);
      return { case: c, phenotypes: this.phenotypes.list(id), ...(geneSet ? { geneSet } : {}), ...(latestAnalysis ? { latestAnalysis } : {}) };
    })();
  }

  /** Runs `fn` in one write transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Opens (creating and migrating if needed) the case store. */
export function openStore(options: StoreOptions = {}): Store {
  const path = databasePath(resolveStoreHome(options.home));
  const db = openDatabase(path, { readonly: options.readonly ?? false });
  return new Store(db, path, options.actor ?? defaultActor());
}
