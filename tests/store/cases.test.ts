import { describe, expect, it } from 'vitest';
import type { CaseDiagnosis } from '../../core/cases/types.js';
import { tempStore } from './helpers.js';

const KCNT1: CaseDiagnosis = { diseases: [{ id: 'OMIM:614959', label: 'DEE14' }], genes: ['KCNT1'], geneIds: {}, variants: [] };

describe('case repository', () => {
  it('creates a case with its phenotypes in one transaction, and audits it', () => {
    const { store } = tempStore('dr-a');
    const c = store.cases.create({ label: 'Patient 7', sex: 'FEMALE', ageYears: 3.5, onsetTerm: 'HP:0003593', notes: 'refractory' }, [
      { id: 'HP:0001250', label: 'Seizure', onsetYears: 0.5 },
      { id: 'HP:0000365', label: 'Hearing impairment', excluded: true },
      { id: 'HP:0001263', sourceText: 'global delay noted at 1y', span: [0, 12] },
    ]);
    expect(c).toMatchObject({ id: 1, label: 'Patient 7', status: 'unsolved', sex: 'FEMALE', ageYears: 3.5, onsetTerm: 'HP:0003593', notes: 'refractory', createdBy: 'dr-a', pmids: [] });
    const p = store.phenotypes.list(c.id);
    expect(p.map((x) => [x.id, x.excluded])).toEqual([['HP:0001250', false], ['HP:0000365', true], ['HP:0001263', false]]);
    expect(p[0]).toMatchObject({ label: 'Seizure', onsetYears: 0.5, addedBy: 'dr-a' });
    expect(p[2]).toMatchObject({ sourceText: 'global delay noted at 1y', span: [0, 12] });
    expect(store.audit.list({ caseId: c.id }).map((a) => a.action)).toEqual(['phenotypes.add', 'case.create']);
    const pc = store.cases.toPatientCase(c.id);
    expect(pc).toEqual({
      id: 'odyssey-case-1',
      label: 'Patient 7',
      sex: 'FEMALE',
      ageYears: 3.5,
      onsetTerm: 'HP:0003593',
      observed: [{ id: 'HP:0001250', label: 'Seizure', onsetYears: 0.5 }, { id: 'HP:0001263' }],
      excluded: [{ id: 'HP:0000365', label: 'Hearing impairment' }],
      pmids: [],
    });
    store.close();
  });

  it('rolls back the whole case when one of its rows is refused', () => {
    const { store } = tempStore();
    // A negative onset breaks a CHECK constraint on the third phenotype row.
    expect(() => store.cases.create({ label: 'half' }, [{ id: 'HP:0001250' }, { id: 'HP:0001263' }, { id: 'HP:0000252', onsetYears: -1 }])).toThrow(/CHECK constraint/);
    expect(store.db.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM phenotypes').pluck().get()).toBe(0);
    expect(store.db.prepare('SELECT count(*) FROM audit').pluck().get()).toBe(0);
    expect(() => store.cases.create({ label: 'bad id' }, [{ id: 'HP:12' }])).toThrow(/"HP:12" is not an HPO term id/);
    store.close();
  });

  it('updates fields with an audit entry of each change, and skips repeated phenotypes', () => {
    const { store } = tempStore();
    const c = store.cases.create({ label: 'P', ageYears: 2 }, [{ id: 'HP:0001250' }]);
    const u = store.cases.update(c.id, { label: 'P-renamed', ageYears: null, notes: 'seen again', status: 'closed' });
    expect(u).toMatchObject({ label: 'P-renamed', notes: 'seen again', status: 'closed' });
    expect(u.ageYears).toBeUndefined();
    expect(store.audit.list({ caseId: c.id })[0]).toMatchObject({
      action: 'case.update',
      details: { label: { from: 'P', to: 'P-renamed' }, ageYears: { from: 2, to: null }, notes: { from: '', to: 'seen again' }, status: { from: 'unsolved', to: 'closed' } },
    });
    expect(store.phenotypes.add(c.id, [{ id: 'HP:0001250' }, { id: 'HP:0000252' }, { id: 'HP:0000252' }]).map((x) => x.id)).toEqual(['HP:0000252']);
    expect(store.phenotypes.remove(c.id, ['HP:0001250']).map((x) => x.id)).toEqual(['HP:0001250']);
    expect(store.phenotypes.list(c.id).map((x) => x.id)).toEqual(['HP:0000252']);
    expect(store.audit.list({ caseId: c.id })[0]).toMatchObject({ action: 'phenotypes.remove', details: { removed: [{ id: 'HP:0001250' }] } });
    expect(() => store.cases.update(c.id, { label: ' ' })).toThrow(/cannot be empty/);
    expect(() => store.cases.update(99, { notes: 'x' })).toThrow(/There is no case 99/);
    store.close();
  });

  it('solves a case with its diagnosis and refuses a solved case without one', () => {
    const { store } = tempStore();
    const c = store.cases.create({ label: 'P' });
    expect(() => store.cases.solve(c.id, { diseases: [], genes: [], geneIds: {}, variants: [] })).toThrow(/needs a diagnosis/);
    expect(() => store.cases.create({ label: 'Q', status: 'solved' })).toThrow(/needs its final diagnosis/);
    const s = store.cases.solve(c.id, KCNT1);
    expect(s).toMatchObject({ status: 'solved', diagnosis: KCNT1 });
    expect(store.list({ gene: 'kcnt1' }).items.map((x) => x.causalGene)).toEqual(['KCNT1']);
    expect(store.audit.list({ caseId: c.id })[0]).toMatchObject({ action: 'case.solve', details: { from: { status: 'unsolved', diagnosis: null }, to: { status: 'solved' } } });
    store.close();
  });

  it('deletes a case with everything attached, keeping its details in the audit log', () => {
    const { store } = tempStore();
    const c = store.cases.create({ label: 'to delete' }, [{ id: 'HP:0001250' }]);
    store.geneSets.add(c.id, { genes: ['KCNT1', 'SCN1A'], warnings: [], source: { kind: 'list', inputCount: 2 } });
    store.cases.delete(c.id);
    expect(store.cases.get(c.id)).toBeUndefined();
    for (const t of ['phenotypes', 'gene_sets', 'analyses']) expect(store.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get()).toBe(0);
    const entry = store.audit.list({ caseId: c.id })[0]!;
    expect(entry).toMatchObject({ action: 'case.delete', details: { case: { label: 'to delete' }, phenotypes: [{ id: 'HP:0001250' }], analysesDeleted: 0 } });
    store.close();
  });

  it('lists a page at a time and filters by status, text, HPO term and date', async () => {
    const { store } = tempStore();
    store.transaction(() => {
      for (let i = 1; i <= 25; i++) {
        store.cases.create({ label: `Case ${i}`, notes: i % 5 === 0 ? 'café-au-lait spots' : '' }, [{ id: i % 2 ? 'HP:0001250' : 'HP:0000252' }]);
      }
    });
    // Times have millisecond resolution; the solve must come later than the last creation.
    await new Promise((r) => setTimeout(r, 5));
    store.cases.solve(3, KCNT1);
    const first = store.list({ pageSize: 10 });
    expect(first.total).toBe(25);
    expect(first.items).toHaveLength(10);
    // Newest change first: case 3 was just solved.
    expect(first.items[0]?.label).toBe('Case 3');
    expect(store.list({ pageSize: 10, page: 3 }).items).toHaveLength(5);
    expect(store.list({ status: 'solved' }).items.map((x) => x.id)).toEqual([3]);
    expect(store.list({ text: 'CAFÉ-au' }).total).toBe(0); // LIKE folds ASCII case only
    expect(store.list({ text: 'café-au lait' }).items.map((x) => x.id).sort((a, b) => a - b)).toEqual([5, 10, 15, 20, 25]);
    expect(store.list({ text: '100%' }).total).toBe(0);
    expect(store.list({ text: 'OMIM:614959' }).items.map((x) => x.id)).toEqual([3]);
    expect(store.list({ hpo: 'HP:0000252' }).total).toBe(12);
    const today = new Date().toISOString().slice(0, 10);
    expect(store.list({ since: today, until: today }).total).toBe(25);
    expect(store.list({ until: '2000-01-01' }).total).toBe(0);
    expect(store.list({ status: 'unsolved', hpo: 'HP:0001250', pageSize: 5 }).total).toBe(12);
    expect(() => store.list({ since: 'last week' })).toThrow(/--since must be a date/);
    expect(() => store.list({ pageSize: 10_000 })).toThrow(/page size must be a whole number from 1 to 500/);
    store.close();
  });
});
