import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { findInstalled, requireDataFile } from '../../data/installed.js';
import { cacheDir, dataDir } from '../../data/paths.js';
import { datasetById } from '../../data/manifest.js';
import { loadHpo } from '../../hpo/hpo-cache.js';
import { loadGeneIdentity } from '../hgnc.js';
import { GeneIdentity } from '../identity.js';
import { buildKnowledge } from './build.js';
import { KnowledgeBase } from './knowledge-base.js';
import type { KnowledgeData } from './types.js';

/** Bump when the knowledge data shape or its build rules change. */
const KB_FORMAT = 2;

export interface KnowledgeLoad {
  kb: KnowledgeBase;
  from: 'cache' | 'source';
  ms: number;
}

function cacheKey(): string {
  const ids = ['hp.obo', 'phenotype.hpoa', 'genes_to_phenotype', 'genes_to_disease', 'hgnc'] as const;
  const h = createHash('sha256').update(`kb${KB_FORMAT}`);
  for (const id of ids) h.update(`:${findInstalled(id)?.sha256}`);
  return h.digest('hex').slice(0, 16);
}

/**
 * Loads the gene knowledge base: HPO, disease profiles, gene links and gene identity. Built from
 * the installed release files once, then read from a derived cache keyed by their checksums.
 */
export async function loadKnowledgeBase(options: { root?: string; useCache?: boolean } = {}): Promise<KnowledgeLoad> {
  const started = performance.now();
  const root = options.root ?? dataDir();
  const files = {
    genesToPhenotype: requireDataFile('genes_to_phenotype', root),
    phenotypeHpoa: requireDataFile('phenotype.hpoa', root),
    genesToDisease: requireDataFile('genes_to_disease', root),
  };
  const hgncPath = requireDataFile('hgnc', root);
  const hpo = await loadHpo({ root, ...(options.useCache === false ? { useCache: false } : {}) });
  const dir = cacheDir(root);
  const key = cacheKey();
  const path = join(dir, `kb-${key}.json`);
  if (options.useCache !== false && existsSync(path)) {
    try {
      const c = JSON.parse(readFileSync(path, 'utf8')) as { format: number; key: string; data: KnowledgeData; identity: unknown };
      if (c.format === KB_FORMAT && c.key === key) {
        const kb = new KnowledgeBase(hpo, GeneIdentity.fromJSON(c.identity), c.data);
        return { kb, from: 'cache', ms: performance.now() - started };
      }
    } catch {
      // Derived data only: rebuild below.
    }
  }
  const identity = await loadGeneIdentity(hgncPath);
  const data = await buildKnowledge(files, hpo.ontology, identity, {
    hpo: hpo.versions.hpo,
    hpoAnnotations: hpo.versions.annotations,
    genesToPhenotype: datasetById('genes_to_phenotype').version,
    genesToDisease: datasetById('genes_to_disease').version,
    hgnc: datasetById('hgnc').version,
  });
  if (options.useCache !== false) {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) if (/^kb-[0-9a-f]+\.json$/.test(f) && f !== `kb-${key}.json`) rmSync(join(dir, f), { force: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify({ format: KB_FORMAT, key, data, identity: identity.toJSON() }));
    renameSync(tmp, path);
  }
  return { kb: new KnowledgeBase(hpo, identity, data), from: 'source', ms: performance.now() - started };
}
