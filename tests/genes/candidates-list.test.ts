import { describe, expect, it } from 'vitest';
import { candidatesFromList, splitGeneList } from '../../core/genes/candidates-list.js';
import { caught, miniIdentity } from './fixtures.js';

describe('splitGeneList', () => {
  it('splits on commas, semicolons, whitespace and newlines in any mix', () => {
    expect(splitGeneList(' BRCA1, tp53;MYH7\n\tTTN  ;; ,\r\nCFTR ')).toEqual([
      'BRCA1',
      'tp53',
      'MYH7',
      'TTN',
      'CFTR',
    ]);
    expect(splitGeneList('\uFEFFDMD')).toEqual(['DMD']);
    expect(splitGeneList(' ,; \n')).toEqual([]);
  });
});

describe('candidatesFromList', () => {
  it('resolves any case and any kind of name to approved symbols, deduplicated in order', async () => {
    const set = candidatesFromList(await miniIdentity(), 'brca1, TP53; p53 MLL\n7157 Brca1');
    expect(set.genes).toEqual(['BRCA1', 'TP53', 'KMT2A']);
    expect(set.warnings).toEqual([]);
    expect(set.source).toEqual({ kind: 'list', inputCount: 5 });
  });

  it('accepts names already split, splitting each further', async () => {
    const set = candidatesFromList(await miniIdentity(), ['TTN', 'cftr, DMD']);
    expect(set.genes).toEqual(['TTN', 'CFTR', 'DMD']);
  });

  it('lists unknown and ambiguous names as warnings and keeps the rest', async () => {
    const set = candidatesFromList(await miniIdentity(), 'TP53 FOO1 MLL4');
    expect(set.genes).toEqual(['TP53']);
    expect(set.warnings).toEqual([
      'Unknown gene symbol "FOO1" — not an HGNC approved, previous or alias symbol; check the spelling',
      'Ambiguous gene symbol "MLL4": could be KMT2B, KMT2D; use the approved symbol',
    ]);
    expect(set.source.inputCount).toBe(3);
  });

  it('rejects an empty list with a hint showing the format', async () => {
    const genes = await miniIdentity();
    for (const empty of ['', '  ,; \n', []]) {
      const e = await caught(() => candidatesFromList(genes, empty));
      expect(e).toMatchObject({ name: 'OdysseyError', code: 'candidates-empty' });
      expect(e.message).toMatch(/gene list is empty/);
      expect(e.hint).toMatch(/separated by commas, spaces or new lines/);
    }
  });
});
