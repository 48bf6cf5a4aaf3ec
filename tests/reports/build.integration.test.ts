import { describe, expect, it } from 'vitest';
import { organSystemName } from '../../core/reports/build.js';
import { REPORT_SCHEMA_VERSION, type ReportPhenotype } from '../../core/reports/types.js';
import { GENERATED_AT, ANALYSED_AT, fixtureReport, readCase, reportFor } from './fixtures.js';

const all = (groups: { observed: ReportPhenotype[]; excluded: ReportPhenotype[] }[], side: 'observed' | 'excluded'): ReportPhenotype[] =>
  groups.flatMap((g) => g[side]);

describe('organSystemName', () => {
  it('shortens the HPO organ-system names the way a clinician would head a table', () => {
    expect(organSystemName('Abnormality of the nervous system')).toBe('Nervous system');
    expect(organSystemName('Abnormality of limbs')).toBe('Limbs');
    expect(organSystemName('Abnormality of blood and blood-forming tissues')).toBe('Blood and blood-forming tissues');
    expect(organSystemName('Growth abnormality')).toBe('Growth abnormality');
  });
});

describe('buildReportInput (real HPO release)', () => {
  it('names every finding and groups it under one organ system, busiest system first', async () => {
    const input = await fixtureReport();
    const c = input.case;
    expect(input.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(input.generatedAt).toBe(GENERATED_AT);
    expect(input.analysis.at).toBe(ANALYSED_AT);
    expect(c).toMatchObject({ id: 'odyssey-report-kcnt1', label: 'Pseudonym <b>Amber</b> & "Co"', sex: 'FEMALE', observedCount: 10, excludedCount: 4 });
    expect(c.ageYears).toBeCloseTo(2 + 4 / 12, 6);

    const groups = c.phenotypeGroups;
    expect(groups[0]!.name).toBe('Nervous system');
    expect(groups[0]!.categoryId).toBe('HP:0000707');
    // Systems with observed findings come before systems with only excluded ones.
    const firstExcludedOnly = groups.findIndex((g) => g.observed.length === 0);
    expect(groups.slice(firstExcludedOnly).every((g) => g.observed.length === 0)).toBe(true);

    const observed = all(groups, 'observed');
    const excluded = all(groups, 'excluded');
    expect(observed).toHaveLength(10);
    expect(excluded).toHaveLength(4);
    expect(new Set(observed.map((p) => p.id)).size).toBe(10); // each finding listed once
    for (const p of [...observed, ...excluded]) {
      expect(p.id).toMatch(/^HP:\d{7}$/);
      expect(p.name).not.toBe('');
      expect(p.known).toBe(true);
    }
    // Alt and obsolete ids are shown as the current term, with the id as recorded.
    expect(observed.find((p) => p.id === 'HP:0000252')).toMatchObject({ name: 'Microcephaly', givenId: 'HP:0001366' });
    expect(observed.find((p) => p.id === 'HP:0008936')).toMatchObject({ name: 'Axial hypotonia', givenId: 'HP:0009062' });
    expect(observed.find((p) => p.id === 'HP:0011153')).toMatchObject({ onsetYears: expect.closeTo(6 * 7 / 365.25, 6) });
    expect(observed.find((p) => p.id === 'HP:0200134')!.onsetTerm).toEqual({ id: 'HP:0003593', name: 'Infantile onset' });
    // Microcephaly sits in more than one system: listed once, with the others named.
    expect(observed.find((p) => p.id === 'HP:0000252')!.alsoIn.length).toBeGreaterThan(0);
    expect(groups.find((g) => g.name === 'Ear')!.excluded.map((p) => p.id)).toEqual(['HP:0000365']);
  });

  it('carries the ranking, versions and warnings, and caps the evidence section at the genes listed', async () => {
    const input = await fixtureReport();
    expect(input.ranking.genes).toHaveLength(20);
    expect(input.ranking.genes[0]!.symbol).toBe('KCNT1');
    expect(input.evidenceGenes).toBe(10);
    expect(input.analysis).toMatchObject({ durationMs: 42, ranker: { name: 'knowledge' }, versions: { hpo: '2026-02-16', hpoAnnotations: '2025-05-06' } });
    expect(input.analysis.id).toBeUndefined();
    expect(input.analysis.warnings).toEqual(
      expect.arrayContaining([expect.stringMatching(/HP:0001366 is an alternative id/), expect.stringMatching(/HP:0009062 is obsolete/)]),
    );
    const small = await reportFor(await readCase(), { evidenceGenes: 10 }, 3);
    expect(small.evidenceGenes).toBe(3);
  });

  it('puts unknown ids and terms outside the organ systems in their own groups, after the systems', async () => {
    const c = await readCase();
    c.observed.push({ id: 'HP:9999999', label: 'Something from an old release' }, { id: 'HP:0003593', label: 'Infantile onset' });
    c.excluded.push({ id: 'HP:0011153' }); // also observed: the ranker treats it as observed, so does the report
    const input = await reportFor(c, { notes: 'seen in clinic', status: 'unsolved' });
    const groups = input.case.phenotypeGroups;
    expect(groups.at(-2)).toMatchObject({ name: 'Other findings', observed: [{ id: 'HP:0003593', name: 'Infantile onset', known: true }] });
    expect(groups.at(-1)).toMatchObject({
      name: 'Not in HPO release 2026-02-16',
      observed: [{ id: 'HP:9999999', name: 'Something from an old release', known: false, givenId: 'HP:9999999' }],
    });
    expect(input.case.excludedCount).toBe(4);
    expect(input.case).toMatchObject({ notes: 'seen in clinic', status: 'unsolved' });
  });
});
