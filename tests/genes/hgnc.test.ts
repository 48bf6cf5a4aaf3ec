import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadGeneIdentity, splitHgncCell } from '../../core/genes/hgnc.js';
import { caught, fixture } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'odyssey-hgnc-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('splitHgncCell', () => {
  it('splits quoted pipe lists and keeps single values', () => {
    expect(splitHgncCell('"p53|LFS1"')).toEqual(['p53', 'LFS1']);
    expect(splitHgncCell('MLL')).toEqual(['MLL']);
    expect(splitHgncCell('')).toEqual([]);
    expect(splitHgncCell(undefined)).toEqual([]);
    expect(splitHgncCell('"A||B"')).toEqual(['A', 'B']);
  });
});

describe('loadGeneIdentity', () => {
  it('reads approved rows with their ids and quoted multi-valued cells', async () => {
    const genes = await loadGeneIdentity(fixture('hgnc_mini.tsv'));
    expect(genes.size).toBe(19);
    expect(genes.info('TP53')).toEqual({
      symbol: 'TP53',
      hgncId: 'HGNC:11998',
      ncbiId: '7157',
      ensemblId: 'ENSG00000141510',
      name: 'tumor protein p53',
      locusGroup: 'protein-coding gene',
      omimIds: ['191170'],
      previousSymbols: [],
      aliasSymbols: ['p53', 'LFS1'],
    });
    expect(genes.info('BRCA2')?.previousSymbols).toEqual(['FANCD1', 'FACD', 'FANCD']);
    expect(genes.info('IGH')?.omimIds).toEqual(['146910', '147010', '147070']);
  });

  it('skips rows whose status is not Approved', async () => {
    const genes = await loadGeneIdentity(fixture('hgnc_mini.tsv'));
    expect(genes.resolve('OLDGENE1').status).toBe('unknown');
    expect(genes.resolve('999999').status).toBe('unknown');
  });

  it('reads a gzipped file the same way', async () => {
    const gz = join(tmp, 'hgnc_mini.tsv.gz');
    writeFileSync(gz, gzipSync(readFileSync(fixture('hgnc_mini.tsv'))));
    expect((await loadGeneIdentity(gz)).toJSON()).toEqual(
      (await loadGeneIdentity(fixture('hgnc_mini.tsv'))).toJSON(),
    );
  });

  it('finds columns by name whatever their order', async () => {
    const p = write('reordered.tsv', 'symbol\tentrez_id\thgnc_id\nTP53\t7157\tHGNC:11998\n');
    const genes = await loadGeneIdentity(p);
    expect(genes.resolve('7157')).toMatchObject({ symbol: 'TP53', hgncId: 'HGNC:11998' });
  });

  it('rejects a file without the HGNC columns, naming what is missing', async () => {
    const e = await caught(() => loadGeneIdentity(write('bad-header.tsv', 'gene\tid\nTP53\t1\n')));
    expect(e).toMatchObject({ name: 'OdysseyError', code: 'hgnc-invalid' });
    expect(e.message).toContain('has no "hgnc_id" or "symbol" column');
    expect(e.hint).toMatch(/hgnc_complete_set/);
  });

  it('rejects a row with an empty symbol or a malformed HGNC id, naming the line', async () => {
    const empty = await caught(() =>
      loadGeneIdentity(write('empty-symbol.tsv', 'hgnc_id\tsymbol\nHGNC:1\tA1\nHGNC:2\t\n')),
    );
    expect(empty.message).toMatch(
      /line 3: gene symbol "" is empty, "-" or contains a space, comma or semicolon/,
    );
    const badId = await caught(() =>
      loadGeneIdentity(write('bad-id.tsv', 'hgnc_id\tsymbol\n11998\tTP53\n')),
    );
    expect(badId.message).toMatch(/line 2: "hgnc_id" is "11998", expected HGNC:<number>/);
  });

  it('rejects duplicate approved symbols, naming both lines', async () => {
    const e = await caught(() =>
      loadGeneIdentity(write('dup.tsv', 'hgnc_id\tsymbol\nHGNC:1\tTP53\nHGNC:2\ttp53\n')),
    );
    expect(e.message).toMatch(/line 3: approved symbol "tp53" appears twice\./);
    const spaced = await caught(() =>
      loadGeneIdentity(write('space.tsv', 'hgnc_id\tsymbol\nHGNC:1\tTP 53\n')),
    );
    expect(spaced.message).toMatch(/line 2: gene symbol "TP 53" is empty, "-" or contains a space/);
  });

  it('rejects an empty file and a missing file', async () => {
    const empty = await caught(() => loadGeneIdentity(write('empty.tsv', '')));
    expect(empty).toMatchObject({ code: 'hgnc-invalid' });
    expect(empty.message).toMatch(/is empty/);
    const missing = await caught(() => loadGeneIdentity(join(tmp, 'nope.txt.gz')));
    expect(missing).toMatchObject({ name: 'OdysseyError', code: 'file-missing' });
    expect(missing.message).toContain('nope.txt.gz');
  });
});
