import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { installData } from '../../core/data/installer.js';
import { findInstalled, missingRequired, readInstalledRecord, requireDataFile } from '../../core/data/installed.js';
import { parseManifest, type Manifest } from '../../core/data/manifest.js';
import { OdysseyError } from '../../core/errors.js';
import { tempDir } from '../helpers.js';

const OBO = Buffer.from('format-version: 1.2\ndata-version: hp/releases/2099-01-01\n\n[Term]\nid: HP:0000001\nname: All\n');
const HGNC = Buffer.from('hgnc_id\tsymbol\nHGNC:1\tA1BG\n');
const sha = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

let server: Server;
let baseUrl: string;

function manifest(url = 'http://127.0.0.1:1/unreachable'): Manifest {
  return parseManifest({
    formatVersion: 1,
    datasets: [
      { id: 'hp.obo', title: 'Test ontology', source: 'hpo', version: '2099-01-01', dir: 'hpo-2099', file: 'hp.obo', bytes: OBO.length, sha256: sha(OBO), mirror: ['hpo/hp.obo.gz', 'hpo/hp.obo'], url: `${url}/hp.obo`, licence: 'test', required: true },
      { id: 'hgnc', title: 'Test HGNC', source: 'hgnc', version: '2099-01', dir: 'hgnc-2099', file: 'hgnc.txt', bytes: HGNC.length, sha256: sha(HGNC), mirror: ['hgnc.txt'], url: `${url}/hgnc.txt`, licence: 'CC0', required: false },
    ],
  });
}

function mirrorWith(files: Record<string, Buffer>): string {
  const dir = tempDir('odyssey-mirror-');
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), content);
  }
  return dir;
}

async function failure(p: Promise<unknown>): Promise<OdysseyError> {
  try {
    await p;
  } catch (e) {
    return e as OdysseyError;
  }
  throw new Error('expected the install to fail');
}

beforeAll(async () => {
  // A local HTTP server stands in for the official release host (a process boundary).
  server = createServer((req, res) => {
    if (req.url === '/ok/hp.obo') res.end(OBO);
    else if (req.url === '/ok/hgnc.txt') res.end(HGNC);
    else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('installData', () => {
  it('installs from --from byte-for-byte, verifying the uncompressed content, and records it', async () => {
    const gz = gzipSync(OBO);
    const from = mirrorWith({ 'hpo/hp.obo.gz': gz, 'hgnc.txt': HGNC });
    const root = tempDir();
    const m = manifest();
    const out = await installData({ from, root, manifest: m, download: false });
    expect(out.map((o) => [o.id, o.status])).toEqual([['hp.obo', 'installed'], ['hgnc', 'installed']]);
    const obo = findInstalled('hp.obo', root, m)!;
    expect(obo.absPath).toBe(join(root, 'ontology', 'hpo-2099', 'hp.obo.gz'));
    expect(readFileSync(obo.absPath).equals(gz)).toBe(true);
    expect(obo).toMatchObject({ version: '2099-01-01', compressed: true, sha256: sha(OBO) });
    expect(readInstalledRecord(root).files.hgnc?.compressed).toBe(false);
    expect(requireDataFile('hgnc', root, m)).toBe(join(root, 'ontology', 'hgnc-2099', 'hgnc.txt'));
  });

  it('tries --from, then the mirror, then the download, in that order', async () => {
    const from = mirrorWith({ 'hgnc.txt': HGNC });
    const mirror = mirrorWith({ 'hpo/hp.obo': OBO });
    const root = tempDir();
    const out = await installData({ from, mirror, root, manifest: manifest(), download: false });
    expect(out.find((o) => o.id === 'hgnc')?.source).toBe(from);
    expect(out.find((o) => o.id === 'hp.obo')?.source).toBe(mirror);
    expect(out.find((o) => o.id === 'hp.obo')?.problems.some((p) => p.includes('has none of'))).toBe(true);
  });

  it('downloads from the release location when no folder has the file', async () => {
    const root = tempDir();
    const out = await installData({ root, manifest: manifest(`${baseUrl}/ok`) });
    expect(out.every((o) => o.status === 'installed')).toBe(true);
    expect(readFileSync(findInstalled('hp.obo', root, manifest(`${baseUrl}/ok`))!.absPath).equals(OBO)).toBe(true);
  });

  it('skips files already installed unless forced', async () => {
    const from = mirrorWith({ 'hpo/hp.obo': OBO, 'hgnc.txt': HGNC });
    const root = tempDir();
    await installData({ from, root, manifest: manifest(), download: false });
    const again = await installData({ from, root, manifest: manifest(), download: false });
    expect(again.map((o) => o.status)).toEqual(['present', 'present']);
    const forced = await installData({ from, root, manifest: manifest(), download: false, force: true });
    expect(forced.map((o) => o.status)).toEqual(['installed', 'installed']);
  });

  it('rejects a checksum mismatch and names the file, the problem and the fix', async () => {
    const mirror = mirrorWith({ 'hpo/hp.obo': Buffer.from('format-version: 1.2\ndata-version: other\n'), 'hgnc.txt': HGNC });
    const e = await failure(installData({ mirror, root: tempDir(), manifest: manifest(), download: false }));
    expect(e).toBeInstanceOf(OdysseyError);
    expect(e.message).toMatch(/Test ontology \(hp\.obo 2099-01-01\)/);
    expect(e.message).toMatch(/checksum mismatch/);
    expect(e.hint).toMatch(/ODYSSEY_DATA_MIRROR/);
  });

  it('rejects a truncated gzip file', async () => {
    const gz = gzipSync(OBO);
    const mirror = mirrorWith({ 'hpo/hp.obo.gz': gz.subarray(0, gz.length - 12) });
    const e = await failure(installData({ mirror, root: tempDir(), manifest: manifest(), download: false }));
    expect(e.message).toMatch(/truncated or not valid gzip/);
  });

  it('explains every source it tried when none is reachable, and installs nothing half-way', async () => {
    const root = tempDir();
    const e = await failure(installData({ root, manifest: manifest(), downloadTimeoutMs: 5000 }));
    expect(e.code).toBe('data-install-failed');
    expect(e.message).toMatch(/--from: not given/);
    expect(e.message).toMatch(/ODYSSEY_DATA_MIRROR: not set/);
    expect(e.message).toMatch(/unreachable\/hp\.obo: not reachable/);
    expect(e.message).not.toMatch(/Test HGNC/); // optional datasets do not fail the install
    expect(existsSync(join(root, 'ontology', 'hpo-2099', 'hp.obo'))).toBe(false);
  });

  it('reports a 404 from the release location', async () => {
    const e = await failure(installData({ root: tempDir(), manifest: manifest(`${baseUrl}/missing`) }));
    expect(e.message).toMatch(/HTTP 404/);
  });

  it('names missing required data and how to install it', () => {
    const root = tempDir();
    expect(missingRequired(root, manifest()).map((d) => d.id)).toEqual(['hp.obo']);
    expect(() => requireDataFile('hp.obo', root, manifest())).toThrow(/Test ontology \(hp\.obo, version 2099-01-01\) is not installed/);
  });
});
