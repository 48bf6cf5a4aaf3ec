import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { manifestPath } from './paths.js';

export const DATASET_IDS = [
  'hp.obo',
  'genes_to_phenotype',
  'phenotype.hpoa',
  'genes_to_disease',
  'hgnc',
  'cases',
] as const;
export type DatasetId = (typeof DATASET_IDS)[number];

const DatasetSchema = z.object({
  id: z.enum(DATASET_IDS),
  title: z.string(),
  source: z.string(),
  version: z.string(),
  dir: z.string(),
  file: z.string(),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  mirror: z.array(z.string()).min(1),
  url: z.string().url().optional(),
  licence: z.string(),
  required: z.boolean(),
});
export type Dataset = z.infer<typeof DatasetSchema>;

const ManifestSchema = z.object({
  formatVersion: z.literal(1),
  datasets: z.array(DatasetSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

let cached: Manifest | undefined;

export function loadManifest(path = manifestPath()): Manifest {
  if (cached && path === manifestPath()) return cached;
  const parsed = ManifestSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  if (path === manifestPath()) cached = parsed;
  return parsed;
}

export function datasetById(id: DatasetId, manifest = loadManifest()): Dataset {
  const d = manifest.datasets.find((x) => x.id === id);
  if (!d) throw new Error(`Dataset ${id} is not in the manifest`);
  return d;
}

/** Validates a manifest object (for manifests kept elsewhere than the repository's). */
export function parseManifest(value: unknown): Manifest {
  return ManifestSchema.parse(value);
}
