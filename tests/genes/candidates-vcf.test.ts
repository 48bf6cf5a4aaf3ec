import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { candidatesFromVcf } from '../../core/genes/candidates-vcf.js';
import { sha256File } from '../../core/genes/file-source.js';
import { caught, fixture, miniIdentity } from './fixtures.js';

const tmp = mkdtempSync(join(tmpdir(), 'odyssey-vcf-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const write = (name: string, content: string | Buffer): string => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};

/** bgzip output is a series of independent gzip members; two are enough to prove we read past the first. */
function bgzipLike(text: string): Buffer {
  const cut = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
  return Buffer.concat([gzipSync(text.slice(0, cut)), gzipSync(text.slice(cut))]);
}

const HEADER = '##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n';

describe('candidatesFromVcf: VEP CSQ', () => {
  it('takes SYMBOL from the position the CSQ header gives, preferring HGNC_ID when known', async () => {
    const path = fixture('csq.vcf');
    const set = await candidatesFromVcf(await miniIdentity(), path);
    // MLL is a previous symbol of KMT2A; "TTNX" is unknown but its HGNC_ID is TTN's; MYH7 failed FILTER.
    expect(set.genes).toEqual(['TP53', 'BRCA1', 'KMT2A', 'TTN']);
    expect(set.warnings).toEqual([
      `${path}: 1 of 7 variant record(s) did not pass FILTER and were left out; include filtered records to use their genes`,
      'Unknown gene symbol "FOO1" — not an HGNC approved, previous or alias symbol; check the spelling',
    ]);
    expect(set.source).toEqual({
      kind: 'vcf',
      path,
      sha256: await sha256File(path),
      inputCount: 5,
      vcf: { records: 7, filteredOut: 1, annotations: ['CSQ'] },
    });
  });

  it('keeps filtered records when asked', async () => {
    const set = await candidatesFromVcf(await miniIdentity(), fixture('csq.vcf'), {
      includeFiltered: true,
    });
    expect(set.genes).toEqual(['TP53', 'BRCA1', 'MYH7', 'KMT2A', 'TTN']);
    expect(set.source.vcf?.filteredOut).toBe(0);
    expect(set.warnings).toHaveLength(1);
  });

  it('reads a bgzipped VCF (several gzip members) like the plain one', async () => {
    const plain = await candidatesFromVcf(await miniIdentity(), fixture('csq.vcf'));
    const gzPath = write('csq.vcf.gz', bgzipLike(readFileSync(fixture('csq.vcf'), 'utf8')));
    const gz = await candidatesFromVcf(await miniIdentity(), gzPath);
    expect(gz.genes).toEqual(plain.genes);
    expect(gz.source.sha256).toBe(await sha256File(gzPath));
    expect(gz.source.sha256).not.toBe(plain.source.sha256);
  });

  it('explains that VEP must be run with --symbol when CSQ has no SYMBOL field', async () => {
    const e = await caught(async () =>
      candidatesFromVcf(await miniIdentity(), fixture('csq_no_symbol.vcf')),
    );
    expect(e).toMatchObject({ name: 'OdysseyError', code: 'vcf-csq-no-symbol' });
    expect(e.message).toMatch(/its CSQ Format has no SYMBOL field/);
    expect(e.hint).toMatch(/--symbol/);
  });

  it('rejects CSQ values whose header declaration is missing', async () => {
    const path = write(
      'csq-undeclared.vcf',
      `${HEADER}1\t100\t.\tA\tC\t50\tPASS\tCSQ=C|missense_variant|MODERATE|TP53\n`,
    );
    const e = await caught(async () => candidatesFromVcf(await miniIdentity(), path));
    expect(e).toMatchObject({ code: 'vcf-csq-no-symbol' });
    expect(e.message).toMatch(/records carry CSQ but the header does not declare it/);
  });
});

describe('candidatesFromVcf: SnpEff ANN', () => {
  it('takes Gene_Name, splitting fusions and ignoring intergenic regions', async () => {
    const set = await candidatesFromVcf(await miniIdentity(), fixture('ann.vcf'));
    expect(set.genes).toEqual(['SCN1A', 'FBN1', 'SMN1']);
    expect(set.warnings).toEqual([]);
    expect(set.source.vcf).toEqual({ records: 3, filteredOut: 0, annotations: ['ANN'] });
  });

  it('falls back to the 4th field when the ANN header does not list the fields', async () => {
    const path = write(
      'ann-bare.vcf',
      '##fileformat=VCFv4.2\n##INFO=<ID=ANN,Number=.,Type=String,Description="Functional annotations">\n' +
        '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t100\t.\tA\tC\t50\tPASS\tANN=C|missense_variant|MODERATE|DMD|ENSG00000198947\n',
    );
    expect((await candidatesFromVcf(await miniIdentity(), path)).genes).toEqual(['DMD']);
  });

  it('uses ANN when CSQ is unusable, saying so', async () => {
    const path = write(
      'csq-and-ann.vcf',
      '##fileformat=VCFv4.2\n##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Gene">\n' +
        '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n1\t100\t.\tA\tC\t50\tPASS\tCSQ=C|ENSG00000198947;ANN=C|missense_variant|MODERATE|DMD\n',
    );
    const set = await candidatesFromVcf(await miniIdentity(), path);
    expect(set.genes).toEqual(['DMD']);
    expect(set.warnings).toEqual([
      `${path}: CSQ annotation ignored because its CSQ Format has no SYMBOL field; genes were taken from ANN`,
    ]);
  });
});

describe('candidatesFromVcf: GENEINFO', () => {
  it('reads SYMBOL:ID pairs, preferring the NCBI id when known', async () => {
    const set = await candidatesFromVcf(await miniIdentity(), fixture('geneinfo.vcf'));
    // NEWSYM carries MYH7's NCBI id; MLL4 has no id and is an alias of two genes.
    expect(set.genes).toEqual(['BRCA2', 'KMT2D', 'KMT2B', 'MYH7']);
    expect(set.warnings).toEqual([
      'Ambiguous gene symbol "MLL4": could be KMT2B, KMT2D; use the approved symbol',
    ]);
    expect(set.source.vcf?.annotations).toEqual(['GENEINFO']);
  });

  it('notices GENEINFO in records even when the header does not declare it', async () => {
    const path = write(
      'geneinfo-undeclared.vcf',
      `${HEADER}1\t100\t.\tA\tC\t50\t.\tGENEINFO=CFTR:1080\n`,
    );
    const set = await candidatesFromVcf(await miniIdentity(), path);
    expect(set.genes).toEqual(['CFTR']);
    expect(set.source.vcf?.annotations).toEqual(['GENEINFO']);
  });
});

describe('candidatesFromVcf: errors', () => {
  it('explains how to annotate an unannotated VCF', async () => {
    const path = fixture('unannotated.vcf');
    const e = await caught(async () => candidatesFromVcf(await miniIdentity(), path));
    expect(e).toMatchObject({ name: 'OdysseyError', code: 'vcf-unannotated' });
    expect(e.message).toBe(
      `${path} has no gene annotation: neither its header nor its 2 record(s) carry a CSQ (VEP), ANN (SnpEff) or GENEINFO INFO field.`,
    );
    expect(e.hint).toMatch(/vep .*--symbol/);
    expect(e.hint).toMatch(/snpEff ann/);
    expect(e.hint).toMatch(/GENEINFO/);
  });

  it('rejects a file that is not a VCF, quoting its first line', async () => {
    const path = fixture('not_a_vcf.txt');
    const e = await caught(async () => candidatesFromVcf(await miniIdentity(), path));
    expect(e).toMatchObject({ code: 'vcf-invalid' });
    expect(e.message).toBe(
      `${path} is not a valid VCF: line 1 is "This is not a VCF file.", expected "##fileformat=VCFv4.x".`,
    );
    expect(e.hint).toMatch(/gene list or panel/);
  });

  it('rejects binary content without dumping it', async () => {
    const path = write('binary.vcf', Buffer.from([0x00, 0x01, 0xff, 0x42, 0x41, 0x4d, 0x01, 0x0a]));
    const e = await caught(async () => candidatesFromVcf(await miniIdentity(), path));
    expect(e).toMatchObject({ code: 'vcf-invalid' });
    expect(e.message).toMatch(/line 1 is "\?\?\?BAM\?"/);
  });

  it('rejects an empty VCF, one without #CHROM, and records before the header ends', async () => {
    const genes = await miniIdentity();
    const empty = await caught(() => candidatesFromVcf(genes, write('empty.vcf', '')));
    expect(empty.message).toMatch(/the file is empty/);
    const noChrom = await caught(() =>
      candidatesFromVcf(genes, write('nochrom.vcf', '##fileformat=VCFv4.2\n##source=x\n')),
    );
    expect(noChrom.message).toMatch(/no "#CHROM" header line/);
    const early = await caught(() =>
      candidatesFromVcf(
        genes,
        write('early.vcf', '##fileformat=VCFv4.2\n1\t100\t.\tA\tC\t.\t.\t.\n'),
      ),
    );
    expect(early.message).toMatch(/line 2 holds a record before the "#CHROM" header line/);
  });

  it('names the line of a malformed header or record', async () => {
    const genes = await miniIdentity();
    const badHeader = await caught(() =>
      candidatesFromVcf(genes, write('badheader.vcf', '##fileformat=VCFv4.2\n#CHROM\tPOS\n')),
    );
    expect(badHeader).toMatchObject({ code: 'vcf-invalid' });
    expect(badHeader.message).toMatch(/its header \(lines 1-2\) could not be read/);
    expect(badHeader.message).not.toMatch(/[\n\t]/);
    const shortRecord = await caught(() =>
      candidatesFromVcf(genes, write('short.vcf', `${HEADER}1\t100\tA\n`)),
    );
    expect(shortRecord.message).toMatch(/line 3 is not a VCF record/);
    const badPos = await caught(() =>
      candidatesFromVcf(
        genes,
        write('badpos.vcf', `${HEADER}1\tabc\t.\tA\tC\t.\t.\tGENEINFO=TP53:7157\n`),
      ),
    );
    expect(badPos.message).toMatch(/line 3 has POS "abc"/);
  });

  it('says why an annotated VCF yields no genes', async () => {
    const genes = await miniIdentity();
    const csqHeader =
      '##fileformat=VCFv4.2\n##INFO=<ID=CSQ,Number=.,Type=String,Description="Consequence annotations from Ensembl VEP. Format: Allele|Consequence|SYMBOL">\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n';
    const noRecords = await caught(() =>
      candidatesFromVcf(genes, write('norecords.vcf', csqHeader)),
    );
    expect(noRecords).toMatchObject({ code: 'candidates-empty' });
    expect(noRecords.message).toMatch(/it has no variant records/);
    const intergenic = await caught(() =>
      candidatesFromVcf(
        genes,
        write(
          'intergenic.vcf',
          `${csqHeader}1\t100\t.\tA\tC\t50\tPASS\tCSQ=C|intergenic_variant|\n`,
        ),
      ),
    );
    expect(intergenic.message).toMatch(/none of its 1 annotated record\(s\) falls in a gene/);
    const allFiltered = await caught(() =>
      candidatesFromVcf(
        genes,
        write(
          'filtered.vcf',
          `${csqHeader}1\t100\t.\tA\tC\t5\tq10;LowDP\tCSQ=C|missense_variant|TP53\n`,
        ),
      ),
    );
    expect(allFiltered.message).toMatch(/all 1 variant record\(s\) failed FILTER/);
    expect(allFiltered.hint).toMatch(/Include filtered records/);
  });

  it('names a missing VCF', async () => {
    const e = await caught(async () =>
      candidatesFromVcf(await miniIdentity(), join(tmp, 'absent.vcf.gz')),
    );
    expect(e).toMatchObject({ code: 'file-missing' });
    expect(e.message).toBe(`VCF file not found: ${join(tmp, 'absent.vcf.gz')}`);
  });

  it('names a truncated bgzipped VCF', async () => {
    const whole = gzipSync(readFileSync(fixture('csq.vcf')));
    const path = write('truncated.vcf.gz', whole.subarray(0, whole.length - 20));
    const e = await caught(async () => candidatesFromVcf(await miniIdentity(), path));
    expect(e).toMatchObject({ code: 'file-corrupt' });
    expect(e.message).toContain(path);
  });
});
