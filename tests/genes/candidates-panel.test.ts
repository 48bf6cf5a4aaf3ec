import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { candidatesFromPanel, findGeneColumn } from '../../core/genes/candidates-panel.js';
import { sha256File } from '../../core/genes/file-source.js';
import { caught, fixture, miniIdentity } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'odyssey-panel-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: string | Buffer): string => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};

describe('findGeneColumn', () => {
  it('recognises the usual gene column names in any case and spelling', () => {
    for (const name of [
      'gene',
      'Genes',
      'GENE_SYMBOL',
      'symbol',
      'hgnc_symbol',
      'Gene Symbol',
      'gene_name',
      '#gene',
      'Approved symbol',
    ]) {
      expect(findGeneColumn(['chrom', name, 'notes'])).toBe(1);
    }
    expect(findGeneColumn(['chrom', 'start', 'end'])).toBe(-1);
  });

  it('prefers a symbol column over a name or id column', () => {
    expect(findGeneColumn(['gene_id', 'gene_name', 'gene_symbol'])).toBe(2);
  });
});

describe('candidatesFromPanel', () => {
  it('reads the gene column of a TSV panel (PanelApp layout)', async () => {
    const path = fixture('panel.tsv');
    const set = await candidatesFromPanel(await miniIdentity(), path);
    expect(set.genes).toEqual(['SCN1A', 'KMT2D', 'KMT2A']);
    expect(set.warnings).toEqual([
      'Ambiguous gene symbol "MLL4": could be KMT2B, KMT2D; use the approved symbol',
    ]);
    expect(set.source).toEqual({
      kind: 'panel',
      path,
      sha256: await sha256File(path),
      inputCount: 4,
    });
  });

  it('reads a CSV panel with quoted cells, splitting multi-gene cells and skipping empty ones', async () => {
    const set = await candidatesFromPanel(await miniIdentity(), fixture('panel.csv'));
    expect(set.genes).toEqual(['BRCA1', 'BRCA2', 'CFTR', 'DMD']);
    expect(set.warnings).toEqual([
      'Ambiguous gene symbol "FACD": could be BRCA2, FANCD2; use the approved symbol',
      'Unknown gene symbol "NOTAGENE7" — not an HGNC approved, previous or alias symbol; check the spelling',
    ]);
    expect(set.source.inputCount).toBe(6);
  });

  it('reads a semicolon-separated panel with a BOM, comment lines and CRLF endings', async () => {
    const path = write(
      'semi.csv',
      '\uFEFF## exported from a spreadsheet\r\nSymbol;Disease\r\nTTN;DCM\r\nDMD;DMD\r\n',
    );
    const set = await candidatesFromPanel(await miniIdentity(), path);
    expect(set.genes).toEqual(['TTN', 'DMD']);
  });

  it('warns about rows too short to have the gene column', async () => {
    const path = write('short.tsv', 'disease\tgene\nDCM\tTTN\nlonely\n\nHCM\tMYH7\n');
    const set = await candidatesFromPanel(await miniIdentity(), path);
    expect(set.genes).toEqual(['TTN', 'MYH7']);
    expect(set.warnings).toEqual([
      `${path}: 1 row(s) have no gene column (line 3); they were skipped`,
    ]);
  });

  it('reads quoted cells spanning lines, numbering rows by the file line they start on', async () => {
    const path = write(
      'multiline.csv',
      '## notes may wrap\n\ndisease,gene\n"Dilated\ncardiomyopathy",TTN\n"Cystic fibrosis;\nmuscular dystrophy","CFTR\nDMD"\nlonely\n',
    );
    const set = await candidatesFromPanel(await miniIdentity(), path);
    expect(set.genes).toEqual(['TTN', 'CFTR', 'DMD']);
    expect(set.warnings).toEqual([
      `${path}: 1 row(s) have no gene column (line 9); they were skipped`,
    ]);
  });

  it('rejects a table whose quoted cell never closes, naming the file', async () => {
    const path = write('unclosed.csv', 'gene,disease\nTTN,"DCM\nDMD,DMD\n');
    const e = await caught(async () => candidatesFromPanel(await miniIdentity(), path));
    expect(e).toMatchObject({ code: 'table-malformed' });
    expect(e.message).toContain(`${path} is not a well-formed table (`);
  });

  it('reports a truncated gzipped table as corrupt, not as a parse error', async () => {
    const gz = gzipSync(`gene\tnotes\n${'TTN\tDCM\n'.repeat(5000)}`);
    const path = write('truncated.tsv.gz', gz.subarray(0, gz.length - 20));
    const e = await caught(async () => candidatesFromPanel(await miniIdentity(), path));
    expect(e).toMatchObject({ code: 'file-corrupt' });
  });

  it('accepts a single-column file without a header as a list', async () => {
    const set = await candidatesFromPanel(await miniIdentity(), fixture('list.txt'));
    expect(set.genes).toEqual(['TP53', 'MYH7', 'TTN', 'CFTR']);
    expect(set.source.inputCount).toBe(5);
  });

  it('accepts a single-column file with a gene header, and a gzipped one', async () => {
    const set = await candidatesFromPanel(
      await miniIdentity(),
      fixture('single_column_header.txt'),
    );
    expect(set.genes).toEqual(['DMD', 'FBN1']);
    const gz = write('panel.tsv.gz', gzipSync('gene\nSMN1\n'));
    expect((await candidatesFromPanel(await miniIdentity(), gz)).genes).toEqual(['SMN1']);
  });

  it('rejects a table with no recognisable gene column, naming the columns found', async () => {
    const e = await caught(async () =>
      candidatesFromPanel(await miniIdentity(), fixture('no_gene_column.csv')),
    );
    expect(e).toMatchObject({ name: 'OdysseyError', code: 'panel-no-gene-column' });
    expect(e.message).toBe(
      `${fixture('no_gene_column.csv')} has no recognisable gene column: the header (line 1) has "chrom", "start", "end", "score".`,
    );
    expect(e.hint).toMatch(/"gene", "symbol", "gene_symbol" or "hgnc_symbol"/);
  });

  it('rejects an empty file and a header without rows', async () => {
    const genes = await miniIdentity();
    const empty = await caught(() => candidatesFromPanel(genes, write('empty.tsv', '\n\n')));
    expect(empty).toMatchObject({ code: 'candidates-empty' });
    expect(empty.message).toMatch(/lists no genes: the file is empty/);
    const headerOnly = await caught(() =>
      candidatesFromPanel(genes, write('header.csv', 'gene,disease\n')),
    );
    expect(headerOnly).toMatchObject({ code: 'candidates-empty' });
  });

  it('names a missing panel file', async () => {
    const e = await caught(async () =>
      candidatesFromPanel(await miniIdentity(), join(tmp, 'nope.tsv')),
    );
    expect(e).toMatchObject({ code: 'file-missing' });
    expect(e.message).toContain('nope.tsv');
  });
});
