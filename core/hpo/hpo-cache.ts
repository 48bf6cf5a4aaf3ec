import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { findInstalled, requireDataFile } from '../data/installed.js';
import { cacheDir, dataDir } from '../data/paths.js';
import { parseObo } from './obo-parser.js';
import { Ontology } from './ontology.js';
import { phenotypeSetsByDisease, readPhenotypeHpoa } from './annotations.js';
import { computeInformationContent } from './information-content.js';
import type { OntologyData, SynonymScope, Term } from './types.js';

/** Bump when the cached shape or the IC definition changes, so old caches are rebuilt. */
const CACHE_FORMAT = 3;
const SCOPES: SynonymScope[] = ['EXACT', 'RELATED', 'BROAD', 'NARROW'];

export interface HpoKnowledge {
  ontology: Ontology;
  /** Information content by term index (see computeInformationContent). */
  ic: Float64Array;
  versions: { hpo: string; annotations: string };
  /** Number of diseases the IC was computed over. */
  diseaseCount: number;
}

export interface HpoLoadResult extends HpoKnowledge {
  from: 'cache' | 'source';
  ms: number;
}

type CompactTerm = [
  id: string,
  name: string,
  definition: string | 0,
  comment: string | 0,
  synonyms: [string, number, string | 0][],
  xrefs: string[],
  parents: string[],
  altIds: string[],
  obsolete: 0 | 1,
  replacedBy: string | 0,
  consider: string[],
];

interface CacheFile {
  format: number;
  key: string;
  version: string;
  annotationsVersion: string;
  diseaseCount: number;
  terms: CompactTerm[];
  ic: number[];
}

function compact(t: Term): CompactTerm {
  return [
    t.id,
    t.name,
    t.definition ?? 0,
    t.comment ?? 0,
    t.synonyms.map((s) => [s.text, SCOPES.indexOf(s.scope), s.type ?? 0]),
    t.xrefs,
    t.parents,
    t.altIds,
    t.obsolete ? 1 : 0,
    t.replacedBy ?? 0,
    t.consider,
  ];
}

function expand(c: CompactTerm): Term {
  const t: Term = {
    id: c[0],
    name: c[1],
    synonyms: c[4].map(([text, scope, type]) => (type ? { text, scope: SCOPES[scope]!, type } : { text, scope: SCOPES[scope]! })),
    xrefs: c[5],
    parents: c[6],
    altIds: c[7],
    obsolete: c[8] === 1,
    consider: c[10],
  };
  if (c[2]) t.definition = c[2];
  if (c[3]) t.comment = c[3];
  if (c[9]) t.replacedBy = c[9];
  return t;
}

/** Builds the ontology and IC straight from release files (no cache involved). */
export async function buildHpoKnowledge(oboPath: string, hpoaPath: string): Promise<HpoKnowledge> {
  const data = await parseObo(oboPath);
  const ontology = new Ontology(data);
  const hpoa = await readPhenotypeHpoa(hpoaPath, ontology);
  const sets = phenotypeSetsByDisease(hpoa.annotations);
  const ic = computeInformationContent(ontology, sets.values());
  return { ontology, ic, versions: { hpo: data.version, annotations: hpoa.version ?? 'unknown' }, diseaseCount: sets.size };
}

function cacheKey(): string {
  const obo = findInstalled('hp.obo');
  const hpoa = findInstalled('phenotype.hpoa');
  return createHash('sha256')
    .update(`${CACHE_FORMAT}:${obo?.sha256}:${hpoa?.sha256}`)
    .digest('hex')
    .slice(0, 16);
}

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * Loads the installed HPO release with its information content, from a derived cache when one
 * matches the installed files, otherwise from the release files (then writing the cache and
 * removing stale ones). The cache is derived data only; the release files stay untouched.
 */
export async function loadHpo(options: { root?: string; useCache?: boolean } = {}): Promise<HpoLoadResult> {
  const started = performance.now();
  const root = options.root ?? dataDir();
  const oboPath = requireDataFile('hp.obo', root);
  const hpoaPath = requireDataFile('phenotype.hpoa', root);
  const dir = cacheDir(root);
  const key = cacheKey();
  const path = join(dir, `hpo-${key}.json`);
  if (options.useCache !== false && existsSync(path)) {
    try {
      const c = JSON.parse(readFileSync(path, 'utf8')) as CacheFile;
      if (c.format === CACHE_FORMAT && c.key === key) {
        const data: OntologyData = { version: c.version, terms: c.terms.map(expand) };
        return {
          ontology: new Ontology(data),
          ic: Float64Array.from(c.ic),
          versions: { hpo: c.version, annotations: c.annotationsVersion },
          diseaseCount: c.diseaseCount,
          from: 'cache',
          ms: performance.now() - started,
        };
      }
    } catch {
      // An unreadable cache is rebuilt below; it only ever holds derived data.
    }
  }
  const k = await buildHpoKnowledge(oboPath, hpoaPath);
  if (options.useCache !== false) {
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(dir)) if (/^hpo-[0-9a-f]+\.json$/.test(f) && f !== `hpo-${key}.json`) rmSync(join(dir, f), { force: true });
    const file: CacheFile = {
      format: CACHE_FORMAT,
      key,
      version: k.ontology.version,
      annotationsVersion: k.versions.annotations,
      diseaseCount: k.diseaseCount,
      terms: k.ontology.terms.map(compact),
      ic: Array.from(k.ic, (v) => Math.round(v * 1e6) / 1e6),
    };
    writeAtomically(path, JSON.stringify(file));
  }
  return { ...k, from: 'source', ms: performance.now() - started };
}
