/**
 * The HTTP transport of `odyssey serve` against the real installed data and a temporary case
 * store: loopback only, the per-launch token, request validation, and every operation.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS, isOperationName } from '../../core/api/contract.js';
import { ApiContext } from '../../core/api/context.js';
import { startServer, type RunningServer } from '../../core/api/http-server.js';
import { tempDir } from '../helpers.js';

let server: RunningServer;
let ctx: ApiContext;
let staticDir: string;

beforeAll(async () => {
  ctx = new ApiContext({ home: tempDir('odyssey-api-home-'), actor: 'api-test' });
  staticDir = tempDir('odyssey-api-static-');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(
    join(staticDir, 'index.html'),
    '<!doctype html><meta name="csp-nonce" content="__ODYSSEY_CSP_NONCE__"><title>t</title>',
  );
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startServer({ ctx, port: 0, staticDir, log: () => {} });
});
afterAll(async () => {
  await server.close();
  ctx.close();
});

interface Answer {
  ok: boolean;
  // The tests read whichever response shape the operation has.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data?: any;
  error?: { code: string; message: string; hint?: string };
}

async function api(
  op: string,
  body: unknown,
  token = server.token,
): Promise<{ status: number; json: Answer }> {
  const res = await fetch(`${server.url}api/${op}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Answer;
  // Every answer must match the contract the renderer is typed against.
  if (json.ok && isOperationName(op)) OPERATIONS[op].response.parse(json.data);
  return { status: res.status, json };
}

/** A raw request with a chosen Host header (fetch does not let a caller set it). */
function rawGet(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, headers: { Host: host } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('odyssey serve: transport security', () => {
  it('listens on 127.0.0.1 only, with a long random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.openUrl).toBe(`${server.url}#token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a request without the token, or with a wrong one, with 401', async () => {
    const none = await api('appInfo', {}, '');
    expect(none.status).toBe(401);
    expect(none.json.error?.code).toBe('unauthorized');
    const wrong = await api('appInfo', {}, `${server.token.slice(0, -1)}x`);
    expect(wrong.status).toBe(401);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect(await rawGet('/', 'evil.example:80')).toBe(421);
    expect(await rawGet('/', `localhost:${server.port}`)).toBe(200);
  });

  it('serves the renderer with a strict CSP and a fresh style nonce, and no token in the page', async () => {
    const res = await fetch(server.url);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const html = await res.text();
    expect(nonce).toBeTruthy();
    expect(html).toContain(`content="${nonce}"`);
    expect(html).not.toContain(server.token);
    expect((await fetch(`${server.url}assets/app.js`)).status).toBe(200);
    expect((await fetch(`${server.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('rejects non-JSON bodies, bad JSON and unknown operations with a named error', async () => {
    const text = await fetch(`${server.url}api/appInfo`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(text.status).toBe(415);
    const bad = await fetch(`${server.url}api/appInfo`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'application/json' },
      body: '{nope',
    });
    expect(bad.status).toBe(400);
    const huge = await api('extractTerms', { text: 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(huge.json.error?.hint).toMatch(/Split/);
    const unknown = await api('dropTables', {});
    expect(unknown.status).toBe(404);
    expect(unknown.json.error?.code).toBe('unknown-operation');
  });

  it('validates requests against the contract and says what is wrong', async () => {
    const r = await api('createCase', { label: '', phenotypes: [{ id: 'seizures' }] });
    expect(r.status).toBe(400);
    expect(r.json.error?.code).toBe('bad-request');
    expect(r.json.error?.message).toMatch(/label|phenotypes\.0\.id/);
    const extra = await api('appInfo', { admin: true });
    expect(extra.status).toBe(400);
  });
});

describe('odyssey serve: operations on the real data', () => {
  let caseId: number;

  it('appInfo: versions, acknowledgement, rankers', async () => {
    const r = await api('appInfo', {});
    expect(r.status).toBe(200);
    expect(r.json.data.hpoAcknowledgement).toMatch(
      /Human Phenotype Ontology \(version \d{4}-\d{2}-\d{2}\)/,
    );
    expect(r.json.data.datasets.find((d: { id: string }) => d.id === 'hp.obo').installed).toBe(
      true,
    );
    expect(r.json.data.rankers.map((x: { name: string }) => x.name)).toContain('knowledge');
  });

  it('searchTerms: matches synonyms and names the category', async () => {
    const r = await api('searchTerms', { query: 'salaam convulsions', limit: 5 });
    expect(r.status).toBe(200);
    const seizure = r.json.data.results.find((x: { id: string }) => x.id === 'HP:0011097');
    expect(seizure).toBeDefined();
    expect(seizure.matchKind).toBe('synonym');
    expect(seizure.matched).toBe('Salaam convulsions');
    expect(seizure.categories.map((c: { name: string }) => c.name)).toContain('Nervous system');
  });

  it('extractTerms: finds observed and negated findings with offsets', async () => {
    const text = 'Floppy baby with seizures since 6 months. No hearing loss.';
    const r = await api('extractTerms', { text });
    expect(r.status).toBe(200);
    const terms = r.json.data.terms as {
      id: string;
      negated: boolean;
      start: number;
      end: number;
      text: string;
    }[];
    const hearing = terms.find((t) => t.id === 'HP:0000365');
    expect(hearing?.negated).toBe(true);
    for (const t of terms) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(terms.some((t) => t.id === 'HP:0001250' && !t.negated)).toBe(true);
  });

  it('categoryProfile: organ systems of the findings', async () => {
    const r = await api('categoryProfile', { termIds: ['HP:0001250', 'HP:0001252', 'HP:0000365'] });
    expect(r.json.data.totalTerms).toBe(3);
    expect(r.json.data.categories.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining(['Nervous system', 'Ear', 'Musculoskeletal system']),
    );
  });

  it('createCase, getCase, updateCase (flip a term, add one), listCases', async () => {
    const created = await api('createCase', {
      label: 'Patient A',
      sex: 'FEMALE',
      ageYears: 4,
      phenotypes: [{ id: 'HP:0001250' }, { id: 'HP:0000365', excluded: true }],
    });
    expect(created.status).toBe(200);
    caseId = created.json.data.case.id;
    expect(
      created.json.data.phenotypes.map(
        (p: { id: string; excluded: boolean }) => `${p.id}:${p.excluded}`,
      ),
    ).toEqual(['HP:0001250:false', 'HP:0000365:true']);
    const updated = await api('updateCase', {
      id: caseId,
      notes: 'Seizures from 6 months.',
      phenotypes: [
        { id: 'HP:0001250' },
        { id: 'HP:0000365', excluded: false },
        { id: 'HP:0001252', sourceText: 'floppy baby', span: [0, 11] },
      ],
    });
    expect(updated.status).toBe(200);
    const ps = updated.json.data.phenotypes as { id: string; excluded: boolean; span?: number[] }[];
    expect(ps.map((p) => `${p.id}:${p.excluded}`).sort()).toEqual([
      'HP:0000365:false',
      'HP:0001250:false',
      'HP:0001252:false',
    ]);
    expect(ps.find((p) => p.id === 'HP:0001252')?.span).toEqual([0, 11]);
    const got = await api('getCase', { id: caseId });
    expect(got.json.data.case.notes).toBe('Seizures from 6 months.');
    const list = await api('listCases', { text: 'Patient A' });
    expect(list.json.data.total).toBe(1);
    expect((await api('listCases', { status: 'closed' })).json.data.total).toBe(0);
  });

  it('refuses an HPO id the release does not have, saving nothing', async () => {
    const r = await api('createCase', { label: 'Patient B', phenotypes: [{ id: 'HP:9999999' }] });
    expect(r.status).toBe(422);
    expect(r.json.error?.code).toBe('bad-hpo-id');
    expect(r.json.error?.hint).toBeTruthy();
    expect((await api('listCases', { text: 'Patient B' })).json.data.total).toBe(0);
  });

  it('getCase of a missing case is a 404 with a fix', async () => {
    const r = await api('getCase', { id: 9999 });
    expect(r.status).toBe(404);
    expect(r.json.error?.hint).toBeTruthy();
  });

  it('runAnalysis and getAnalysis: ranked genes with explanations and the evidence grid', async () => {
    const r = await api('runAnalysis', { caseId, ranker: 'knowledge' });
    expect(r.status, JSON.stringify(r.json.error)).toBe(200);
    expect(r.json.data.outcome).toBe('analysed');
    const a = r.json.data.analysis;
    expect(a.genes.length).toBeGreaterThan(10);
    expect(a.genes[0].rank).toBe(1);
    expect(a.genes[0].explanation.matches.length).toBeGreaterThan(0);
    expect(a.grid.terms.map((t: { id: string }) => t.id).sort()).toEqual([
      'HP:0000365',
      'HP:0001250',
      'HP:0001252',
    ]);
    expect(a.grid.genes[0]).toBe(a.genes[0].symbol);
    expect(a.grid.cells.flat().some((c: unknown) => c !== null)).toBe(true);
    const again = await api('runAnalysis', { caseId, ranker: 'knowledge' });
    expect(again.json.data.outcome).toBe('skipped');
    expect(again.json.data.analysis.id).toBe(a.id);
    const got = await api('getAnalysis', { caseId, top: 5 });
    expect(got.json.data.genes).toHaveLength(5);
    expect(got.json.data.genes[0].symbol).toBe(a.genes[0].symbol);
  });

  it('runAnalysis refuses an unknown ranker and a case without findings', async () => {
    expect((await api('runAnalysis', { caseId, ranker: 'oracle' })).json.error?.code).toBe(
      'unknown-ranker',
    );
    const empty = await api('createCase', { label: 'Empty' });
    const r = await api('runAnalysis', { caseId: empty.json.data.case.id });
    expect(r.json.error?.code).toBe('no-findings');
  });

  it('exportReport: a real PDF, and HTML/TSV/JSON', async () => {
    const pdf = await api('exportReport', { caseId, format: 'pdf' });
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(pdf.json.data.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(pdf.json.data.bytes);
    expect(pdf.json.data.fileName).toMatch(/\.pdf$/);
    const tsv = await api('exportReport', { caseId, format: 'tsv' });
    expect(Buffer.from(tsv.json.data.base64, 'base64').toString()).toMatch(/\t/);
    const html = await api('exportReport', { caseId, format: 'html' });
    expect(Buffer.from(html.json.data.base64, 'base64').toString()).toMatch(/<html/i);
  });

  it('exportReport of a case never analysed says to analyse it first', async () => {
    const c = await api('createCase', { label: 'Unanalysed', phenotypes: [{ id: 'HP:0001250' }] });
    const r = await api('exportReport', { caseId: c.json.data.case.id, format: 'pdf' });
    expect(r.status).toBe(404);
    expect(r.json.error?.code).toBe('analysis-missing');
  });
});
