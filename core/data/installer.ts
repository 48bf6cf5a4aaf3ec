import { copyFileSync, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { OdysseyError } from '../errors.js';
import { type Dataset, type DatasetId, type Manifest, loadManifest } from './manifest.js';
import { INSTALL_HINT, type InstalledFile, findInstalled, installedRecordPath, readInstalledRecord } from './installed.js';
import { dataDir, ontologyDir } from './paths.js';
import { digestContent } from './verify.js';

export interface InstallOptions {
  /** Folder given with --from; tried first. */
  from?: string;
  /** Mirror folder, normally ODYSSEY_DATA_MIRROR; tried second. */
  mirror?: string;
  /** Try the official release URLs last (on by default). */
  download?: boolean;
  root?: string;
  /** The release manifest; the repository's data/manifest.json by default. */
  manifest?: Manifest;
  force?: boolean;
  only?: DatasetId[];
  fetchImpl?: typeof fetch;
  downloadTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface InstallOutcome {
  id: DatasetId;
  status: 'installed' | 'present' | 'failed';
  source?: string;
  path?: string;
  /** One line per source tried and why it did not work. */
  problems: string[];
}

class SourceProblem extends Error {}

async function verifyAgainst(d: Dataset, file: string): Promise<{ compressed: boolean }> {
  let digest;
  try {
    digest = await digestContent(file);
  } catch (e) {
    throw new SourceProblem(`the file is truncated or not valid gzip (${(e as Error).message})`);
  }
  if (digest.bytes !== d.bytes || digest.sha256 !== d.sha256) {
    const size = digest.bytes === d.bytes ? '' : ` and ${digest.bytes} bytes instead of ${d.bytes}`;
    throw new SourceProblem(`checksum mismatch: SHA-256 ${digest.sha256.slice(0, 12)}… instead of ${d.sha256.slice(0, 12)}…${size} (wrong version or damaged copy)`);
  }
  return { compressed: digest.compressed };
}

function targetPath(d: Dataset, root: string, compressed: boolean): string {
  return join(ontologyDir(root), d.dir, compressed ? `${d.file}.gz` : d.file);
}

function recordInstall(root: string, d: Dataset, path: string, compressed: boolean, source: string): InstalledFile {
  const record = readInstalledRecord(root);
  const entry: InstalledFile = {
    id: d.id,
    version: d.version,
    path: relative(ontologyDir(root), path),
    sha256: d.sha256,
    bytes: d.bytes,
    compressed,
    source,
    installedAt: new Date().toISOString(),
  };
  record.files[d.id] = entry;
  const p = installedRecordPath(root);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(`${p}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${p}.tmp`, p);
  return entry;
}

/** Copies (or has copied) a candidate into a temp file beside the target, verifies, then renames. */
async function placeVerified(d: Dataset, root: string, tmp: string, source: string): Promise<string> {
  try {
    const { compressed } = await verifyAgainst(d, tmp);
    const dest = targetPath(d, root, compressed);
    renameSync(tmp, dest);
    recordInstall(root, d, dest, compressed, source);
    return dest;
  } finally {
    rmSync(tmp, { force: true });
  }
}

async function fromFolder(d: Dataset, root: string, folder: string, label: string): Promise<string> {
  const dir = resolve(folder);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new SourceProblem(`${label} ${dir} is not a folder`);
  const candidate = d.mirror.map((m) => join(dir, m)).find((p) => existsSync(p));
  if (!candidate) throw new SourceProblem(`${label} ${dir} has none of ${d.mirror.slice(0, 2).join(', ')}`);
  const tmp = join(ontologyDir(root), d.dir, `.${d.file}.${process.pid}.part`);
  mkdirSync(dirname(tmp), { recursive: true });
  copyFileSync(candidate, tmp);
  try {
    return await placeVerified(d, root, tmp, candidate);
  } catch (e) {
    if (e instanceof SourceProblem) throw new SourceProblem(`${candidate}: ${e.message}`);
    throw e;
  }
}

async function fromUrl(d: Dataset, root: string, url: string, fetchImpl: typeof fetch, timeoutMs: number): Promise<string> {
  let res: Response;
  try {
    res = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    throw new SourceProblem(`${url}: not reachable (${cause ?? (e as Error).message})`);
  }
  if (!res.ok || !res.body) throw new SourceProblem(`${url}: HTTP ${res.status}`);
  const tmp = join(ontologyDir(root), d.dir, `.${d.file}.${process.pid}.part`);
  mkdirSync(dirname(tmp), { recursive: true });
  try {
    await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), createWriteStream(tmp));
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new SourceProblem(`${url}: download broke off (${(e as Error).message})`);
  }
  try {
    return await placeVerified(d, root, tmp, url);
  } catch (e) {
    if (e instanceof SourceProblem) throw new SourceProblem(`${url}: ${e.message}`);
    throw e;
  }
}

async function installOne(d: Dataset, opts: InstallOptions, root: string, manifest: Manifest): Promise<InstallOutcome> {
  const present = findInstalled(d.id, root, manifest);
  if (present && !opts.force) {
    const size = statSync(present.absPath).size;
    if (size > 0) return { id: d.id, status: 'present', source: present.source, path: present.absPath, problems: [] };
  }
  const problems: string[] = [];
  const attempts: [string, () => Promise<string>][] = [];
  if (opts.from) attempts.push([opts.from, () => fromFolder(d, root, opts.from!, '--from folder')]);
  else problems.push('--from: not given');
  if (opts.mirror) attempts.push([opts.mirror, () => fromFolder(d, root, opts.mirror!, 'ODYSSEY_DATA_MIRROR folder')]);
  else problems.push('ODYSSEY_DATA_MIRROR: not set');
  if (d.url && opts.download !== false) {
    attempts.push([d.url, () => fromUrl(d, root, d.url!, opts.fetchImpl ?? fetch, opts.downloadTimeoutMs ?? 120_000)]);
  } else if (!d.url) problems.push('no official download location (mirror only)');
  for (const [source, attempt] of attempts) {
    try {
      opts.log?.(`  ${d.id}: trying ${source}`);
      const path = await attempt();
      return { id: d.id, status: 'installed', source, path, problems };
    } catch (e) {
      if (!(e instanceof SourceProblem)) throw e;
      problems.push(e.message);
    }
  }
  return { id: d.id, status: 'failed', problems };
}

/**
 * Installs every dataset of the manifest into <data>/ontology/<release>/, byte-for-byte as
 * obtained, after verifying its content against the manifest. Throws one OdysseyError listing
 * every required dataset that could not be installed and what was tried for each.
 */
export async function installData(opts: InstallOptions = {}): Promise<InstallOutcome[]> {
  const root = opts.root ?? dataDir();
  const manifest = opts.manifest ?? loadManifest();
  const datasets = manifest.datasets.filter((d) => !opts.only || opts.only.includes(d.id));
  const outcomes: InstallOutcome[] = [];
  for (const d of datasets) {
    const o = await installOne(d, opts, root, manifest);
    opts.log?.(`${o.status === 'failed' ? '✗' : '✓'} ${d.title} ${d.version}: ${o.status}${o.path ? ` (${o.path})` : ''}`);
    outcomes.push(o);
  }
  const failedRequired = outcomes.filter((o) => o.status === 'failed' && datasets.find((d) => d.id === o.id)!.required);
  if (failedRequired.length) {
    const detail = failedRequired
      .map((o) => {
        const d = datasets.find((x) => x.id === o.id)!;
        return `- ${d.title} (${d.file} ${d.version}):\n${o.problems.map((p) => `    · ${p}`).join('\n')}`;
      })
      .join('\n');
    throw new OdysseyError('data-install-failed', `Could not install ${failedRequired.length} required data file(s):\n${detail}`, INSTALL_HINT);
  }
  return outcomes;
}
