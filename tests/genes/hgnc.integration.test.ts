import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { GeneIdentity, loadGeneIdentity } from '../../core/genes/hgnc.js';

const HGNC_FILE = `${process.env.ODYSSEY_DATA_MIRROR ?? '/work/shared/data'}/genes/hgnc_complete_set.txt.gz`;

describe.skipIf(!existsSync(HGNC_FILE))('HGNC complete set (real file)', () => {
  it('loads quickly and resolves symbols, ids, previous symbols and aliases', async () => {
    const start = performance.now();
    const genes = await loadGeneIdentity(HGNC_FILE);
    const loadMs = performance.now() - start;
    console.log(`HGNC complete set: ${genes.size} genes loaded in ${loadMs.toFixed(0)} ms`);
    expect(genes.size).toBeGreaterThan(40_000);
    // Generous bound for a slow CI machine; the measured time is printed above.
    expect(loadMs).toBeLessThan(3_000);

    expect(genes.resolve('7157')).toMatchObject({
      status: 'id',
      symbol: 'TP53',
      hgncId: 'HGNC:11998',
    });
    expect(genes.resolve('NCBIGene:7157')).toMatchObject({ symbol: 'TP53' });
    expect(genes.resolve('HGNC:11998')).toMatchObject({ symbol: 'TP53', ncbiId: '7157' });
    expect(genes.resolve('ENSG00000141510')).toMatchObject({ symbol: 'TP53' });
    expect(genes.resolve('tp53')).toMatchObject({ status: 'approved', symbol: 'TP53' });
    expect(genes.resolve('Brca1')).toMatchObject({ status: 'approved', symbol: 'BRCA1' });
    expect(genes.resolve('MLL')).toMatchObject({ status: 'previous', symbol: 'KMT2A' });
    expect(genes.resolve('sept7')).toMatchObject({ status: 'previous', symbol: 'SEPTIN7' });
    expect(genes.resolve('p53')).toMatchObject({ status: 'alias', symbol: 'TP53' });
    expect(genes.resolve('FACD')).toMatchObject({
      status: 'ambiguous',
      candidates: ['BRCA2', 'FANCD2'],
    });

    // HPO names some genes by newer symbols, and a few only as "-" with an NCBI id HGNC lacks.
    expect(genes.addKnown('VMA12', 147007)).toBe('TMEM199');
    expect(genes.resolve('vma12')).toMatchObject({ status: 'alias', symbol: 'TMEM199' });
    expect(genes.addKnown('-', 10108)).toBe('NCBIGene:10108');
    expect(genes.resolve('10108')).toMatchObject({ status: 'id', symbol: 'NCBIGene:10108' });
  });

  it('round-trips through JSON quickly', async () => {
    const genes = await loadGeneIdentity(HGNC_FILE);
    const text = JSON.stringify(genes);
    const start = performance.now();
    const back = GeneIdentity.fromJSON(JSON.parse(text));
    const ms = performance.now() - start;
    console.log(
      `Gene identity JSON: ${(text.length / 1e6).toFixed(1)} MB, parsed and rebuilt in ${ms.toFixed(0)} ms`,
    );
    expect(back.size).toBe(genes.size);
    expect(back.resolve('MLL')).toEqual(genes.resolve('MLL'));
  });
});
