import { describe, expect, it } from 'vitest';
import { OdysseyError } from '../../core/errors.js';
import {
  looksLikePhenopacket,
  parsePhenopacket,
  toPhenopacket,
} from '../../core/cases/phenopacket.js';
import type { PatientCase } from '../../core/cases/types.js';
import { VALID_FIXTURES, readFixture, roundNumbers } from './fixtures.js';

const META = {
  created: '2026-01-01T00:00:00Z',
  createdBy: 'odyssey-tests',
  hpoVersion: '2026-02-16',
};

function parseError(json: unknown, source?: string): OdysseyError {
  try {
    parsePhenopacket(json, source);
  } catch (e) {
    if (e instanceof OdysseyError) return e;
    throw e;
  }
  throw new Error('expected parsePhenopacket to throw');
}

describe('parsePhenopacket: schema versions and fields', () => {
  it('reads a full 2.0.2 phenopacket', () => {
    const c = parsePhenopacket(readFixture('v2.0.2-full.json'), 'v2.0.2-full.json');
    expect(c).toEqual({
      id: 'odyssey-fixture-kcnt1-1',
      label: 'Proband 1',
      sex: 'FEMALE',
      vitalStatus: 'ALIVE',
      ageYears: 2 + 3 / 12 + 10 / 365.25,
      onsetYears: 10 / 365.25,
      observed: [
        { id: 'HP:0001250', label: 'Seizure', onsetYears: 21 / 365.25 },
        { id: 'HP:0001263', label: 'Global developmental delay' },
        { id: 'HP:0000252', label: 'Microcephaly', onsetTerm: 'HP:0003593' },
      ],
      excluded: [{ id: 'HP:0001344', label: 'Absent speech' }],
      diagnosis: {
        diseases: [{ id: 'OMIM:614959', label: 'Developmental and epileptic encephalopathy 14' }],
        genes: ['KCNT1'],
        geneIds: { KCNT1: 'HGNC:18865' },
        variants: [
          {
            // The spdi expression is not HGVS and is left out.
            hgvs: ['NM_020822.3:c.1283G>A', 'NP_065873.2:p.(Arg428Gln)'],
            vcf: { chrom: 'chr9', pos: 135765706, ref: 'G', alt: 'A', assembly: 'hg38' },
            gene: 'KCNT1',
            geneId: 'HGNC:18865',
            allelicState: { id: 'GENO:0000135', label: 'heterozygous' },
          },
        ],
      },
      pmids: ['PMID:23086397'],
      schemaVersion: '2.0.2',
      source: 'v2.0.2-full.json',
    } satisfies PatientCase);
  });

  it('reads a "2.0" phenopacket with a gene-only interpretation, skipping rejected and unsolved ones', () => {
    const c = parsePhenopacket(readFixture('v2.0-gene-only.json'));
    expect(c.schemaVersion).toBe('2.0');
    expect(c.label).toBeUndefined(); // subject.id repeats the case id
    expect(c.ageTerm).toBe('HP:0011463');
    expect(c.onsetTerm).toBe('HP:0003577');
    expect(c.observed).toEqual([
      { id: 'HP:0001249', label: 'Intellectual disability', onsetTerm: 'HP:0011463' },
      { id: 'HP:0000750' },
    ]);
    expect(c.diagnosis).toEqual({
      diseases: [{ id: 'OMIM:148050', label: 'KBG syndrome' }],
      genes: ['ANKRD11'],
      geneIds: { ANKRD11: 'HGNC:21316' },
      variants: [],
    });
    expect(c.pmids).toEqual(['PMID:12345']);
  });

  it('reads a "2" phenopacket with a string VCF position and gestational ages', () => {
    const c = parsePhenopacket(readFixture('v2-string-pos.json'));
    expect(c.schemaVersion).toBe('2');
    expect(c.sex).toBe('UNKNOWN_SEX');
    expect(c.vitalStatus).toBe('DECEASED');
    expect(c.ageYears).toBeUndefined();
    expect(c.ageTerm).toBe('HP:0034198'); // 22+3 weeks: second trimester
    expect(c.onsetTerm).toBe('HP:0011460'); // 9 weeks: embryonal
    expect(c.observed.map((f) => f.onsetTerm)).toEqual(['HP:0034198', 'HP:0034199']);
    expect(c.diagnosis?.variants[0]?.vcf?.pos).toBe(42700000);
    expect(c.diagnosis?.variants[0]?.allelicState).toEqual({
      id: 'GENO:0000136',
      label: 'homozygous',
    });
  });

  it('reads a phenopacket without a schema version', () => {
    const c = parsePhenopacket(readFixture('no-version.json'));
    expect(c.schemaVersion).toBeUndefined();
    expect(c.diagnosis).toBeUndefined();
    expect(c.observed).toEqual([{ id: 'HP:0004322', label: 'Short stature' }]);
    expect(c.pmids).toEqual([]);
  });

  it.each(['2.0.2', '2.0.1', '2.0', '2'])('accepts schema version %s', (version) => {
    const json = readFixture('no-version.json') as { metaData: Record<string, unknown> };
    json.metaData.phenopacketSchemaVersion = version;
    expect(parsePhenopacket(json).schemaVersion).toBe(version);
  });

  it('reads a chromosomal deletion that names no gene', () => {
    const c = parsePhenopacket(readFixture('chromosomal-deletion.json'));
    expect(c.diagnosis?.genes).toEqual([]);
    expect(c.diagnosis?.diseases.map((d) => d.id)).toEqual(['OMIM:615502']);
    expect(c.diagnosis?.variants).toEqual([
      {
        label: '1.5 Mb deletion at 16q22.1',
        structuralType: { id: 'SO:1000029', label: 'chromosomal_deletion' },
        allelicState: { id: 'GENO:0000135', label: 'heterozygous' },
      },
    ]);
  });

  it('separates excluded terms from observed ones', () => {
    const c = parsePhenopacket(readFixture('excluded-terms.json'));
    expect(c.sex).toBe('OTHER_SEX');
    expect(c.observed.map((f) => f.id)).toEqual(['HP:0001290']);
    expect(c.excluded).toEqual([
      { id: 'HP:0001250', label: 'Seizure' },
      { id: 'HP:0000252', label: 'Microcephaly', onsetYears: 1.5 },
      { id: 'HP:0002119', label: 'Ventriculomegaly' },
    ]);
  });
});

describe('parsePhenopacket: errors', () => {
  it('names the file and field of a value of the wrong type', () => {
    const e = parseError(readFixture('malformed-wrong-type.json'), 'cases/wrong-type.json');
    expect(e.code).toBe('case-invalid');
    expect(e.message).toContain('cases/wrong-type.json');
    expect(e.message).toContain('phenotypicFeatures[1].excluded');
    expect(e.message).toMatch(/expected boolean/);
    expect(e.hint).toContain('phenotypicFeatures[1].excluded');
  });

  it('names the field of a malformed HPO id and says what one looks like', () => {
    const e = parseError(readFixture('malformed-bad-hpo-id.json'), 'bad-hpo.json');
    expect(e.code).toBe('case-invalid');
    expect(e.message).toContain('bad-hpo.json: field phenotypicFeatures[3].type.id');
    expect(e.message).toContain('"HP:25011"');
    expect(e.hint).toMatch(/seven digits/);
  });

  it('rejects a v1 phenopacket by its v1 fields', () => {
    const e = parseError(readFixture('malformed-v1.json'), 'v1.json');
    expect(e.code).toBe('case-v1');
    expect(e.message).toContain('v1.json');
    expect(e.hint).toMatch(/convert/i);
  });

  it('rejects a v1 schema version even without v1-only fields', () => {
    const json = readFixture('no-version.json') as { metaData: Record<string, unknown> };
    json.metaData.phenopacketSchemaVersion = '1.0.0';
    expect(parseError(json).code).toBe('case-v1');
  });

  it('rejects a pre-1.0 document that lists "phenotypes"', () => {
    const e = parseError({ id: 'old', phenotypes: [{ type: { id: 'HP:0001250' } }] });
    expect(e.code).toBe('case-v1');
    expect(e.message).toContain('phenotypes');
  });

  it('rejects an unknown schema version', () => {
    const json = readFixture('no-version.json') as { metaData: Record<string, unknown> };
    json.metaData.phenopacketSchemaVersion = '3.0';
    const e = parseError(json, 'future.json');
    expect(e.code).toBe('case-unsupported-version');
    expect(e.message).toContain('"3.0"');
  });

  it('rejects malformed ISO 8601 ages with the field path', () => {
    const json = readFixture('no-version.json') as { subject: Record<string, unknown> };
    json.subject.timeAtLastEncounter = { age: { iso8601duration: '3 years' } };
    const e = parseError(json, 'age.json');
    expect(e.message).toContain('field subject.timeAtLastEncounter.age.iso8601duration');
    expect(e.hint).toContain('P1Y6M');
  });

  it('rejects unknown enum values and bad VCF positions', () => {
    const sex = readFixture('no-version.json') as { subject: Record<string, unknown> };
    sex.subject.sex = 'F';
    expect(parseError(sex).message).toContain('field subject.sex');
    const pos = readFixture('v2-string-pos.json') as Record<string, unknown>;
    const text = JSON.stringify(pos).replace('"pos":"42700000"', '"pos":"chr17:42700000"');
    expect(parseError(JSON.parse(text)).message).toContain('variationDescriptor.vcfRecord.pos');
  });

  it('counts further problems after the first', () => {
    const e = parseError({
      id: 'x',
      phenotypicFeatures: [{ type: { id: 'HP:1' } }, { type: { id: 'HP:2' } }],
    });
    expect(e.message).toContain('phenotypicFeatures[0].type.id');
    expect(e.message).toContain('and 1 more problem');
  });

  it('rejects documents that are not objects, or have no id at all', () => {
    expect(parseError([1, 2], 'list.json').message).toContain(
      'list.json: expected a phenopacket JSON object, got an array',
    );
    expect(parseError(null).message).toContain('got null');
    const e = parseError({ phenotypicFeatures: [] }, 'anon.json');
    expect(e.message).toContain('anon.json: field id');
  });

  it('falls back to subject.id when the phenopacket has no id', () => {
    expect(parsePhenopacket({ subject: { id: 'Patient 7' }, phenotypicFeatures: [] }).id).toBe(
      'Patient 7',
    );
  });
});

describe('looksLikePhenopacket', () => {
  it('tells phenopackets from other JSON', () => {
    expect(looksLikePhenopacket(readFixture('v2.0.2-full.json'))).toBe(true);
    expect(looksLikePhenopacket({ subject: {}, metaData: {} })).toBe(true);
    expect(looksLikePhenopacket({ phenotypes: [] })).toBe(true);
    expect(looksLikePhenopacket(readFixture('nested/manifest.json'))).toBe(false);
    expect(looksLikePhenopacket({ subject: {} })).toBe(false);
    expect(looksLikePhenopacket([])).toBe(false);
    expect(looksLikePhenopacket('phenotypicFeatures')).toBe(false);
  });
});

describe('toPhenopacket', () => {
  const withoutProvenance = (c: PatientCase): PatientCase => {
    const { schemaVersion: _v, source: _s, ...rest } = c;
    return roundNumbers(rest);
  };

  it.each(VALID_FIXTURES)('round-trips %s', (name) => {
    const c = parsePhenopacket(readFixture(name), name);
    const written = JSON.parse(JSON.stringify(toPhenopacket(c, META))) as unknown;
    const back = parsePhenopacket(written, name);
    expect(back.schemaVersion).toBe('2.0.2');
    expect(withoutProvenance(back)).toEqual(withoutProvenance(c));
  });

  it('writes v2.0.2 metadata with the HPO version and the ontologies the case uses', () => {
    const c = parsePhenopacket(readFixture('v2.0.2-full.json'));
    const out = toPhenopacket(c, META) as {
      metaData: {
        phenopacketSchemaVersion: string;
        created: string;
        createdBy: string;
        resources: { id: string; version?: string }[];
        externalReferences: unknown[];
      };
    };
    expect(out.metaData.phenopacketSchemaVersion).toBe('2.0.2');
    expect(out.metaData.created).toBe(META.created);
    expect(out.metaData.createdBy).toBe(META.createdBy);
    expect(out.metaData.resources.find((r) => r.id === 'hp')?.version).toBe('2026-02-16');
    expect(out.metaData.resources.map((r) => r.id).sort()).toEqual(['geno', 'hgnc', 'hp', 'omim']);
    expect(out.metaData.externalReferences).toEqual([
      { id: 'PMID:23086397', reference: 'https://pubmed.ncbi.nlm.nih.gov/23086397' },
    ]);
  });

  it('labels onset classes and writes ages as ISO 8601 durations', () => {
    const c = parsePhenopacket(readFixture('v2.0.2-full.json'));
    const out = JSON.stringify(toPhenopacket(c, META));
    expect(out).toContain('{"ontologyClass":{"id":"HP:0003593","label":"Infantile onset"}}');
    expect(out).toContain('"iso8601duration":"P2Y3M10D"');
    expect(out).toContain('"iso8601duration":"P21D"');
  });

  it('round-trips a hand-built case with a dual diagnosis and a gene without a variant', () => {
    const c: PatientCase = {
      id: 'built-1',
      sex: 'MALE',
      ageYears: 4,
      onsetYears: 0.5,
      observed: [{ id: 'HP:0001250', label: 'Seizure', onsetYears: 0.5 }],
      excluded: [{ id: 'HP:0000252' }],
      diagnosis: {
        diseases: [{ id: 'OMIM:614959', label: 'DEE 14' }, { id: 'ORPHA:558' }],
        genes: ['KCNT1', 'FBN1'],
        geneIds: { KCNT1: 'HGNC:18865' },
        variants: [{ hgvs: ['NM_020822.3:c.1283G>A'], gene: 'KCNT1', geneId: 'HGNC:18865' }],
      },
      pmids: [],
    };
    const back = parsePhenopacket(JSON.parse(JSON.stringify(toPhenopacket(c, META))) as unknown);
    expect(withoutProvenance(back)).toEqual(c);
  });
});
