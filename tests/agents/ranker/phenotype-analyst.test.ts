import { beforeAll, describe, expect, it } from 'vitest';
import { analysePhenotypes, caseSpecificity, UNINFORMATIVE_IC } from '../../../core/agents/ranker/phenotype-analyst.js';
import type { KnowledgeBase } from '../../../core/genes/kb/knowledge-base.js';
import { prepareQuery } from '../../../core/genes/ranking/prepare-query.js';
import { miniKb } from '../../helpers.js';

let kb: KnowledgeBase;
beforeAll(async () => {
  kb = await miniKb();
});
// IC in the mini knowledge base (4 annotated diseases): a term on one disease has ln 4 ≈ 1.39,
// Seizure (three diseases below it) ln(4/3) ≈ 0.29.
const LN4 = Math.round(Math.log(4) * 100) / 100;
const SEIZURE_IC = Math.round(Math.log(4 / 3) * 100) / 100;

describe('analysePhenotypes', () => {
  it('groups findings by organ system, most specific first, biggest system first', () => {
    const q = prepareQuery(kb, { observed: ['HP:0001250', 'HP:0020219', 'HP:0000316', 'HP:0000252', 'HP:0001252'] });
    const s = analysePhenotypes(kb.hpo, q);
    // Categories: head or neck (Hypertelorism, Microcephaly), eye (Hypertelorism),
    // nervous system (Motor seizure, Hypotonia, Microcephaly, Seizure).
    expect(s.systems.map((x) => [x.categoryId, x.terms.map((t) => t.id)])).toEqual([
      ['HP:0000707', ['HP:0020219', 'HP:0001252', 'HP:0000252', 'HP:0001250']],
      ['HP:0000152', ['HP:0000316', 'HP:0000252']],
      ['HP:0000478', ['HP:0000316']],
    ]);
    expect(s.systems[0]!.name).toBe('Abnormality of the nervous system');
    expect(s.systems[0]!.terms[0]).toEqual({ id: 'HP:0020219', name: 'Motor seizure', ic: LN4 });
    expect(s.systems[0]!.terms[3]).toEqual({ id: 'HP:0001250', name: 'Seizure', ic: SEIZURE_IC });
  });

  it('picks the most specific findings, ties in term order', () => {
    const q = prepareQuery(kb, { observed: ['HP:0001250', 'HP:0000252', 'HP:0020219'] });
    expect(analysePhenotypes(kb.hpo, q, 2).mostSpecific.map((t) => t.id)).toEqual(['HP:0020219', 'HP:0000252']);
    expect(analysePhenotypes(kb.hpo, q).mostSpecific.map((t) => t.id)).toEqual(['HP:0020219', 'HP:0000252', 'HP:0001250']);
  });

  it('flags findings below the information-content threshold as uninformative', () => {
    expect(SEIZURE_IC).toBeLessThan(UNINFORMATIVE_IC);
    const q = prepareQuery(kb, { observed: ['HP:0001250', 'HP:0000707'] });
    const s = analysePhenotypes(kb.hpo, q);
    for (const t of s.uninformative) expect(t.ic).toBeLessThan(UNINFORMATIVE_IC);
    // Equal IC (both sit above the same three diseases): term order decides.
    expect(s.uninformative.map((t) => t.id)).toEqual(['HP:0000707', 'HP:0001250']);
  });

  it('marks a general finding implied by a more specific one as redundant', () => {
    const q = prepareQuery(kb, { observed: ['HP:0000707', 'HP:0001250', 'HP:0020219', 'HP:0000316'] });
    const s = analysePhenotypes(kb.hpo, q);
    expect(s.redundant.map((r) => r.id).sort()).toEqual(['HP:0000707', 'HP:0001250']);
    expect(s.redundant.find((r) => r.id === 'HP:0001250')).toEqual({ id: 'HP:0001250', name: 'Seizure', impliedBy: 'HP:0020219' });
    // Hypertelorism implies nothing else recorded; Motor seizure is the most specific.
    expect(s.redundant.some((r) => r.id === 'HP:0000316' || r.id === 'HP:0020219')).toBe(false);
  });

  it('flags an observed finding whose more general term is excluded, but not the reverse', () => {
    // Excluding Febrile seizure (a kind of Seizure) is no conflict with Seizure; excluding the
    // nervous-system abnormality contradicts Motor seizure and Microcephaly.
    const q = prepareQuery(kb, { observed: ['HP:0001250', 'HP:0000252', 'HP:0000316'], excluded: ['HP:0002373', 'HP:0000707'] });
    const s = analysePhenotypes(kb.hpo, q);
    expect(s.conflicts.map((c) => [c.observed, c.excluded])).toEqual([
      ['HP:0000252', 'HP:0000707'],
      ['HP:0001250', 'HP:0000707'],
    ]);
    expect(s.conflicts[0]!.note).toBe('Microcephaly is observed but the more general Abnormality of the nervous system is excluded.');
  });

  it('reports nothing to flag for one clean finding', () => {
    const s = analysePhenotypes(kb.hpo, prepareQuery(kb, { observed: ['HP:0000316'] }));
    expect(s.redundant).toEqual([]);
    expect(s.conflicts).toEqual([]);
    expect(s.mostSpecific).toEqual([{ id: 'HP:0000316', name: 'Hypertelorism', ic: LN4 }]);
  });
});

describe('caseSpecificity', () => {
  it('is the mean IC of the three most specific findings', () => {
    const o = kb.hpo.ontology;
    const t = (id: string) => o.indexOf(id)!;
    const ic = (id: string) => kb.hpo.ic[t(id)]!;
    expect(caseSpecificity(kb.hpo, [t('HP:0001250')])).toBeCloseTo(Math.log(4 / 3), 12);
    expect(caseSpecificity(kb.hpo, [t('HP:0001250'), t('HP:0000707'), t('HP:0020219'), t('HP:0000316')])).toBeCloseTo((ic('HP:0020219') + ic('HP:0000316') + ic('HP:0001250')) / 3, 12);
    expect(caseSpecificity(kb.hpo, [])).toBe(0);
  });
});
