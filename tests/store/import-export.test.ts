import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parsePhenopacket } from '../../core/cases/phenopacket.js';
import { readCases } from '../../core/cases/sources.js';
import type { PatientCase } from '../../core/cases/types.js';
import { caseListCsv } from '../../core/store/csv.js';
import { casePhenopacket, exportCases } from '../../core/store/export.js';
import { caseContentHash, importCases } from '../../core/store/import.js';
import { fixture, tempDir } from '../helpers.js';
import { archiveSlice } from './archive-slice.js';
import { tempStore } from './helpers.js';

const withoutProvenance = ({ source: _s, schemaVersion: _v, ...c }: PatientCase): PatientCase => c;

describe('phenopacket import', () => {
  it('imports a folder, reports each malformed file by name and field, and imports the rest', async () => {
    const { store } = tempStore();
    const r = await importCases(store, fixture('cases'));
    const failed = Object.fromEntries(r.failed.map((f) => [f.source.split('/').pop(), f.error.message]));
    expect(Object.keys(failed).sort()).toEqual(['malformed-bad-hpo-id.json', 'malformed-bad-json.json', 'malformed-v1.json', 'malformed-wrong-type.json']);
    expect(failed['malformed-bad-hpo-id.json']).toMatch(/malformed-bad-hpo-id\.json: field phenotypicFeatures\[3\]\.type\.id/);
    expect(failed['malformed-wrong-type.json']).toMatch(/malformed-wrong-type\.json: field phenotypicFeatures\[1\]\.excluded/);
    expect(r.failed.every((f) => f.error.hint)).toBe(true);
    expect(r.imported.length).toBeGreaterThan(3);
    expect(store.list().total).toBe(r.imported.length);

    // Importing again adds nothing; the failures are reported again.
    const again = await importCases(store, fixture('cases'));
    expect(again.imported).toEqual([]);
    expect(again.skipped.map((s) => s.caseId).sort((a, b) => a - b)).toEqual(r.imported.map((s) => s.caseId).sort((a, b) => a - b));
    expect(again.failed).toHaveLength(4);
    expect(store.list().total).toBe(r.imported.length);
    store.close();
  });

  it('keys on phenopacket id and content: the same case from another file is skipped, a changed one is kept as a new case', async () => {
    const { store } = tempStore();
    const src = fixture('cases', 'v2.0.2-full.json');
    const first = await importCases(store, src);
    expect(first.imported).toHaveLength(1);
    // Reformatted, keys reordered, different file name: the same case.
    const dir = tempDir();
    const json = JSON.parse(readFileSync(src, 'utf8')) as Record<string, unknown>;
    const reordered = Object.fromEntries(Object.entries(json).reverse());
    writeFileSync(join(dir, 'renamed.json'), JSON.stringify(reordered));
    expect((await importCases(store, join(dir, 'renamed.json'))).skipped).toHaveLength(1);
    // Same id, one more finding: a new version of the record.
    const features = json.phenotypicFeatures as object[];
    writeFileSync(join(dir, 'changed.json'), JSON.stringify({ ...json, phenotypicFeatures: [...features, { type: { id: 'HP:0000252', label: 'Microcephaly' } }] }));
    const changed = await importCases(store, join(dir, 'changed.json'));
    expect(changed.imported).toHaveLength(1);
    expect(changed.warnings[0]).toMatch(/was imported before as case 1 with different content; imported again as case 2/);
    expect(store.list().total).toBe(2);
    store.close();
  });

  it('imports real Phenopacket Store cases faithfully, solved with their diagnosis', async () => {
    const slice = await archiveSlice(30);
    const { store } = tempStore();
    const r = await importCases(store, slice);
    expect(r.failed).toEqual([]);
    expect(r.imported).toHaveLength(30);
    const parsed: PatientCase[] = [];
    for await (const item of readCases(slice)) if (item.case) parsed.push(item.case);
    for (const [i, want] of parsed.entries()) {
      const id = r.imported[i]!.caseId;
      const got = store.cases.toPatientCase(id);
      expect(got).toEqual(withoutProvenance(want));
      expect(store.cases.get(id)).toMatchObject({ status: 'solved', externalId: want.id, contentHash: caseContentHash(want) });
    }
    expect(store.list({ status: 'solved' }).total).toBe(30);
    const unsolved = tempStore().store;
    await importCases(unsolved, slice, { asUnsolved: true });
    expect(unsolved.list({ status: 'unsolved' }).total).toBe(30);
    expect(unsolved.cases.get(1)?.diagnosis).toBeDefined();
    unsolved.close();
    store.close();
  });
});

describe('phenopacket export', () => {
  it('round-trips cases through a .json file, a JSONL bundle, a .tar.gz bundle and a folder', async () => {
    const slice = await archiveSlice(12);
    const { store } = tempStore();
    await importCases(store, slice);
    const made = store.cases.create({ label: 'Local 1', sex: 'MALE', ageYears: 4.5 }, [{ id: 'HP:0001250', label: 'Seizure' }, { id: 'HP:0000365', excluded: true }]);
    const ids = store.list({ pageSize: 100 }).items.map((c) => c.id).sort((a, b) => a - b);
    const out = tempDir();

    const one = join(out, 'one.json');
    await exportCases(store, [made.id], one);
    const back = parsePhenopacket(JSON.parse(readFileSync(one, 'utf8')), one);
    expect(withoutProvenance(back)).toEqual(store.cases.toPatientCase(made.id));
    await expect(exportCases(store, [made.id], one)).rejects.toThrow(/already exists/);
    await expect(exportCases(store, ids, join(out, 'many.json'))).rejects.toThrow(/A \.json file holds one case; 13 were selected/);

    for (const name of ['all.jsonl', 'all.tar.gz', 'folder/']) {
      const target = join(out, name);
      expect((await exportCases(store, ids, target)).count).toBe(13);
      // Into an empty store: the same cases, with the same import keys.
      const fresh = tempStore().store;
      const r = await importCases(fresh, target);
      expect(r.failed).toEqual([]);
      expect(r.imported).toHaveLength(13);
      const original = new Map(ids.map((id) => [store.cases.toPatientCase(id).id, store.cases.toPatientCase(id)]));
      for (const { caseId } of r.imported) {
        const got = fresh.cases.toPatientCase(caseId);
        expect(got).toEqual(original.get(got.id));
      }
      fresh.close();
      // Into the store they came from: the imported ones are recognised, so only the local case is new.
      const same = await importCases(store, target);
      expect(same.skipped).toHaveLength(12);
      expect(same.imported).toHaveLength(1);
      store.cases.delete(same.imported[0]!.caseId);
    }
    expect(readdirSync(join(out, 'folder'))).toHaveLength(13);
    expect(casePhenopacket(store, made.id)).toMatchObject({ id: `odyssey-case-${made.id}`, subject: { id: 'Local 1', sex: 'MALE' }, metaData: { phenopacketSchemaVersion: '2.0.2' } });
    store.close();
  });

  it('writes the case list as CSV, quoting what needs it and defusing spreadsheet formulas', () => {
    const { store } = tempStore();
    store.cases.create({ label: 'Smith, "J"', sex: 'FEMALE', ageYears: 2 }, [{ id: 'HP:0001250' }]);
    store.cases.create({ label: '=HYPERLINK("x")' });
    const csv = caseListCsv(store.list().items);
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.id, r.label, r.sex, r.observed])).toEqual([
      ['2', `'=HYPERLINK("x")`, '', '0'],
      ['1', 'Smith, "J"', 'FEMALE', '1'],
    ]);
    expect(csv.split('\n')[0]).toBe('id,label,status,sex,age_years,observed,excluded,causal_gene,diagnosis_id,diagnosis,phenopacket_id,top_gene,last_analysis,created,updated');
    store.close();
  });
});

