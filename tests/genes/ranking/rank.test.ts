import { beforeAll, describe, expect, it } from 'vitest';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import { PhenotypeRanker, type PhenotypeRankerConfig } from '../../../core/genes/ranking/phenotype-ranker.js';
import { prepareQuery } from '../../../core/genes/ranking/prepare-query.js';
import { rankCase } from '../../../core/genes/ranking/rank.js';
import { createRanker } from '../../../core/genes/ranking/registry.js';
import { OdysseyError } from '../../../core/errors.js';
import { miniKb } from '../../helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await miniKb();
});
const ln = Math.log;
const CONFIG: PhenotypeRankerConfig = {
  name: 'test',
  version: '0',
  description: 'fixture parameters',
  scoring: { unknownFrequency: 0.5, frequencyWeight: 1, partialPenalty: 1, floor: 0, exclusionStrength: 0, negationPenalty: 2, sizePenalty: 0 },
  geneShare: 1,
  onsetPenalty: 0,
};

describe('prepareQuery', () => {
  it('resolves alt and obsolete ids with warnings and keeps only phenotypic abnormalities', () => {
    const q = prepareQuery(kb, { observed: ['HP:0002279', 'HP:0009999', 'HP:0000007', 'HP:1234567', 'HP:0001252'], excluded: ['HP:0001252', 'HP:0000316'] });
    const o = kb.hpo.ontology;
    expect(q.observed.map((i) => o.terms[i]!.id)).toEqual(['HP:0001250', 'HP:0001252']);
    expect(q.excluded.map((i) => o.terms[i]!.id)).toEqual(['HP:0000316']);
    const w = q.warnings.join('\n');
    expect(w).toMatch(/HP:0002279 is an alternative id of HP:0001250/);
    expect(w).toMatch(/HP:0009999 is obsolete; replaced by HP:0001250/);
    expect(w).toMatch(/HP:0000007 \(Autosomal recessive inheritance\) is not a phenotypic abnormality/);
    expect(w).toMatch(/HP:1234567 is not in HPO release/);
    expect(w).toMatch(/HP:0001252 \(Hypotonia\) is both observed and excluded/);
  });

  it('fails clearly without a usable observed phenotype', () => {
    expect(() => prepareQuery(kb, { observed: [] })).toThrow(OdysseyError);
    expect(() => prepareQuery(kb, { observed: ['HP:0000007'] })).toThrow(/None of the observed terms is a usable phenotypic abnormality/);
  });

  it('maps candidates to annotated genes and warns about the rest', () => {
    const q = prepareQuery(kb, { observed: ['HP:0001250'], candidates: ['olda', 'GENEH', 'NOPE1', 'GENEB'] });
    expect(q.candidateGenes!.map((g) => kb.genes[g]!.symbol)).toEqual(['GENEA', 'GENEB']);
    expect(q.warnings.join('\n')).toMatch(/GENEH has no phenotype annotations in HPO/);
    expect(q.warnings.join('\n')).toMatch(/"NOPE1" is not a known gene symbol/);
    expect(() => prepareQuery(kb, { observed: ['HP:0001250'], candidates: ['NOPE1'] })).toThrow(/None of the candidate genes/);
  });
});

describe('rankCase', () => {
  it('ranks genes from their best disease and explains each match', async () => {
    const r = await rankCase(kb, new PhenotypeRanker(kb, CONFIG), { observed: ['HP:0001252', 'HP:0000316'] });
    expect(r.genes[0]).toMatchObject({ symbol: 'GENEA', rank: 1, diseases: [{ id: 'OMIM:100001', name: 'Disease one' }] });
    expect(r.genes[0]!.score).toBeCloseTo(ln(4) + ln(0.895), 3);
    const e = r.genes[0]!.explanation!;
    expect(e.matches).toEqual([
      {
        patientTerm: { id: 'HP:0001252', name: 'Hypotonia' },
        kind: 'exact',
        diseaseTerm: { id: 'HP:0001252', name: 'Hypotonia', frequency: 0.895 },
        commonAncestor: { id: 'HP:0001252', name: 'Hypotonia', ic: Math.round(ln(4) * 1000) / 1000 },
        contribution: Math.round((ln(4) + ln(0.895)) * 1000) / 1000,
      },
    ]);
    expect(e.unmatched).toEqual([{ id: 'HP:0000316', name: 'Hypertelorism' }]);
    expect(r.versions.hpo).toBe('2099-01-01');
    expect(r.ranker.name).toBe('test');
  });

  it('shares a disease between its genes: P(gene | disease) = 1/n', async () => {
    const r = await rankCase(kb, new PhenotypeRanker(kb, CONFIG), { observed: ['HP:0020219'] });
    // Motor seizure: disease four (GENEC, GENEG) matches exactly at frequency 1/1.
    const c = r.genes.find((g) => g.symbol === 'GENEC')!;
    expect(c.score).toBeCloseTo(ln(4) - ln(2), 3);
    expect(r.genes.find((g) => g.symbol === 'GENEG')!.rank).toBe(c.rank); // a true tie shares the rank
  });

  it('reports excluded findings the best disease has, and NOT-annotation conflicts', async () => {
    const r = await rankCase(kb, new PhenotypeRanker(kb, CONFIG), { observed: ['HP:0001252', 'HP:0020219'], excluded: ['HP:0001250'] });
    const d1 = r.diseases.find((d) => d.id === 'OMIM:100001')!.explanation!;
    expect(d1.excludedConflicts).toEqual([{ excludedTerm: { id: 'HP:0001250', name: 'Seizure' }, diseaseTerm: { id: 'HP:0001250', name: 'Seizure', frequency: 0.75 } }]);
    const d4 = r.diseases.find((d) => d.id === 'OMIM:100004')!.explanation!;
    expect(d4.negatedConflicts).toEqual([{ id: 'HP:0001252', name: 'Hypotonia' }]);
  });

  it('ranks only the candidate genes when a candidate set is given', async () => {
    const r = await rankCase(kb, new PhenotypeRanker(kb, CONFIG), { observed: ['HP:0001252'], candidates: ['GENEB', 'GENED'] });
    expect(r.genes.map((g) => g.symbol).sort()).toEqual(['GENEB', 'GENED']);
    expect(r.scored.genes).toBe(2);
    expect(r.diseases.every((d) => d.genes.some((g) => g === 'GENEB' || g === 'GENED'))).toBe(true);
  });

  it('builds the named rankers and refuses unknown names', () => {
    expect(createRanker('resnik', kb).info.name).toBe('resnik');
    expect(createRanker('knowledge', kb).info.params).toMatchObject({ geneShare: 1 });
    expect(() => createRanker('magic', kb)).toThrow(/no ranker called "magic"/);
    expect(() => createRanker('magic', kb)).toThrow(expect.objectContaining({ hint: 'Choose one of: knowledge, resnik.' }));
  });
});
