/**
 * Analysis and reanalysis on the hand-written mini knowledge base (real rankers, real store):
 * first analysis, skip when nothing changed, rerun when findings or knowledge change, the diff
 * and its summary, and resuming an interrupted batch.
 */
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import { AnalysisRepository } from '../../core/store/analyses.js';
import { InlineEngine } from '../../core/store/engine.js';
import { analyzeCase, queryForCase, reanalyze, unsolvedCaseIds } from '../../core/store/reanalyze.js';
import { miniKb } from '../helpers.js';
import { tempStore } from './helpers.js';

/** The mini knowledge base a release later, in which disease five (GENED's) was withdrawn. */
async function laterKb(): Promise<KnowledgeBase> {
  const kb = await miniKb();
  const diseases = kb.diseases.filter((d) => d.id !== 'OMIM:100005');
  const genes = kb.genes.filter((g) => g.symbol !== 'GENED');
  return new KnowledgeBase(kb.hpo, kb.identity, { versions: { ...kb.versions, hpoAnnotations: '2099-06-01', genesToDisease: 'test-2' }, diseases, genes, buildNotes: [] });
}

describe('reanalysis', () => {
  it('stores a first analysis, skips an identical rerun, and reruns when findings change', async () => {
    const { store } = tempStore();
    const engine = new InlineEngine(await miniKb());
    const c = store.cases.create({ label: 'P' }, [{ id: 'HP:0001250' }, { id: 'HP:0000252' }]);
    const first = await analyzeCase(store, engine, c.id);
    expect(first.status).toBe('analysed');
    expect(first.summary).toMatch(/^First analysis: 5 genes scored; the leading genes are GENED \(0\.698\), GENEC/);
    const a = store.analyses.latest(c.id)!;
    expect(a).toMatchObject({ status: 'done', ranker: { name: 'knowledge' }, knowledge: { hpo: '2099-01-01' }, parameters: { top: 100, candidates: 'genome' } });
    expect(a.result!.genes.map((g) => g.symbol)).toEqual(['GENED', 'GENEC', 'GENEB', 'GENEA', 'GENEG']);
    expect(a.result!.genes[0]!.explanation?.matches[0]?.patientTerm.id).toBe('HP:0000252');
    expect(AnalysisRepository.toRankResult(a).versions.hpo).toBe('2099-01-01');

    const again = await analyzeCase(store, engine, c.id);
    expect(again).toMatchObject({ status: 'skipped', analysisId: a.id });
    expect(again.reason).toMatch(/already analysed with these findings, ranker knowledge v\d+ and knowledge/);
    expect((await analyzeCase(store, engine, c.id, { force: true })).status).toBe('analysed');

    // Entry order does not matter to the ranking, so it does not make a case due again.
    const before = queryForCase(store, c.id).inputHash;
    store.phenotypes.remove(c.id, ['HP:0001250']);
    store.phenotypes.add(c.id, [{ id: 'HP:0001250' }]);
    expect(queryForCase(store, c.id).inputHash).toBe(before);
    store.phenotypes.add(c.id, [{ id: 'HP:0002373', excluded: true }]);
    const changed = await analyzeCase(store, engine, c.id);
    expect(changed.status).toBe('analysed');
    expect(changed.diff?.inputsChanged).toBe(true);
    expect(store.analyses.list(c.id)).toHaveLength(3);
    store.close();
  });

  it('writes what changed when the knowledge changes: genes in and out of the top N, moves, new diseases, versions', async () => {
    const { store } = tempStore();
    const c = store.cases.create({ label: 'P' }, [{ id: 'HP:0001250' }, { id: 'HP:0000252' }]);
    await analyzeCase(store, new InlineEngine(await miniKb()), c.id);
    // The gene filter of the case list looks at the latest analysis's top N.
    expect(store.list({ gene: 'gened', geneTop: 1 }).total).toBe(1);
    expect(store.list({ gene: 'GENEG', geneTop: 4 }).total).toBe(0);
    const o = await analyzeCase(store, new InlineEngine(await laterKb()), c.id, { top: 2 });
    expect(store.list({ gene: 'GENED' }).total).toBe(0);
    expect(store.list({ gene: 'GENEG', geneTop: 4 }).total).toBe(1);
    const d = o.diff!;
    expect(d.previousId).toBe(1);
    expect(d.knowledgeChanged).toEqual([
      { source: 'hpoAnnotations', from: '2099-01-01', to: '2099-06-01' },
      { source: 'genesToDisease', from: 'test', to: 'test-2' },
    ]);
    expect(d.rankerChanged).toBeUndefined();
    expect(d.inputsChanged).toBe(false);
    // Before: GENED 1, GENEC 2, GENEB 3, GENEA 4, GENEG 5. Now GENED has no disease left.
    expect(store.analyses.latest(c.id)!.result!.genes.map((g) => [g.symbol, g.rank])).toEqual([['GENEC', 1], ['GENEB', 2], ['GENEA', 3], ['GENEG', 4]]);
    expect(d.enteredTop).toEqual([{ symbol: 'GENEB', from: 3, to: 2 }]);
    expect(d.leftTop).toEqual([{ symbol: 'GENED', from: 1, to: null }]);
    expect(d.moved).toEqual([{ symbol: 'GENEC', from: 2, to: 1 }]);
    expect(d.newDiseases).toEqual([{ id: 'OMIM:100002', name: 'Disease two', rank: 2, previousRank: 3 }]);
    expect(d.topGene).toEqual({ before: 'GENED', after: 'GENEC' });
    expect(o.summary).toBe(
      'Compared with analysis 1, this one used new knowledge (HPO annotations 2099-01-01 → 2099-06-01; genes-to-disease test → test-2). ' +
        '1 gene entered the top 2: GENEB (now 2, was 3). 1 gene left it: GENED (was 1, now below the top 4). 1 gene moved within it: GENEC 2 → 1. ' +
        '1 disease is new to the top 2 diseases: Disease two (OMIM:100002, rank 2). The top gene is now GENEC (was GENED).',
    );
    store.close();
  });

  it('says so when nothing changed, and names a different ranker', async () => {
    const { store } = tempStore();
    const engine = new InlineEngine(await miniKb());
    const c = store.cases.create({ label: 'P' }, [{ id: 'HP:0002373' }]);
    await analyzeCase(store, engine, c.id);
    const same = await analyzeCase(store, engine, c.id, { force: true });
    expect(same.summary).toBe('Compared with analysis 1, this one used the same knowledge, ranker and findings. The top 10 genes and diseases are unchanged, with GENEB still first.');
    const resnik = await analyzeCase(store, engine, c.id, { ranker: 'resnik' });
    expect(resnik.diff?.rankerChanged).toEqual({ from: 'knowledge v2', to: 'resnik v1' });
    // Without --ranker, the next run keeps the case's last ranker.
    expect((await analyzeCase(store, engine, c.id)).status).toBe('skipped');
    store.close();
  });

  it('ranks within the case\'s candidate genes when it has a gene set', async () => {
    const { store } = tempStore();
    const engine = new InlineEngine(await miniKb());
    const c = store.cases.create({ label: 'P' }, [{ id: 'HP:0001250' }, { id: 'HP:0000252' }]);
    const set = store.geneSets.add(c.id, { genes: ['GENEA', 'GENEG'], warnings: [], source: { kind: 'panel', path: 'panel.tsv', sha256: 'ab'.repeat(32), inputCount: 2 } });
    await analyzeCase(store, engine, c.id);
    const a = store.analyses.latest(c.id)!;
    expect(a.geneSetId).toBe(set.id);
    expect(a.result!.genes.map((g) => g.symbol)).toEqual(['GENEA', 'GENEG']);
    store.close();
  });

  it('stops an interrupted batch after the case in flight, and resumes without repeating a case', async () => {
    const { store } = tempStore();
    const engine = new InlineEngine(await miniKb());
    store.transaction(() => {
      for (let i = 0; i < 6; i++) store.cases.create({ label: `P${i}` }, [{ id: i % 2 ? 'HP:0001250' : 'HP:0002373' }]);
      store.cases.create({ label: 'no terms' });
      store.cases.create({ label: 'solved', diagnosis: { diseases: [{ id: 'OMIM:100001' }], genes: ['GENEA'], geneIds: {}, variants: [] } }, [{ id: 'HP:0001250' }]);
    });
    const ids = unsolvedCaseIds(store);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const controller = new AbortController();
    const first = await reanalyze(store, engine, ids, { signal: controller.signal, onCase: (_o, done) => done === 3 && controller.abort() });
    expect(first.interrupted).toBe(true);
    expect(first.outcomes.map((o) => o.status)).toEqual(['analysed', 'analysed', 'analysed']);
    const second = await reanalyze(store, engine, ids);
    expect(second.interrupted).toBe(false);
    expect(second.outcomes.map((o) => [o.caseId, o.status])).toEqual([
      [1, 'skipped'],
      [2, 'skipped'],
      [3, 'skipped'],
      [4, 'analysed'],
      [5, 'analysed'],
      [6, 'analysed'],
      [7, 'skipped'],
    ]);
    expect(second.outcomes[6]?.reason).toBe('no observed phenotypes to rank');
    expect(store.db.prepare('SELECT case_id, count(*) AS n FROM analyses GROUP BY case_id HAVING n > 1').all()).toEqual([]);
    store.close();
  });

  it('records a case that cannot be ranked as a failed analysis and goes on', async () => {
    const { store } = tempStore();
    const engine = new InlineEngine(await miniKb());
    // HP:0001263 is a valid id but not in the mini ontology, so the ranker has nothing to use.
    const bad = store.cases.create({ label: 'unknown term' }, [{ id: 'HP:0001263' }]);
    const good = store.cases.create({ label: 'fine' }, [{ id: 'HP:0001250' }]);
    const r = await reanalyze(store, engine, [bad.id, good.id]);
    expect(r.outcomes.map((o) => o.status)).toEqual(['failed', 'analysed']);
    expect(r.outcomes[0]?.reason).toMatch(/None of the observed terms is a usable phenotypic abnormality/);
    const failed = store.analyses.list(bad.id)[0]!;
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/not in HPO release 2099-01-01/) });
    expect(store.analyses.latest(bad.id)).toBeUndefined();
    await expect(analyzeCase(store, engine, bad.id)).rejects.toThrow(/Case 1 could not be analysed/);
    store.close();
  });
});
