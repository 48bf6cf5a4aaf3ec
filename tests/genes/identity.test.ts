import { describe, expect, it } from 'vitest';
import { GeneIdentity, describeUnresolved } from '../../core/genes/identity.js';
import { caught, miniIdentity } from './fixtures.js';

describe('GeneIdentity.resolve', () => {
  it('resolves approved symbols case-insensitively, trimming whitespace', async () => {
    const genes = await miniIdentity();
    for (const input of ['TP53', 'tp53', '  Tp53\t']) {
      expect(genes.resolve(input)).toEqual({
        input: input.trim(),
        status: 'approved',
        symbol: 'TP53',
        hgncId: 'HGNC:11998',
        ncbiId: '7157',
      });
    }
  });

  it('resolves previous symbols and aliases to the approved symbol', async () => {
    const genes = await miniIdentity();
    expect(genes.resolve('MLL')).toMatchObject({ status: 'previous', symbol: 'KMT2A' });
    expect(genes.resolve('p53')).toMatchObject({ status: 'alias', symbol: 'TP53' });
    expect(genes.resolve('nav1.1')).toMatchObject({ status: 'alias', symbol: 'SCN1A' });
  });

  it('lets an approved symbol win over a previous symbol of another gene', async () => {
    const genes = await miniIdentity();
    // AK3 is AK4's previous symbol, but AK3 is itself approved.
    expect(genes.resolve('AK3')).toMatchObject({ status: 'approved', symbol: 'AK3' });
  });

  it('lets a previous symbol win over an alias of another gene', async () => {
    const genes = await miniIdentity();
    // MLL2 is KMT2D's previous symbol and an alias of KMT2B.
    expect(genes.resolve('MLL2')).toMatchObject({ status: 'previous', symbol: 'KMT2D' });
  });

  it('reports a previous symbol shared by two genes as ambiguous, never picking one', async () => {
    const genes = await miniIdentity();
    const r = genes.resolve('facd');
    expect(r).toEqual({ input: 'facd', status: 'ambiguous', candidates: ['BRCA2', 'FANCD2'] });
    expect(r.symbol).toBeUndefined();
    expect(genes.resolve('AK3L1')).toMatchObject({
      status: 'ambiguous',
      candidates: ['AK3', 'AK4'],
    });
  });

  it('reports an alias shared by two genes as ambiguous', async () => {
    const genes = await miniIdentity();
    expect(genes.resolve('MLL4')).toEqual({
      input: 'MLL4',
      status: 'ambiguous',
      candidates: ['KMT2B', 'KMT2D'],
    });
    expect(genes.resolve('FAD')).toMatchObject({
      status: 'ambiguous',
      candidates: ['BRCA2', 'FANCD2'],
    });
  });

  it('resolves NCBI Gene ids, bare or prefixed in any case', async () => {
    const genes = await miniIdentity();
    for (const input of ['7157', 'NCBIGene:7157', 'ncbigene:7157']) {
      expect(genes.resolve(input)).toMatchObject({
        status: 'id',
        idKind: 'ncbi',
        symbol: 'TP53',
        hgncId: 'HGNC:11998',
      });
    }
  });

  it('reads a bare number as an NCBI id, not an HGNC id', async () => {
    const genes = await miniIdentity();
    expect(genes.resolve('11998')).toEqual({ input: '11998', status: 'unknown', idKind: 'ncbi' });
    expect(genes.resolve('hgnc:11998')).toMatchObject({
      status: 'id',
      idKind: 'hgnc',
      symbol: 'TP53',
    });
  });

  it('resolves Ensembl gene ids, with or without a version suffix', async () => {
    const genes = await miniIdentity();
    expect(genes.resolve('ENSG00000141510')).toMatchObject({
      status: 'id',
      idKind: 'ensembl',
      symbol: 'TP53',
    });
    expect(genes.resolve('ensg00000141510.18')).toMatchObject({ status: 'id', symbol: 'TP53' });
    // HGNC assigns this Ensembl id to two lncRNAs.
    expect(genes.resolve('ENSG00000230417')).toMatchObject({
      status: 'ambiguous',
      candidates: ['LINC00595', 'LINC00856'],
    });
  });

  it('reports unknown symbols, unknown ids and blank input as unknown', async () => {
    const genes = await miniIdentity();
    expect(genes.resolve('FOO1')).toEqual({ input: 'FOO1', status: 'unknown' });
    expect(genes.resolve('HGNC:1')).toEqual({ input: 'HGNC:1', status: 'unknown', idKind: 'hgnc' });
    expect(genes.resolve('   ')).toEqual({ input: '', status: 'unknown' });
  });

  it('keeps genes without an NCBI or Ensembl id', async () => {
    const genes = await miniIdentity();
    expect(genes.resolve('IGH@')).toMatchObject({
      status: 'previous',
      symbol: 'IGH',
      ncbiId: '3492',
    });
    expect(genes.info('igh')).toMatchObject({
      symbol: 'IGH',
      omimIds: ['146910', '147010', '147070'],
    });
    expect(genes.info('IGH')?.ensemblId).toBeUndefined();
  });
});

describe('GeneIdentity.resolveMany', () => {
  it('deduplicates symbols in input order and explains each unresolved input once', async () => {
    const genes = await miniIdentity();
    const r = genes.resolveMany([
      'tp53',
      'BRCA1',
      'p53',
      '7157',
      'FOO1',
      'foo1',
      'FACD',
      '',
      'MLL',
    ]);
    expect(r.symbols).toEqual(['TP53', 'BRCA1', 'KMT2A']);
    expect(r.warnings).toEqual([
      'Unknown gene symbol "FOO1" — not an HGNC approved, previous or alias symbol; check the spelling',
      'Ambiguous gene symbol "FACD": could be BRCA2, FANCD2; use the approved symbol',
    ]);
    expect(r.unresolved.map((u) => u.status)).toEqual(['unknown', 'ambiguous']);
  });

  it('words warnings for ids as ids', async () => {
    const genes = await miniIdentity();
    const r = genes.resolveMany(['NCBIGene:123456789', 'ENSG00000230417']);
    expect(r.warnings[0]).toMatch(/^Unknown NCBI Gene id "NCBIGene:123456789"/);
    expect(r.warnings[1]).toMatch(
      /^Ambiguous Ensembl gene id "ENSG00000230417": could be LINC00595, LINC00856/,
    );
    expect(describeUnresolved({ input: 'HGNC:1', status: 'unknown', idKind: 'hgnc' })).toMatch(
      /^Unknown HGNC id/,
    );
  });
});

describe('GeneIdentity.addKnown', () => {
  it('keeps a gene HGNC does not know, resolvable by symbol and by NCBI id', async () => {
    const genes = await miniIdentity();
    expect(genes.addKnown('NEWGENE9', 555001)).toBe('NEWGENE9');
    expect(genes.resolve('newgene9')).toEqual({
      input: 'newgene9',
      status: 'approved',
      symbol: 'NEWGENE9',
      ncbiId: '555001',
    });
    expect(genes.resolve('NCBIGene:555001')).toMatchObject({ status: 'id', symbol: 'NEWGENE9' });
  });

  it('keys genes whose symbol is "-" by their NCBI id, one per id', async () => {
    const genes = await miniIdentity();
    expect(genes.addKnown('-', '10108')).toBe('NCBIGene:10108');
    expect(genes.addKnown('-', 'NCBIGene:7467')).toBe('NCBIGene:7467');
    expect(genes.resolve('10108')).toMatchObject({ status: 'id', symbol: 'NCBIGene:10108' });
    expect(genes.resolve('7467')).toMatchObject({ status: 'id', symbol: 'NCBIGene:7467' });
    expect(genes.resolve('-')).toMatchObject({ status: 'unknown' });
  });

  it('adds a newer symbol for a known NCBI id as an alias of the approved gene', async () => {
    const genes = await miniIdentity();
    expect(genes.addKnown('MYHNEW', '4625')).toBe('MYH7');
    expect(genes.resolve('MYHNEW')).toMatchObject({ status: 'alias', symbol: 'MYH7' });
    expect(genes.addKnown('MYH7', '4625')).toBe('MYH7');
    expect(genes.info('MYH7')?.aliasSymbols).toEqual(['CMD1S', 'MYHNEW']);
  });

  it('does not let an unknown id take over an approved symbol', async () => {
    const genes = await miniIdentity();
    expect(genes.addKnown('TP53', '999001')).toBe('NCBIGene:999001');
    expect(genes.resolve('TP53')).toMatchObject({ symbol: 'TP53', ncbiId: '7157' });
  });

  it('rejects something that is not an NCBI id', async () => {
    const genes = await miniIdentity();
    expect(() => genes.addKnown('X', 'ENSG00000141510')).toThrow(/Not an NCBI Gene id/);
  });
});

describe('GeneIdentity serialisation', () => {
  it('round-trips through JSON, extras included', async () => {
    const genes = await miniIdentity();
    genes.addKnown('-', '10108');
    genes.addKnown('MYHNEW', '4625');
    const json = JSON.parse(JSON.stringify(genes)) as unknown;
    const back = GeneIdentity.fromJSON(json);
    expect(back.size).toBe(genes.size);
    for (const input of [
      'TP53',
      'p53',
      'MLL',
      'FACD',
      'MLL4',
      '10108',
      'MYHNEW',
      'HGNC:1100',
      'ENSG00000230417',
      'IGH@',
    ]) {
      expect(back.resolve(input)).toEqual(genes.resolve(input));
    }
    expect(back.info('IGH')).toEqual(genes.info('IGH'));
  });

  it('rejects a damaged cache with a clear error', async () => {
    const wrongFormat = await caught(() =>
      GeneIdentity.fromJSON({ format: 'other', version: 1, columns: [], genes: [] }),
    );
    expect(wrongFormat).toMatchObject({ name: 'OdysseyError', code: 'gene-identity-invalid' });
    expect(wrongFormat.hint).toMatch(/Delete the knowledge-base cache/);

    const genes = (await miniIdentity()).toJSON();
    const badRow = await caught(() =>
      GeneIdentity.fromJSON({ ...genes, genes: [...genes.genes, ['TP53', '']] }),
    );
    expect(badRow).toMatchObject({ code: 'gene-identity-invalid' });
    expect(badRow.message).toMatch(/entry 19 is not a row of 9 strings/);

    const duplicate = await caught(() =>
      GeneIdentity.fromJSON({ ...genes, genes: [...genes.genes, genes.genes[0]] }),
    );
    expect(duplicate.message).toMatch(/entry 19: approved symbol "TP53" appears twice/);
  });
});
