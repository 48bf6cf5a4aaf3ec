import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { OdysseyError } from '../errors.js';
import { type DatasetId, type Dataset, type Manifest, loadManifest, datasetById } from './manifest.js';
import { dataDir, ontologyDir } from './paths.js';

const InstalledFileSchema = z.object({
  id: z.string(),
  version: z.string(),
  path: z.string(), // relative to the ontology dir
  sha256: z.string(),
  bytes: z.number(),
  compressed: z.boolean(),
  source: z.string(),
  installedAt: z.string(),
});
export type InstalledFile = z.infer<typeof InstalledFileSchema>;

const InstalledRecordSchema = z.object({
  files: z.record(z.string(), InstalledFileSchema),
});
export type InstalledRecord = z.infer<typeof InstalledRecordSchema>;

export function installedRecordPath(root = dataDir()): string {
  return join(ontologyDir(root), 'installed.json');
}

export function readInstalledRecord(root = dataDir()): InstalledRecord {
  const p = installedRecordPath(root);
  if (!existsSync(p)) return { files: {} };
  try {
    return InstalledRecordSchema.parse(JSON.parse(readFileSync(p, 'utf8')));
  } catch {
    // A damaged record is treated as empty: the installer rewrites it after verifying files.
    return { files: {} };
  }
}

/** The installed file for a dataset when it matches the manifest, else undefined. */
export function findInstalled(
  id: DatasetId,
  root = dataDir(),
  manifest: Manifest = loadManifest(),
): (InstalledFile & { absPath: string }) | undefined {
  const want = datasetById(id, manifest);
  const rec = readInstalledRecord(root).files[id];
  if (!rec || rec.sha256 !== want.sha256) return undefined;
  const absPath = join(ontologyDir(root), rec.path);
  return existsSync(absPath) ? { ...rec, absPath } : undefined;
}

export interface DataStatusEntry {
  dataset: Dataset;
  installed: (InstalledFile & { absPath: string }) | undefined;
}

export function dataStatus(root = dataDir(), manifest: Manifest = loadManifest()): DataStatusEntry[] {
  return manifest.datasets.map((dataset) => ({ dataset, installed: findInstalled(dataset.id, root, manifest) }));
}

export const INSTALL_HINT =
  'Run `npm install` (or `npx odyssey data install`) with ODYSSEY_DATA_MIRROR set to a folder that holds the release files, e.g. `ODYSSEY_DATA_MIRROR=../shared/data npx odyssey data install`, or with internet access to download the official releases.';

/** Path of an installed dataset, or a clear error saying it is missing and how to install it. */
export function requireDataFile(id: DatasetId, root = dataDir(), manifest: Manifest = loadManifest()): string {
  const found = findInstalled(id, root, manifest);
  if (found) return found.absPath;
  const d = datasetById(id, manifest);
  throw new OdysseyError(
    'data-missing',
    `${d.title} (${d.file}, version ${d.version}) is not installed in ${ontologyDir(root)}.`,
    INSTALL_HINT,
  );
}

/** Every required dataset that is not installed; empty when the knowledge base is complete. */
export function missingRequired(root = dataDir(), manifest: Manifest = loadManifest()): Dataset[] {
  return dataStatus(root, manifest)
    .filter((s) => s.dataset.required && !s.installed)
    .map((s) => s.dataset);
}

export function hpoAcknowledgement(version = datasetById('hp.obo').version): string {
  return `This product uses the Human Phenotype Ontology (version ${version}). Find out more at http://www.human-phenotype-ontology.org`;
}
