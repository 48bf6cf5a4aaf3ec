/**
 * The database schema as numbered migrations, the single source of truth: a new database
 * applies all of them, an older one the ones it lacks. PRAGMA user_version records how far a
 * database has got; each migration runs in its own transaction together with its version bump,
 * so a crash mid-migration leaves the previous version intact. Never edit a released migration:
 * add the next one.
 */
import type { Database } from 'better-sqlite3';
import { OdysseyError } from '../errors.js';

/** PRAGMA application_id of an Odyssey database ("ODYS"), so restore can tell one apart. */
export const APPLICATION_ID = 0x4f445953;

export interface Migration {
  version: number;
  description: string;
  up: (db: Database) => void;
}

// STRICT tables reject values of the wrong type instead of storing them as given. Times are
// ISO 8601 UTC text, which sorts chronologically. JSON columns hold small structured values.
const V1 = `
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL CHECK (length(label) > 0),
  sex TEXT CHECK (sex IN ('FEMALE', 'MALE', 'OTHER_SEX', 'UNKNOWN_SEX')),
  vital_status TEXT CHECK (vital_status IN ('ALIVE', 'DECEASED', 'UNKNOWN_STATUS')),
  age_years REAL CHECK (age_years >= 0),
  age_term TEXT,
  onset_years REAL CHECK (onset_years >= 0),
  onset_term TEXT,
  notes TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'unsolved' CHECK (status IN ('unsolved', 'solved', 'closed')),
  diagnosis TEXT CHECK (diagnosis IS NULL OR json_valid(diagnosis)),
  causal_gene TEXT GENERATED ALWAYS AS (json_extract(diagnosis, '$.genes[0]')) VIRTUAL,
  diagnosis_id TEXT GENERATED ALWAYS AS (json_extract(diagnosis, '$.diseases[0].id')) VIRTUAL,
  pmids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(pmids)),
  external_id TEXT,
  content_hash TEXT,
  imported_from TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (status <> 'solved' OR diagnosis IS NOT NULL)
) STRICT;
CREATE INDEX cases_updated ON cases (updated_at, id);
CREATE INDEX cases_status_updated ON cases (status, updated_at, id);
CREATE INDEX cases_causal_gene ON cases (causal_gene COLLATE NOCASE);
CREATE UNIQUE INDEX cases_import_key ON cases (external_id, content_hash) WHERE external_id IS NOT NULL;

CREATE TABLE phenotypes (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  hpo_id TEXT NOT NULL CHECK (hpo_id GLOB 'HP:[0-9][0-9][0-9][0-9][0-9][0-9][0-9]'),
  label TEXT,
  excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
  onset_years REAL CHECK (onset_years >= 0),
  onset_term TEXT,
  source_text TEXT,
  span_start INTEGER,
  span_end INTEGER,
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL,
  CHECK ((span_start IS NULL) = (span_end IS NULL) AND (span_start IS NULL OR span_start <= span_end))
) STRICT;
CREATE INDEX phenotypes_case ON phenotypes (case_id, position);
CREATE INDEX phenotypes_hpo ON phenotypes (hpo_id, case_id);

CREATE TABLE gene_sets (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('list', 'panel', 'vcf')),
  path TEXT,
  sha256 TEXT,
  input_count INTEGER NOT NULL,
  genes TEXT NOT NULL CHECK (json_valid(genes)),
  warnings TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(warnings)),
  vcf_stats TEXT CHECK (vcf_stats IS NULL OR json_valid(vcf_stats)),
  added_by TEXT NOT NULL,
  added_at TEXT NOT NULL
) STRICT;
CREATE INDEX gene_sets_case ON gene_sets (case_id, id);

CREATE TABLE analyses (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  status TEXT NOT NULL CHECK (status IN ('done', 'failed')),
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  duration_ms REAL NOT NULL,
  ranker TEXT NOT NULL,
  ranker_version TEXT NOT NULL,
  ranker_params TEXT NOT NULL CHECK (json_valid(ranker_params)),
  knowledge TEXT NOT NULL CHECK (json_valid(knowledge)),
  model TEXT,
  provider TEXT,
  prompt_versions TEXT CHECK (prompt_versions IS NULL OR json_valid(prompt_versions)),
  parameters TEXT NOT NULL CHECK (json_valid(parameters)),
  gene_set_id INTEGER REFERENCES gene_sets (id) ON DELETE SET NULL,
  input_hash TEXT NOT NULL,
  run_key TEXT NOT NULL,
  previous_id INTEGER REFERENCES analyses (id) ON DELETE SET NULL,
  diff TEXT CHECK (diff IS NULL OR json_valid(diff)),
  summary TEXT,
  error TEXT,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX analyses_case ON analyses (case_id, status, id);
CREATE INDEX analyses_run_key ON analyses (case_id, run_key) WHERE status = 'done';
CREATE INDEX analyses_previous ON analyses (previous_id);

CREATE TABLE analysis_results (
  analysis_id INTEGER PRIMARY KEY REFERENCES analyses (id) ON DELETE CASCADE,
  format INTEGER NOT NULL,
  payload BLOB NOT NULL,
  transcripts BLOB
) STRICT;

CREATE TABLE analysis_genes (
  analysis_id INTEGER NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
  symbol TEXT NOT NULL,
  rank INTEGER NOT NULL,
  score REAL NOT NULL,
  PRIMARY KEY (analysis_id, symbol)
) STRICT, WITHOUT ROWID;
CREATE INDEX analysis_genes_symbol ON analysis_genes (symbol COLLATE NOCASE, rank);

CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  case_id INTEGER,
  entity_id INTEGER,
  details TEXT CHECK (details IS NULL OR json_valid(details))
) STRICT;
CREATE INDEX audit_case ON audit (case_id, id);
`;
// audit.case_id is deliberately not a foreign key: the trail of a deleted case outlives it.

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'cases, phenotypes, candidate gene sets, analyses with results, audit log',
    up: (db) => {
      db.exec(V1);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    },
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings `db` up to version `to` (default: the latest). Returns the versions applied. Refuses a
 * database newer than this build knows, since writing to it could lose the newer data.
 */
export function migrate(db: Database, options: { to?: number; migrations?: readonly Migration[] } = {}): number[] {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  const to = options.to ?? latest;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new OdysseyError(
      'store-too-new',
      `The case database ${db.name} has schema version ${from}, newer than this Odyssey knows (${latest}).`,
      'Update Odyssey to the version that wrote this database; this one must not write to it.',
    );
  }
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= from || m.version > to) continue;
    // IMMEDIATE takes the write lock up front, so two processes opening a new database at once
    // cannot both start the same migration; the second sees the new version and skips it.
    db.transaction(() => {
      if (schemaVersion(db) >= m.version) return;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
      applied.push(m.version);
    }).immediate();
  }
  return applied;
}
