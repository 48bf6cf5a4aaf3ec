import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import { miniKb } from '../helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await miniKb();
});

describe('buildKnowledge', () => {
  it('builds disease profiles with names, frequencies, NOT terms, inheritance and references', () => {
    const d1 = kb.disease('OMIM:100001')!;
    expect(d1.name).toBe('Disease one');
    expect(d1.phenotypes).toEqual([
      { id: 'HP:0001250', frequency: 0.75 },
      { id: 'HP:0001252', frequency: 0.895 },
    ]);
    expect(d1.inheritance).toEqual(['HP:0000007']);
    expect(d1.references).toEqual(['PMID:1']);
    expect(kb.disease('OMIM:100004')!.negated).toEqual(['HP:0001252']);
  });

  it('resolves alt ids in the older annotation file', () => {
    expect(kb.disease('ORPHA:3')!.phenotypes.map((p) => p.id)).toEqual(['HP:0000316']);
  });

  it('adds diseases known only from genes_to_phenotype, named by their id', () => {
    const d5 = kb.disease('OMIM:100005')!;
    expect(d5.name).toBe('OMIM:100005');
    expect(d5.phenotypes).toEqual([{ id: 'HP:0000252', frequency: 0.5 }]);
    expect(d5.genes).toEqual(['GENED']);
  });

  it('normalises genes to current symbols through their NCBI id', () => {
    expect(kb.disease('OMIM:100001')!.genes).toEqual(['GENEA']); // written OLDA in genes_to_phenotype
    expect(kb.gene('GENEA')).toMatchObject({ ncbiId: '1', hgncId: 'HGNC:1', diseases: ['OMIM:100001'] });
    expect(kb.annotatedSymbol('olda')).toBe('GENEA');
    expect(kb.annotatedSymbol('CEE')).toBe('GENEC');
    expect(kb.annotatedSymbol('GENEH')).toBeUndefined(); // a real gene without annotations
  });

  it('links genes from genes_to_disease, leaving out polygenic links and diseases without phenotypes', () => {
    expect(kb.disease('OMIM:100004')!.genes).toEqual(['GENEC', 'GENEG']);
    expect(kb.disease('OMIM:100002')!.genes).toEqual(['GENEB']);
    expect(kb.disease('OMIM:999999')).toBeUndefined();
    expect(kb.gene('GENEE')).toBeUndefined();
    expect(kb.buildNotes.join('\n')).toMatch(/1 polygenic links left out; 1 links to diseases without phenotype annotations/);
  });

  it("orders a gene's diseases by annotation count, then by id", () => {
    expect(kb.gene('GENEC')!.diseases).toEqual(['OMIM:100004', 'ORPHA:3']);
  });
});
