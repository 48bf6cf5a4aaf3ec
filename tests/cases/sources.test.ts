import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, createGzip } from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OdysseyError } from '../../core/errors.js';
import { readCases, type CaseItem } from '../../core/cases/sources.js';
import { FIXTURES, VALID_FIXTURES, fixturePath } from './fixtures.js';

const MALFORMED: Record<string, string> = {
  'malformed-bad-hpo-id.json': 'case-invalid',
  'malformed-bad-json.json': 'case-bad-json',
  'malformed-v1.json': 'case-v1',
  'malformed-wrong-type.json': 'case-invalid',
};
const VALID_IDS = [
  'odyssey-fixture-del-1',
  'odyssey-fixture-excluded',
  'odyssey-fixture-no-version',
  'odyssey-fixture-ezh1',
  'odyssey-fixture-gene-only',
  'odyssey-fixture-kcnt1-1',
  'odyssey-fixture-nested',
];

async function collect(path: string, signal?: AbortSignal): Promise<CaseItem[]> {
  const items: CaseItem[] = [];
  for await (const item of readCases(path, { signal })) items.push(item);
  return items;
}

async function rejection(p: Promise<unknown>): Promise<OdysseyError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!(e instanceof OdysseyError)) throw new Error(`expected an OdysseyError, got ${String(e)}`);
  return e;
}

const errorsBySource = (items: CaseItem[]): Record<string, string> =>
  Object.fromEntries(items.filter((i) => i.error).map((i) => [i.source, i.error?.code ?? '']));

interface TarEntry {
  name: string;
  content?: string | Buffer;
  type?: 'file' | 'directory' | 'symlink';
  linkname?: string;
}

/** A tar (gzipped unless told otherwise) written with tar-stream, the way real archives are. */
async function writeTar(file: string, entries: TarEntry[], gzip = true): Promise<void> {
  const pack = tarPack();
  const out = createWriteStream(file);
  if (gzip) pack.pipe(createGzip()).pipe(out);
  else pack.pipe(out);
  for (const e of entries) {
    if (e.type === 'directory') pack.entry({ name: e.name, type: 'directory' });
    else if (e.type === 'symlink')
      pack.entry({ name: e.name, type: 'symlink', linkname: e.linkname });
    else pack.entry({ name: e.name }, e.content ?? '');
  }
  pack.finalize();
  await once(out, 'close');
}

let tmp: string;
let archiveEntries: TarEntry[];

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'odyssey-cases-'));
  const names = [...VALID_FIXTURES, ...Object.keys(MALFORMED), 'nested/manifest.json'];
  archiveEntries = [
    { name: 'store/', type: 'directory' },
    { name: 'store/README.md', content: '# not a case\n' },
    { name: 'store/LICENSE', content: 'BSD-3-Clause\n' },
    { name: 'store/package.json', content: '{"name":"store","version":"1.0.0"}' },
    { name: 'store/notebooks/', type: 'directory' },
    // macOS resource forks are binary, despite the .json name.
    { name: 'store/notebooks/._v2.0.2-full.json', content: Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]) },
    { name: 'store/notebooks/link.json', type: 'symlink', linkname: 'v2.0.2-full.json' },
  ];
  for (const name of names.sort()) {
    archiveEntries.push({
      name: `store/notebooks/${name}`,
      content: await readFile(fixturePath(name)),
    });
  }
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('readCases: a folder', () => {
  it('reads every phenopacket under it, reports the broken ones and passes over other JSON', async () => {
    const items = await collect(FIXTURES);
    expect(
      items
        .filter((i) => i.case)
        .map((i) => i.case?.id)
        .sort(),
    ).toEqual([...VALID_IDS].sort());
    expect(errorsBySource(items)).toEqual(
      Object.fromEntries(Object.entries(MALFORMED).map(([n, code]) => [join(FIXTURES, n), code])),
    );
    expect(items.some((i) => i.source.endsWith('manifest.json'))).toBe(false);
    for (const item of items) expect(item.case?.source ?? item.source).toBe(item.source);
  });

  it('yields files in name order, depth first', async () => {
    const sources = (await collect(FIXTURES)).map((i) => i.source.slice(FIXTURES.length + 1));
    expect(sources).toEqual([
      'chromosomal-deletion.json',
      'excluded-terms.json',
      'malformed-bad-hpo-id.json',
      'malformed-bad-json.json',
      'malformed-v1.json',
      'malformed-wrong-type.json',
      'nested/v2.0.2-minimal.json',
      'no-version.json',
      'v2-string-pos.json',
      'v2.0-gene-only.json',
      'v2.0.2-full.json',
    ]);
  });
});

describe('readCases: a single .json file', () => {
  it('reads one case', async () => {
    const items = await collect(fixturePath('v2.0.2-full.json'));
    expect(items).toHaveLength(1);
    expect(items[0]?.case?.id).toBe('odyssey-fixture-kcnt1-1');
    expect(items[0]?.source).toBe(fixturePath('v2.0.2-full.json'));
  });

  it('reports a malformed file as an item instead of throwing', async () => {
    const items = await collect(fixturePath('malformed-bad-json.json'));
    expect(items).toHaveLength(1);
    expect(items[0]?.error?.code).toBe('case-bad-json');
    expect(items[0]?.error?.message).toContain('malformed-bad-json.json');
  });

  it('reports JSON that is not a phenopacket when the file was named directly', async () => {
    const items = await collect(fixturePath('nested/manifest.json'));
    expect(items[0]?.error?.code).toBe('case-not-phenopacket');
  });

  it('accepts a UTF-8 byte-order mark', async () => {
    const file = join(tmp, 'bom.json');
    await writeFile(file, `\uFEFF${await readFile(fixturePath('no-version.json'), 'utf8')}`);
    expect((await collect(file))[0]?.case?.id).toBe('odyssey-fixture-no-version');
  });
});

describe('readCases: JSONL', () => {
  const expectLines = (items: CaseItem[], path: string): void => {
    expect(items.map((i) => [i.source, i.case?.id ?? i.error?.code])).toEqual([
      [`${path}:1`, 'odyssey-fixture-no-version'],
      [`${path}:3`, 'case-bad-json'],
      [`${path}:4`, 'case-invalid'],
      [`${path}:5`, 'case-not-phenopacket'],
      [`${path}:6`, 'odyssey-fixture-gene-only'],
    ]);
    expect(items[2]?.error?.message).toContain(`${path}:4: field phenotypicFeatures[1].excluded`);
  };

  it('reads one phenopacket per line, naming bad lines by number and going on', async () => {
    const path = fixturePath('cases.jsonl');
    expectLines(await collect(path), path);
  });

  it('reads gzipped JSONL', async () => {
    const path = join(tmp, 'cases.jsonl.gz');
    await writeFile(path, gzipSync(await readFile(fixturePath('cases.jsonl'))));
    expectLines(await collect(path), path);
  });
});

describe('readCases: tar archives', () => {
  const checkArchive = (items: CaseItem[], archive: string): void => {
    expect(
      items
        .filter((i) => i.case)
        .map((i) => i.case?.id)
        .sort(),
    ).toEqual([...VALID_IDS].sort());
    expect(errorsBySource(items)).toEqual(
      Object.fromEntries(
        Object.entries(MALFORMED).map(([n, code]) => [`${archive}:store/notebooks/${n}`, code]),
      ),
    );
    const kcnt1 = items.find((i) => i.case?.id === 'odyssey-fixture-kcnt1-1');
    expect(kcnt1?.source).toBe(`${archive}:store/notebooks/v2.0.2-full.json`);
    expect(kcnt1?.case?.source).toBe(kcnt1?.source);
  };

  it('streams a .tar.gz, skipping non-JSON entries, resource forks, links and non-phenopacket JSON', async () => {
    const archive = join(tmp, 'store.tar.gz');
    await writeTar(archive, archiveEntries);
    checkArchive(await collect(archive), archive);
  });

  it('streams a .tgz and a plain .tar', async () => {
    const tgz = join(tmp, 'store.tgz');
    await writeTar(tgz, archiveEntries);
    checkArchive(await collect(tgz), tgz);
    const tar = join(tmp, 'store.tar');
    await writeTar(tar, archiveEntries, false);
    checkArchive(await collect(tar), tar);
  });

  it('keeps the cases before a truncation and reports the break as one item', async () => {
    // Many copies so the cut lands well inside the stream, after some complete cases.
    const big: TarEntry[] = [];
    const full = await readFile(fixturePath('v2.0.2-full.json'));
    for (let i = 0; i < 200; i++)
      big.push({ name: `many/case-${String(i).padStart(3, '0')}.json`, content: full });
    const whole = join(tmp, 'whole.tar.gz');
    await writeTar(whole, big);
    const bytes = await readFile(whole);
    const cut = join(tmp, 'cut.tar.gz');
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const items = await collect(cut);
    const last = items.at(-1);
    expect(last?.error?.code).toBe('file-corrupt');
    expect(last?.source).toBe(cut);
    expect(last?.error?.message).toContain('many/case-');
    const cases = items.filter((i) => i.case);
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.length).toBeLessThan(200);
    expect(items.filter((i) => i.error)).toHaveLength(1);
  });

  it('reports a .tar.gz that is not a tar', async () => {
    const path = join(tmp, 'not-a-tar.tar.gz');
    await writeFile(path, gzipSync(await readFile(fixturePath('v2.0.2-full.json'))));
    const items = await collect(path);
    expect(items.map((i) => i.error?.code)).toEqual(['file-corrupt']);
  });

  it('stops cleanly when the reader leaves early', async () => {
    const archive = join(tmp, 'early.tar.gz');
    await writeTar(archive, archiveEntries);
    let seen = 0;
    for await (const item of readCases(archive)) {
      if (item.case) seen++;
      if (seen === 2) break;
    }
    expect(seen).toBe(2);
  });
});

describe('readCases: unusable input and cancellation', () => {
  it('throws a clear error for a missing path', async () => {
    const e = await rejection(collect(join(tmp, 'nope', 'cases.tar.gz')));
    expect(e.code).toBe('file-missing');
    expect(e.message).toContain('nope');
    expect(e.hint).toMatch(/\.tar\.gz/);
  });

  it('throws a clear error for a file of unknown type', async () => {
    const path = join(tmp, 'cases.csv');
    await writeFile(path, 'id,hpo\n');
    const e = await rejection(collect(path));
    expect(e.code).toBe('case-unknown-format');
    expect(e.message).toContain('cases.csv');
  });

  it('stops when the signal is aborted', async () => {
    const already = AbortSignal.abort();
    await expect(collect(FIXTURES, already)).rejects.toThrow(/abort/i);

    const controller = new AbortController();
    const seen: CaseItem[] = [];
    const run = (async () => {
      for await (const item of readCases(FIXTURES, { signal: controller.signal })) {
        seen.push(item);
        controller.abort();
      }
    })();
    await expect(run).rejects.toThrow(/abort/i);
    expect(seen).toHaveLength(1);
  });
});
