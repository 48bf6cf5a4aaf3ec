import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

let cachedRoot: string | undefined;

/** The folder holding Odyssey's package.json, found from this module whether run from source or dist/. */
export function packageRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'odyssey-dx') {
          cachedRoot = dir;
          return dir;
        }
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the odyssey-dx package root');
    dir = parent;
  }
}

/** Where installed knowledge files and derived caches live. ODYSSEY_DATA_DIR overrides. */
export function dataDir(): string {
  return resolve(process.env.ODYSSEY_DATA_DIR ?? join(packageRoot(), 'data'));
}

export function ontologyDir(root = dataDir()): string {
  return join(root, 'ontology');
}

export function cacheDir(root = dataDir()): string {
  return join(root, 'cache');
}

/** The manifest of release files, kept in the repository (not under the data dir, which may move). */
export function manifestPath(): string {
  return join(packageRoot(), 'data', 'manifest.json');
}
