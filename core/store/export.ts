/**
 * Exporting stored cases as GA4GH Phenopacket v2: one case as a .json file, or a bundle as
 * JSONL (one phenopacket per line), a .tar.gz of .json files, or a folder of them. Every form is
 * one `odyssey case import` reads back. Files are written to a temporary name and renamed, so
 * an interrupted export never leaves a half-written file under the final name.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { toPhenopacket, type PhenopacketMeta } from '../cases/phenopacket-write.js';
import { datasetById } from '../data/manifest.js';
import { OdysseyError } from '../errors.js';
import type { Store } from './store.js';

export type ExportFormat = 'json' | 'jsonl' | 'tar.gz' | 'folder';

export function exportMeta(store: Store): PhenopacketMeta {
  return { created: new Date().toISOString(), createdBy: `Odyssey (${store.actor})`, hpoVersion: datasetById('hp.obo').version };
}

/** The case as a Phenopacket v2 object. */
export function casePhenopacket(store: Store, caseId: number, meta: PhenopacketMeta = exportMeta(store)): object {
  return toPhenopacket(store.cases.toPatientCase(caseId), meta);
}

/** The format an output path asks for: by extension, or a folder when it is one or ends in a slash. */
export function exportFormat(out: string): ExportFormat {
  const lower = out.toLowerCase();
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  if (out.endsWith('/') || (existsSync(out) && statSync(out).isDirectory())) return 'folder';
  throw new OdysseyError('bad-export-path', `Cannot tell which format to export to from "${out}".`, 'End the file name in .json (one case), .jsonl or .tar.gz, or give a folder (ending in /).');
}

const fileName = (id: string): string => `${id.replace(/[^A-Za-z0-9._-]+/g, '_')}.json`;

/** Writes the cases to `out`; returns the number written. Refuses to replace a file unless `overwrite`. */
export async function exportCases(store: Store, caseIds: readonly number[], out: string, options: { overwrite?: boolean } = {}): Promise<{ format: ExportFormat; count: number }> {
  const format = exportFormat(out);
  if (format === 'json' && caseIds.length !== 1) {
    throw new OdysseyError('bad-export-path', `A .json file holds one case; ${caseIds.length} were selected.`, 'Export several cases to a .jsonl or .tar.gz file, or to a folder.');
  }
  if (format !== 'folder' && existsSync(out) && !options.overwrite) {
    throw new OdysseyError('file-exists', `${out} already exists.`, 'Choose another name, or pass --yes to replace it.');
  }
  const meta = exportMeta(store);
  // Read in one snapshot, so a bundle never mixes states of a case edited meanwhile.
  const packets = store.db.transaction(() => caseIds.map((id) => casePhenopacket(store, id, meta) as { id: string }))();
  const tmp = `${out.replace(/\/+$/, '')}.${process.pid}.tmp`;
  try {
    if (format === 'json') writeFileSync(tmp, `${JSON.stringify(packets[0], null, 2)}\n`);
    else if (format === 'jsonl') writeFileSync(tmp, packets.map((p) => `${JSON.stringify(p)}\n`).join(''));
    else if (format === 'tar.gz') {
      const tar = tarPack();
      const done = pipeline(tar, createGzip(), createWriteStream(tmp));
      const seen = new Set<string>();
      for (const p of packets) {
        let name = fileName(p.id);
        for (let n = 2; seen.has(name); n++) name = fileName(`${p.id}-${n}`);
        seen.add(name);
        tar.entry({ name: `phenopackets/${name}` }, `${JSON.stringify(p, null, 2)}\n`);
      }
      tar.finalize();
      await done;
    } else {
      mkdirSync(out, { recursive: true });
      for (const p of packets) {
        const target = join(out, fileName(p.id));
        if (existsSync(target) && !options.overwrite) throw new OdysseyError('file-exists', `${target} already exists.`, 'Export to an empty folder, or pass --yes to replace the files.');
        writeFileSync(`${target}.tmp`, `${JSON.stringify(p, null, 2)}\n`);
        renameSync(`${target}.tmp`, target);
      }
      return { format, count: packets.length };
    }
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { format, count: packets.length };
}
