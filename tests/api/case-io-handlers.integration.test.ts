/**
 * The candidate-gene, case import/export, phenopacket and About operations on the real data and
 * a real temporary store: gene lists, panels and VCFs uploaded as the window sends them (base64),
 * with warnings and errors naming the user's file, never the server's scratch copy; the whole
 * genome chosen again without losing a set; cases imported (duplicates skipped) and exported as
 * phenopackets that read back; the analysis as a phenopacket with candidate interpretations.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_UPLOAD_BYTES } from '../../core/api/contract.js';
import { ApiContext } from '../../core/api/context.js';
import { startServer } from '../../core/api/http-server.js';
import { parsePhenopacket } from '../../core/cases/phenopacket.js';
import { fixture, tempDir } from '../helpers.js';
import { apiCaller } from './call-api.js';

let ctx: ApiContext;
let home: string;
let caseId: number;

const { ok, failure: fails } = apiCaller(() => ctx);

const upload = (fileName: string, bytes: Buffer) => ({
  fileName,
  base64: bytes.toString('base64'),
});
const fixtureFile = (fileName: string, ...path: string[]) =>
  upload(fileName, readFileSync(fixture(...path)));
/** Nothing the user sees or the store keeps mentions the server's scratch folder. */
const noScratch = (value: unknown) => expect(JSON.stringify(value)).not.toMatch(/upload-|\/tmp\//);

beforeAll(async () => {
  home = tempDir('odyssey-case-io-');
  ctx = new ApiContext({ home, actor: 'case-io-test' });
  caseId = (
    await ok('createCase', {
      label: 'Epilepsy infant',
      sex: 'FEMALE',
      ageYears: 1,
      phenotypes: [{ id: 'HP:0011153' }, { id: 'HP:0200134' }, { id: 'HP:0001263' }],
    })
  ).case.id;
}, 120_000);
afterAll(() => ctx?.close());

describe('candidate genes', () => {
  it('a pasted list keeps the known genes and warns about an unknown symbol with the fix', async () => {
    const r = await ok('setCandidateGenes', {
      caseId,
      source: { kind: 'list', text: 'scn1a, KCNT1\nNOTAGENE1; STXBP1' },
    });
    expect(r.active?.genes).toEqual(['SCN1A', 'KCNT1', 'STXBP1']);
    expect(r.active).toMatchObject({ kind: 'list', genome: false, inputCount: 4 });
    expect(r.active?.warnings).toEqual([
      expect.stringMatching(/Unknown gene symbol "NOTAGENE1".*check the spelling/),
    ]);
    expect(r.unannotated).toEqual([]);
    expect((await ok('getCase', { id: caseId })).candidateGenes).toEqual([
      'SCN1A',
      'KCNT1',
      'STXBP1',
    ]);
  });

  it('an uploaded panel (TSV) is read by its gene column and stored under its own name', async () => {
    const bytes = readFileSync(fixture('cli', 'epilepsy-panel.tsv'));
    const r = await ok('setCandidateGenes', {
      caseId,
      source: { kind: 'panel', file: upload('epilepsy-panel.tsv', bytes) },
    });
    expect(r.active?.genes).toHaveLength(7);
    expect(r.active).toMatchObject({
      kind: 'panel',
      fileName: 'epilepsy-panel.tsv',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(r.history.map((h) => h.kind)).toEqual(['panel', 'list']);
  });

  it('a bgzipped annotated VCF gives its PASS genes, with warnings naming the file', async () => {
    const gz = gzipSync(readFileSync(fixture('cli', 'annotated.vcf')));
    const r = await ok('setCandidateGenes', {
      caseId,
      source: { kind: 'vcf', file: upload('proband.vcf.gz', gz) },
    });
    expect(r.active?.genes).toEqual(['SCN1A', 'KCNT1', 'FBN1']);
    expect(r.active?.vcf).toEqual({ records: 5, filteredOut: 1, annotations: ['CSQ'] });
    expect(r.active?.warnings.join('\n')).toMatch(/^proband\.vcf\.gz: 1 of 5 variant record/m);
    expect(r.active?.warnings.join('\n')).toMatch(/Unknown gene symbol "NOVELG1"/);
    noScratch(r);
    // Filtered records too, when asked.
    const all = await ok('setCandidateGenes', {
      caseId,
      source: { kind: 'vcf', file: upload('proband.vcf.gz', gz), includeFiltered: true },
    });
    expect(all.active?.genes).toContain('PIGA');
  });

  it('an unannotated VCF is refused with the fix, and nothing is stored', async () => {
    const before = (await ok('getCandidateGenes', { caseId })).history.length;
    const e = await fails('setCandidateGenes', {
      caseId,
      source: { kind: 'vcf', file: fixtureFile('raw-calls.vcf', 'cli', 'unannotated.vcf') },
    });
    expect(e.code).toBe('vcf-unannotated');
    expect(e.message).toMatch(/^raw-calls\.vcf has no gene annotation/);
    expect(e.hint).toMatch(/vep .*--symbol/);
    noScratch(e);
    expect((await ok('getCandidateGenes', { caseId })).history).toHaveLength(before);
  });

  it('a file over the upload limit is refused with what to do, before it is read', async () => {
    const e = await fails('setCandidateGenes', {
      caseId,
      source: { kind: 'vcf', file: upload('exome.vcf.gz', Buffer.alloc(MAX_UPLOAD_BYTES + 1)) },
    });
    expect(e.code).toBe('upload-too-large');
    expect(e.message).toMatch(/exome\.vcf\.gz is 700 kB; the app takes files of up to 700 kB/);
    expect(e.hint).toMatch(/bcftools view/);
    const none = await fails('setCandidateGenes', {
      caseId,
      source: { kind: 'list', text: 'NOTAGENE1 NOTAGENE2' },
    });
    expect(none.code).toBe('candidates-none-known');
  });

  it('analyses rank within the set; "use whole genome" goes back without losing a set', async () => {
    await ok('setCandidateGenes', {
      caseId,
      source: { kind: 'list', text: 'SCN1A KCNT1 STXBP1' },
    });
    const within = await ok('runAnalysis', { caseId });
    expect(within.analysis.genes.map((g) => g.symbol).sort()).toEqual(['KCNT1', 'SCN1A', 'STXBP1']);

    const sets = (await ok('getCandidateGenes', { caseId })).history.length;
    const cleared = await ok('clearCandidateGenes', { caseId });
    expect(cleared.active).toBeNull();
    expect(cleared.history).toHaveLength(sets + 1);
    expect(cleared.history[0]).toMatchObject({ genome: true, genes: [] });
    expect(cleared.history.filter((h) => !h.genome).length).toBe(sets);
    expect((await ok('getCase', { id: caseId })).candidateGenes).toBeUndefined();
    // Choosing the genome again changes nothing.
    expect((await ok('clearCandidateGenes', { caseId })).history).toHaveLength(sets + 1);

    const genome = await ok('runAnalysis', { caseId });
    expect(genome.analysis.scored.genes).toBeGreaterThan(1000);
    // The scratch folder is emptied after every upload.
    expect(readdirSync(join(home, 'tmp'))).toEqual([]);
  }, 60_000);
});

describe('case import and export', () => {
  it('imports phenopackets (JSONL, JSON), skips duplicates and names the file that failed', async () => {
    const jsonl = fixtureFile('three-cases.jsonl', 'cli', 'three-cases.jsonl');
    const first = await ok('importCases', { file: jsonl });
    expect(first.imported.map((c) => c.externalId)).toEqual([
      'odyssey-jsonl-kcnt1',
      'odyssey-jsonl-scn1a',
      'odyssey-jsonl-fbn1',
    ]);
    expect(first.imported[0]?.source).toBe('three-cases.jsonl:1');
    const again = await ok('importCases', { file: jsonl });
    expect(again.imported).toEqual([]);
    expect(again.skipped.map((c) => c.caseId)).toEqual(first.imported.map((c) => c.caseId));

    const one = await ok('importCases', {
      file: fixtureFile('kcnt1.json', 'cli', 'kcnt1-case.json'),
    });
    expect(one.imported).toHaveLength(1);
    const bad = await ok('importCases', {
      file: fixtureFile('broken.json', 'cases', 'malformed-bad-json.json'),
    });
    expect(bad.failed).toEqual([
      {
        source: 'broken.json',
        error: expect.objectContaining({
          code: 'case-bad-json',
          message: expect.stringMatching(/^broken\.json: is not valid JSON/),
        }),
      },
    ]);
    noScratch([first, again, one, bad]);
    const e = await fails('importCases', { file: upload('cases.xlsx', Buffer.from('x')) });
    expect(e).toMatchObject({ code: 'case-unknown-format' });
  });

  it('imports a .tar.gz of phenopackets, skipping the case it already holds', async () => {
    const tar = pack();
    for (const [name, path] of [
      ['kcnt1.json', fixture('cli', 'kcnt1-case.json')],
      ['full.json', fixture('cases', 'v2.0.2-full.json')],
    ] as const) {
      tar.entry({ name: `phenopackets/${name}` }, readFileSync(path));
    }
    tar.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of tar as AsyncIterable<Buffer>) chunks.push(chunk);
    const gz = gzipSync(Buffer.concat(chunks));
    const r = await ok('importCases', { file: upload('batch.tar.gz', gz) });
    expect(r.skipped.map((c) => c.source)).toEqual(['batch.tar.gz:phenopackets/kcnt1.json']);
    expect(r.imported.map((c) => c.source)).toEqual(['batch.tar.gz:phenopackets/full.json']);
  });

  it('exports one case as JSON and many as JSONL that import back as the same cases', async () => {
    const listed = await ok('listCases', { text: 'odyssey-jsonl' });
    expect(listed.total).toBe(3);
    const many = await ok('exportCases', { text: 'odyssey-jsonl' });
    expect(many).toMatchObject({ count: 3, fileName: 'odyssey-3-cases.jsonl' });
    const lines = Buffer.from(many.base64, 'base64').toString('utf8').trim().split('\n');
    expect(lines.map((l) => parsePhenopacket(JSON.parse(l)).id).sort()).toEqual([
      'odyssey-jsonl-fbn1',
      'odyssey-jsonl-kcnt1',
      'odyssey-jsonl-scn1a',
    ]);
    // Round trip: the same store recognises them as the cases it holds.
    const back = await ok('importCases', {
      file: { fileName: many.fileName, base64: many.base64 },
    });
    expect(back).toMatchObject({ imported: [], failed: [] });
    expect(back.skipped).toHaveLength(3);

    const single = await ok('exportCases', { caseIds: [caseId] });
    expect(single).toMatchObject({
      count: 1,
      fileName: `odyssey-case-${caseId}.json`,
      mimeType: 'application/json',
    });
    const packet = parsePhenopacket(
      JSON.parse(Buffer.from(single.base64, 'base64').toString('utf8')),
    );
    expect(packet.observed.map((p) => p.id)).toEqual(['HP:0011153', 'HP:0200134', 'HP:0001263']);

    expect((await fails('exportCases', { text: 'no such case anywhere' })).code).toBe(
      'nothing-to-export',
    );
    expect((await fails('exportCases', { caseIds: [99_999] })).code).toBe('case-not-found');
  });
});

describe('uploads over HTTP', () => {
  it('a file at the upload limit fits the HTTP transport, as base64 in JSON', async () => {
    const staticDir = tempDir('odyssey-case-io-static-');
    const server = await startServer({ ctx, port: 0, staticDir, log: () => {} });
    try {
      // A panel of exactly MAX_UPLOAD_BYTES: one known gene, repeated.
      const line = 'SCN1A\n';
      const text = line.repeat(Math.floor(MAX_UPLOAD_BYTES / line.length));
      const bytes = Buffer.from(text.padEnd(MAX_UPLOAD_BYTES, '\n'));
      expect(bytes.length).toBe(MAX_UPLOAD_BYTES);
      const res = await fetch(`${server.url}api/setCandidateGenes`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
        body: JSON.stringify({ caseId, source: { kind: 'panel', file: upload('big.txt', bytes) } }),
      });
      const body = (await res.json()) as { ok: boolean; data?: { active: { genes: string[] } } };
      expect(res.status).toBe(200);
      expect(body.data?.active.genes).toEqual(['SCN1A']);
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe('phenopacket report', () => {
  it("is the case with the analysis's top genes as candidate interpretations, valid for the reader", async () => {
    const a = await ok('getAnalysis', { caseId, top: 5 });
    const r = await ok('exportReport', { caseId, format: 'phenopacket', top: 5 });
    expect(r.fileName).toBe(`odyssey-case-${caseId}-analysis-${a.id}.phenopacket.json`);
    const json = JSON.parse(Buffer.from(r.base64, 'base64').toString('utf8')) as {
      interpretations: {
        progressStatus: string;
        diagnosis: {
          disease: { id: string };
          genomicInterpretations: {
            interpretationStatus: string;
            gene: { symbol: string; valueId?: string };
          }[];
        };
      }[];
      metaData: { phenopacketSchemaVersion: string; resources: { namespacePrefix: string }[] };
    };
    expect(json.metaData.phenopacketSchemaVersion).toBe('2.0.2');
    expect(json.interpretations).toHaveLength(5);
    const genes = json.interpretations.map(
      (i) => i.diagnosis.genomicInterpretations[0]!.gene.symbol,
    );
    expect(genes).toEqual(a.genes.slice(0, 5).map((g) => g.symbol));
    for (const i of json.interpretations) {
      expect(i.progressStatus).toBe('IN_PROGRESS');
      expect(i.diagnosis.genomicInterpretations[0]).toMatchObject({
        interpretationStatus: 'CANDIDATE',
        gene: { valueId: expect.stringMatching(/^HGNC:\d+$/) },
      });
    }
    const prefixes = json.metaData.resources.map((x) => x.namespacePrefix);
    expect(prefixes).toContain('HP');
    expect(prefixes).toContain('HGNC');
    for (const i of json.interpretations)
      expect(prefixes).toContain(i.diagnosis.disease.id.split(':')[0]);
    // Odyssey's own reader accepts it and never takes a candidate for the diagnosis.
    const read = parsePhenopacket(json, r.fileName);
    expect(read.diagnosis).toBeUndefined();
    expect(read.observed).toHaveLength(3);
  });
});

describe('about', () => {
  it('lists data licences, model versions and whether anything can leave the computer', async () => {
    const about = await ok('aboutOdyssey', {});
    expect(about.data.find((d) => d.id === 'hp.obo')).toMatchObject({
      installed: true,
      licence: expect.stringMatching(/HPO licence/),
    });
    expect(about.models.find((m) => m.id === 'knowledge')).toMatchObject({
      version: '2',
      installed: true,
    });
    const onnx = about.models.find((m) => m.id === 'onnx')!;
    expect(onnx.installed).toBe(existsSync('models/ranker/ranker.json'));
    if (onnx.installed) expect(onnx.version).toMatch(/^1\+[0-9a-f]{12}$/);
    expect(about.models.map((m) => m.id)).toEqual(['knowledge', 'onnx', 'encoder', 'classifier']);
    expect(about.localOnly).toBe(false);
    expect(about.remoteProviders).toEqual([]);
  });
});
