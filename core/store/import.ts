/**
 * Importing GA4GH Phenopacket v2 cases (a file, a folder, a .tar.gz archive or JSONL).
 *
 * Idempotent: a case is keyed by its phenopacket id and a content hash, the SHA-256 of the case
 * as Odyssey reads it (canonical JSON, so formatting, key order and the file it came from do not
 * matter). Importing the same case again is skipped. A case with a known id but different
 * content is a new version of the record: it is imported as a new case, with a warning naming
 * the earlier one, so neither version is lost. Files that cannot be read are reported by name
 * and field, and the rest of the batch still imports.
 */
import { readCases } from '../cases/sources.js';
import type { PatientCase } from '../cases/types.js';
import { OdysseyError, isOdysseyError } from '../errors.js';
import { contentKey } from './keys.js';
import type { Store } from './store.js';
import type { NewPhenotype } from './types.js';

export interface ImportOptions {
  /** Keep imported cases unsolved even when the file gives a diagnosis (it is still stored). */
  asUnsolved?: boolean;
  signal?: AbortSignal;
  onItem?: (done: number) => void;
  /** What to record as each case's source (an upload's scratch path → the user's file name). */
  sourceName?: (source: string) => string;
}

export interface ImportedCase {
  caseId: number;
  externalId: string;
  source: string;
}

export interface ImportReport {
  imported: ImportedCase[];
  /** Already in the store with the same id and content. */
  skipped: ImportedCase[];
  failed: { source: string; error: OdysseyError }[];
  warnings: string[];
}

/** The import key's hash: what Odyssey holds of the case, not where or how it was written. */
export function caseContentHash(c: PatientCase): string {
  const { source: _source, schemaVersion: _version, ...content } = c;
  return contentKey(content);
}

// Cases are committed in chunks (one fsync per chunk, not per case); each case is a savepoint
// inside its chunk, so a case the database refuses rolls back alone.
const CHUNK = 200;

type Item = { source: string; case: PatientCase };

function phenotypesOf(c: PatientCase): NewPhenotype[] {
  return [...c.observed.map((p) => ({ ...p, excluded: false })), ...c.excluded.map((p) => ({ ...p, excluded: true }))];
}

function writeChunk(store: Store, items: Item[], options: ImportOptions, report: ImportReport): void {
  store.transaction(() => {
    for (const { source, case: c } of items) {
      const hash = caseContentHash(c);
      const same = store.cases.findImported(c.id, hash);
      if (same) {
        report.skipped.push({ caseId: same.id, externalId: c.id, source });
        continue;
      }
      try {
        const earlier = store.cases.findByExternalId(c.id);
        const created = store.db.transaction(() =>
          store.cases.create(
            {
              label: c.label ?? c.id,
              ...(c.sex ? { sex: c.sex } : {}),
              ...(c.vitalStatus ? { vitalStatus: c.vitalStatus } : {}),
              ...(c.ageYears !== undefined ? { ageYears: c.ageYears } : {}),
              ...(c.ageTerm ? { ageTerm: c.ageTerm } : {}),
              ...(c.onsetYears !== undefined ? { onsetYears: c.onsetYears } : {}),
              ...(c.onsetTerm ? { onsetTerm: c.onsetTerm } : {}),
              ...(c.diagnosis ? { diagnosis: c.diagnosis } : {}),
              status: c.diagnosis && !options.asUnsolved ? 'solved' : 'unsolved',
              pmids: c.pmids,
              externalId: c.id,
              contentHash: hash,
              importedFrom: source,
            },
            phenotypesOf(c),
          ),
        )();
        report.imported.push({ caseId: created.id, externalId: c.id, source });
        if (earlier.length) {
          report.warnings.push(
            `${source}: phenopacket ${c.id} was imported before as case ${earlier.map((e) => e.id).join(', ')} with different content; imported again as case ${created.id}. Delete the version you do not need.`,
          );
        }
      } catch (e) {
        // A value the schema refuses (a CHECK or type constraint) fails this case only.
        const constraint = String((e as { code?: unknown }).code ?? '').startsWith('SQLITE_CONSTRAINT');
        if (!isOdysseyError(e) && !constraint) throw e;
        const error = isOdysseyError(e)
          ? new OdysseyError(e.code, `${source}: ${e.message}`, e.hint)
          : new OdysseyError('case-rejected', `${source}: the case store refused it (${(e as Error).message}).`, 'Correct that value in the file and import it again.');
        report.failed.push({ source, error });
      }
    }
  });
}

export async function importCases(store: Store, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const report: ImportReport = { imported: [], skipped: [], failed: [], warnings: [] };
  let chunk: Item[] = [];
  let done = 0;
  const flush = (): void => {
    if (chunk.length) writeChunk(store, chunk, options, report);
    chunk = [];
  };
  try {
    for await (const item of readCases(path, options.signal ? { signal: options.signal } : {})) {
      done++;
      const source = options.sourceName ? options.sourceName(item.source) : item.source;
      if (item.error) report.failed.push({ source, error: item.error });
      else if (item.case) chunk.push({ source, case: item.case });
      if (chunk.length >= CHUNK) flush();
      options.onItem?.(done);
    }
  } finally {
    // On an abort or a read error, the cases read so far are still imported.
    flush();
  }
  return report;
}
