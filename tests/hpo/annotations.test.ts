import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPhenotypeHpoa, phenotypeSetsByDisease } from '../../core/hpo/annotations.js';
import { parseFrequency } from '../../core/hpo/frequency.js';
import type { Ontology } from '../../core/hpo/ontology.js';
import { fixture, miniHpo, tempDir } from '../helpers.js';

let o: Ontology;
beforeAll(async () => {
  o = (await miniHpo()).ontology;
});

describe('readPhenotypeHpoa', () => {
  it('reads rows with version, negation, frequency, sex and aspect', async () => {
    const f = await readPhenotypeHpoa(fixture('hpo', 'mini.hpoa'), o);
    expect(f.version).toBe('2099-01-01');
    expect(f.annotations).toHaveLength(8);
    const first = f.annotations[0]!;
    expect(first).toMatchObject({ diseaseId: 'OMIM:100001', diseaseName: 'Disease one', negated: false, hpoId: 'HP:0001250', frequency: 0.75, aspect: 'P', references: ['PMID:1'] });
    expect(f.annotations.find((a) => a.negated)).toMatchObject({ diseaseId: 'OMIM:100004', hpoId: 'HP:0001252' });
    expect(f.annotations.find((a) => a.aspect === 'I')?.hpoId).toBe('HP:0000007');
    expect(f.annotations.find((a) => a.diseaseId === 'ORPHA:3')).toMatchObject({ sex: 'FEMALE' });
  });

  it('resolves alt ids against the newer ontology and keeps the original id', async () => {
    const f = await readPhenotypeHpoa(fixture('hpo', 'mini.hpoa'), o);
    const a = f.annotations.find((x) => x.diseaseId === 'ORPHA:3')!;
    expect(a.hpoId).toBe('HP:0000316');
    expect(a.originalHpoId).toBe('HP:0002001');
  });

  it('counts ids it cannot map instead of dropping them silently', async () => {
    const f = await readPhenotypeHpoa(fixture('hpo', 'mini.hpoa'), o);
    expect(Array.from(f.unresolved)).toEqual([['HP:7777777', 1]]);
  });

  it('builds phenotype sets without NOT rows or inheritance terms', async () => {
    const f = await readPhenotypeHpoa(fixture('hpo', 'mini.hpoa'), o);
    const sets = phenotypeSetsByDisease(f.annotations);
    expect(sets.get('OMIM:100001')).toEqual(['HP:0001250', 'HP:0001252']);
    expect(sets.get('OMIM:100004')).toEqual(['HP:0020219']);
  });

  it('rejects a file with the wrong header or no rows', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.hpoa'), 'a\tb\tc\n1\t2\t3\n');
    await expect(readPhenotypeHpoa(join(dir, 'bad.hpoa'), o)).rejects.toMatchObject({ code: 'hpoa-malformed' });
    writeFileSync(join(dir, 'empty.hpoa'), '#version: 1\n');
    await expect(readPhenotypeHpoa(join(dir, 'empty.hpoa'), o)).rejects.toMatchObject({ code: 'hpoa-empty' });
  });
});

describe('parseFrequency', () => {
  it('reads ratios, percentages and HPO frequency classes', () => {
    expect(parseFrequency('3/4')).toBe(0.75);
    expect(parseFrequency('45%')).toBeCloseTo(0.45);
    expect(parseFrequency('HP:0040281')).toBeCloseTo(0.895);
    expect(parseFrequency('HP:0040285')).toBe(0);
  });
  it('keeps "not stated" apart from zero', () => {
    expect(parseFrequency('')).toBeUndefined();
    expect(parseFrequency(undefined)).toBeUndefined();
    expect(parseFrequency('0/0')).toBeUndefined();
    expect(parseFrequency('often')).toBeUndefined();
  });
});
