/**
 * The Reanalysis screen's operations against the real installed data and a temporary case store:
 * a case analysed, its findings changed and analysed again; the history lists both with the
 * findings each used, and the diff names the changed findings and the genes that moved, in
 * agreement with the two stored rankings. Also each refusal, with its fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../core/api/contract.js';
import { ApiContext } from '../../core/api/context.js';
import { tempDir } from '../helpers.js';
import { apiCaller } from './call-api.js';

let ctx: ApiContext;
const { ok: call, failure: refusal } = apiCaller(() => ctx);

beforeAll(() => {
  ctx = new ApiContext({ home: tempDir('odyssey-history-home-'), actor: 'history-test' });
});
afterAll(() => ctx.close());

const SEIZURE = 'HP:0001250';
const DELAY = 'HP:0001263';
const HYPOTONIA = 'HP:0001252';
const MICROCEPHALY = 'HP:0000252';
const OPTIC_ATROPHY = 'HP:0000648';
const SPASTIC_PARAPLEGIA = 'HP:0001258';
const HEARING = 'HP:0000365';
const CEREBELLAR_ATROPHY = 'HP:0001272';

describe('listAnalyses and diffAnalyses', () => {
  let caseId: number;
  let first: ResponseOf<'runAnalysis'>['analysis'];
  let second: ResponseOf<'runAnalysis'>['analysis'];

  beforeAll(async () => {
    const created = await call('createCase', {
      label: 'History patient',
      phenotypes: [
        { id: SEIZURE },
        { id: DELAY },
        { id: HYPOTONIA },
        { id: MICROCEPHALY },
        { id: OPTIC_ATROPHY },
        { id: SPASTIC_PARAPLEGIA },
      ],
    });
    caseId = created.case.id;
    first = (await call('runAnalysis', { caseId })).analysis;
    // Microcephaly removed, hypotonia now excluded, one finding and one exclusion added.
    await call('updateCase', {
      id: caseId,
      phenotypes: [
        { id: SEIZURE },
        { id: DELAY },
        { id: HYPOTONIA, excluded: true },
        { id: OPTIC_ATROPHY },
        { id: SPASTIC_PARAPLEGIA },
        { id: CEREBELLAR_ATROPHY },
        { id: HEARING, excluded: true },
      ],
    });
    second = (await call('runAnalysis', { caseId })).analysis;
  }, 120_000);

  it('lists every analysis newest first, with the findings, knowledge and method each used', async () => {
    const h = await call('listAnalyses', { caseId });
    expect(h.analyses.map((a) => a.id)).toEqual([second.id, first.id]);
    expect(h.current).toEqual({ observed: 5, excluded: 2 });
    const [now, before] = h.analyses;
    expect(now!.findings).toMatchObject({
      known: true,
      observed: 5,
      excluded: 2,
      differFromCurrent: false,
    });
    expect(now!.inputsCurrent).toBe(true);
    expect(before!.findings).toMatchObject({
      known: true,
      observed: 6,
      excluded: 0,
      differFromCurrent: true,
    });
    expect(before!.findings.terms.map((t) => t.id).sort()).toEqual(
      [SEIZURE, DELAY, HYPOTONIA, MICROCEPHALY, OPTIC_ATROPHY, SPASTIC_PARAPLEGIA].sort(),
    );
    expect(before!.findings.terms.find((t) => t.id === MICROCEPHALY)?.name).toBe('Microcephaly');
    expect(before!.inputsCurrent).toBe(false);
    for (const [a, ran] of [
      [now!, second],
      [before!, first],
    ] as const) {
      expect(a.status).toBe('done');
      expect(a.ranker.name).toBe('knowledge');
      expect(a.ranker.label).toMatch(/Knowledge/);
      expect(a.knowledge).toEqual(ran.knowledge);
      expect(a.candidates).toEqual({ scope: 'genome', description: 'the whole genome' });
      expect(a.topGenes.map((g) => g.symbol)).toEqual(ran.genes.slice(0, 5).map((g) => g.symbol));
      expect(a.genesScored).toBe(ran.scored.genes);
      expect(a.hasDifferential).toBe(false);
      expect(a.summary).toBeTruthy();
    }
    expect(h.knowledgeNow.hpo).toBe(second.knowledge.hpo);
    // Each row says in one line what changed since the analysis before it.
    expect(now!.previousId).toBe(first.id);
    const d10 = await call('diffAnalyses', { caseId, fromId: first.id, toId: second.id, top: 10 });
    expect(now!.change).toBe(d10.headline);
    expect(before!.previousId).toBeUndefined();
    expect(before!.change).toBeUndefined();
    expect((await call('listAnalyses', { caseId, top: 2 })).analyses[0]!.topGenes).toHaveLength(2);
  });

  it('diffs two analyses: changed findings, and gene moves that agree with both rankings', async () => {
    const d = await call('diffAnalyses', { caseId, fromId: first.id, toId: second.id });
    expect(d.top).toBe(20);
    expect(d.from.id).toBe(first.id);
    expect(d.to.id).toBe(second.id);
    expect(d.inputsChanged).toBe(true);
    expect(d.knowledgeChanged).toEqual([]);
    expect(d.settingsChanged).toEqual([]);
    expect(d.findings.known).toBe(true);
    expect(d.findings.added.map((f) => `${f.id}:${f.excluded}`).sort()).toEqual([
      `${HEARING}:true`,
      `${CEREBELLAR_ATROPHY}:false`,
    ]);
    expect(d.findings.removed).toEqual([
      { id: MICROCEPHALY, name: 'Microcephaly', excluded: false },
    ]);
    expect(d.findings.flipped).toEqual([{ id: HYPOTONIA, name: 'Hypotonia', excluded: true }]);

    // Read both rankings as the Analyse screen shows them and check the diff against them.
    const a = await call('getAnalysis', { caseId, analysisId: first.id, top: 100 });
    const b = await call('getAnalysis', { caseId, analysisId: second.id, top: 100 });
    const rankA = new Map(a.genes.map((g) => [g.symbol, g]));
    const rankB = new Map(b.genes.map((g) => [g.symbol, g]));
    const topA = new Set(a.genes.slice(0, 20).map((g) => g.symbol));
    const topB = new Set(b.genes.slice(0, 20).map((g) => g.symbol));
    expect(d.entered.map((g) => g.symbol).sort()).toEqual(
      [...topB].filter((s) => !topA.has(s)).sort(),
    );
    expect(d.dropped.map((g) => g.symbol).sort()).toEqual(
      [...topA].filter((s) => !topB.has(s)).sort(),
    );
    for (const g of [...d.entered, ...d.dropped, ...d.moved]) {
      expect(g.from).toBe(rankA.get(g.symbol)?.rank ?? null);
      expect(g.to).toBe(rankB.get(g.symbol)?.rank ?? null);
      expect(g.scoreFrom).toBe(rankA.get(g.symbol)?.score ?? null);
      expect(g.scoreTo).toBe(rankB.get(g.symbol)?.score ?? null);
    }
    for (const g of d.moved) expect(g.from).not.toBe(g.to);
    expect(d.topGene).toEqual({ before: a.genes[0]!.symbol, after: b.genes[0]!.symbol });

    // The words name the main change and its causes.
    expect(d.entered.length + d.moved.length).toBeGreaterThan(0);
    expect(d.headline).toContain('2 new findings');
    expect(d.headline).toContain('1 finding removed');
    expect(d.headline).toContain('switched between observed and excluded');
    // The main move: the gene that rose to the highest place.
    const risers = [...d.entered, ...d.moved].filter((g) => g.from === null || g.from > g.to!);
    const best = risers.sort((x, y) => x.to! - y.to!)[0]!;
    if (d.topGene.before !== d.topGene.after)
      expect(d.headline).toMatch(
        new RegExp(`^${d.topGene.after} (rose from \\d+ to 1|is now first)`),
      );
    else
      expect(d.headline).toMatch(
        new RegExp(
          `^${d.topGene.after} is still first; ${best.symbol} (rose from ${best.from} to ${best.to}|entered)`,
        ),
      );
    expect(d.summary).toContain(`Compared with analysis ${first.id}`);
    expect(d.summary).toContain('added Cerebellar atrophy');
    expect(d.summary).toContain('newly excluded Hearing impairment');
    expect(d.summary).toContain('removed Microcephaly');
    expect(d.summary).toContain('now excluded Hypotonia');
  });

  it('compares in either direction and with a smaller top N', async () => {
    const back = await call('diffAnalyses', { caseId, fromId: second.id, toId: first.id, top: 5 });
    expect(back.top).toBe(5);
    expect(back.findings.removed.map((f) => f.id).sort()).toEqual(
      [HEARING, CEREBELLAR_ATROPHY].sort(),
    );
    expect(back.findings.added.map((f) => f.id)).toEqual([MICROCEPHALY]);
    expect(back.findings.flipped).toEqual([{ id: HYPOTONIA, name: 'Hypotonia', excluded: false }]);
    for (const g of [...back.entered, ...back.moved]) expect(g.to).toBeLessThanOrEqual(5);
  });

  it('an unchanged rerun (forced) reads as no change with the same inputs', async () => {
    const forced = (await call('runAnalysis', { caseId, force: true })).analysis;
    const d = await call('diffAnalyses', { caseId, fromId: second.id, toId: forced.id });
    expect(d.inputsChanged).toBe(false);
    expect(d.findings).toEqual({ known: true, added: [], removed: [], flipped: [] });
    expect(d.entered).toEqual([]);
    expect(d.moved).toEqual([]);
    expect(d.headline).toBe(
      `No change in the top 20: ${second.genes[0]!.symbol} is still first with the same findings, knowledge and method.`,
    );
  }, 60_000);

  it('refuses with a clear message and fix: unknown case, same id, another case, failed analysis', async () => {
    const missing = await refusal('listAnalyses', { caseId: 99_999 });
    expect(missing.code).toBe('case-not-found');
    expect(missing.hint).toMatch(/Cases list/);
    expect((await refusal('diffAnalyses', { caseId: 99_999, fromId: 1, toId: 2 })).code).toBe(
      'case-not-found',
    );

    const twice = await refusal('diffAnalyses', { caseId, fromId: first.id, toId: first.id });
    expect(twice.code).toBe('same-analysis');
    expect(twice.hint).toMatch(/two different/);

    const other = await call('createCase', { label: 'Other', phenotypes: [{ id: SEIZURE }] });
    const otherAnalysis = (await call('runAnalysis', { caseId: other.case.id })).analysis;
    const foreign = await refusal('diffAnalyses', {
      caseId,
      fromId: first.id,
      toId: otherAnalysis.id,
    });
    expect(foreign.code).toBe('analysis-missing');
    expect(foreign.message).toContain('another case');
    const none = await refusal('diffAnalyses', { caseId, fromId: first.id, toId: 99_999 });
    expect(none.message).toContain('no analysis 99999');

    // A failed run is stored as the engine stores one: same inputs, no result, its error.
    const rec = ctx.store.analyses.get(second.id)!;
    const failed = ctx.store.analyses.record({
      caseId,
      status: 'failed',
      startedAt: new Date().toISOString(),
      durationMs: 0,
      ranker: rec.ranker,
      knowledge: rec.knowledge,
      parameters: rec.parameters,
      inputHash: rec.inputHash,
      error: 'the ranker stopped',
    });
    const f = await refusal('diffAnalyses', { caseId, fromId: failed.id, toId: first.id });
    expect(f.code).toBe('analysis-no-result');
    expect(f.message).toContain('the ranker stopped');
    expect(f.hint).toMatch(/finished analysis/);
    const listed = (await call('listAnalyses', { caseId })).analyses[0]!;
    expect(listed).toMatchObject({ id: failed.id, status: 'failed', error: 'the ranker stopped' });
    expect(listed.topGenes).toEqual([]);

    // A request the contract refuses: the second analysis is missing.
    const bad = await refusal('diffAnalyses', { caseId, fromId: first.id } as never);
    expect(bad.code).toBe('bad-request');
  }, 60_000);
});
