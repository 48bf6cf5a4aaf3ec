import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertReadableFile, sha256File } from '../../core/genes/file-source.js';
import { caught, FIXTURES, fixture } from './fixtures.js';

describe('assertReadableFile', () => {
  it('accepts an existing file', async () => {
    await expect(assertReadableFile(fixture('list.txt'), 'Gene list')).resolves.toBeUndefined();
  });

  it('names a missing file', async () => {
    const e = await caught(() => assertReadableFile(fixture('missing.tsv'), 'Gene panel file'));
    expect(e).toMatchObject({ name: 'OdysseyError', code: 'file-missing' });
    expect(e.message).toBe(`Gene panel file not found: ${fixture('missing.tsv')}`);
    expect(e.hint).toMatch(/Check the path/);
  });

  it('rejects a directory', async () => {
    const e = await caught(() => assertReadableFile(FIXTURES, 'VCF file'));
    expect(e).toMatchObject({ code: 'file-not-regular' });
  });
});

describe('sha256File', () => {
  it('hashes the bytes as stored', async () => {
    const want = createHash('sha256')
      .update(readFileSync(fixture('panel.csv')))
      .digest('hex');
    expect(await sha256File(fixture('panel.csv'))).toBe(want);
  });
});
