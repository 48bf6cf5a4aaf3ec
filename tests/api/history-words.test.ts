/**
 * The Reanalysis screen's building blocks on the mini knowledge base and a real temporary store:
 * the findings each analysis used, replayed from the audit log (and reported unknown when the
 * log cannot vouch for them), and the diff's headline, paragraph and changed settings.
 */
import { describe, expect, it } from 'vitest';
import { findingChanges, findingTrail } from '../../core/api/history-findings.js';
import {
  diffHeadline,
  diffSummary,
  settingsChanges,
  type DiffWords,
} from '../../core/api/history-words.js';
import { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import { diffResults } from '../../core/store/diff.js';
import { InlineEngine } from '../../core/store/engine.js';
import { analyzeCase } from '../../core/store/reanalyze.js';
import type { Store } from '../../core/store/store.js';
import { miniKb } from '../helpers.js';
import { tempStore } from '../store/helpers.js';

const SEIZURE = 'HP:0001250';
const MICROCEPHALY = 'HP:0000252';
const OTHER = 'HP:0002373';

const keys = (fs: { id: string; excluded: boolean }[] | undefined): string[] =>
  (fs ?? []).map((f) => `${f.id}:${f.excluded}`).sort();

async function analyse(store: Store, engine: InlineEngine, caseId: number, ranker?: string) {
  const o = await analyzeCase(store, engine, caseId, {
    force: true,
    ...(ranker ? { ranker } : {}),
  });
  return store.analyses.get(o.analysisId!, { result: true })!;
}

describe('the findings each analysis used', () => {
  it('replays the audit log to each analysis: additions, removals and flips', async () => {
    const { store } = tempStore();
    const engine = new InlineEngine(await miniKb());
    const c = store.cases.create({ label: 'P' }, [{ id: SEIZURE }, { id: MICROCEPHALY }]);
    const a1 = await analyse(store, engine, c.id);
    store.phenotypes.remove(c.id, [MICROCEPHALY]);
    store.phenotypes.add(c.id, [{ id: OTHER }]);
    const a2 = await analyse(store, engine, c.id);
    // A flip is a removal and an addition in the other state.
    store.phenotypes.remove(c.id, [SEIZURE]);
    store.phenotypes.add(c.id, [{ id: SEIZURE, excluded: true }]);
    const a3 = await analyse(store, engine, c.id);

    const t = findingTrail(store, c.id);
    expect(keys(t.at.get(a1.id))).toEqual([`${MICROCEPHALY}:false`, `${SEIZURE}:false`]);
    expect(keys(t.at.get(a2.id))).toEqual([`${SEIZURE}:false`, `${OTHER}:false`]);
    expect(keys(t.at.get(a3.id))).toEqual([`${SEIZURE}:true`, `${OTHER}:false`]);
    expect(keys(t.current)).toEqual(keys(t.at.get(a3.id)));
    expect(findingChanges(t.at.get(a1.id)!, t.at.get(a2.id)!)).toEqual({
      added: [{ id: OTHER, excluded: false }],
      removed: [{ id: MICROCEPHALY, excluded: false }],
      flipped: [],
    });
    expect(findingChanges(t.at.get(a2.id)!, t.at.get(a3.id)!)).toEqual({
      added: [],
      removed: [],
      flipped: [{ id: SEIZURE, excluded: true }],
    });
    store.close();
  });

  it('starts afresh when a deleted case id is used again', async () => {
    const { store } = tempStore();
    const engine = new InlineEngine(await miniKb());
    const old = store.cases.create({ label: 'old' }, [{ id: MICROCEPHALY }]);
    await analyse(store, engine, old.id);
    store.cases.delete(old.id);
    const c = store.cases.create({ label: 'new' }, [{ id: SEIZURE }]);
    expect(c.id).toBe(old.id);
    const a = await analyse(store, engine, c.id);
    expect(keys(findingTrail(store, c.id).at.get(a.id))).toEqual([`${SEIZURE}:false`]);
    store.close();
  });

  it('reports the findings as unknown when the log does not end at the case as it is', async () => {
    const { store } = tempStore();
    const engine = new InlineEngine(await miniKb());
    const c = store.cases.create({ label: 'P' }, [{ id: SEIZURE }, { id: MICROCEPHALY }]);
    const a = await analyse(store, engine, c.id);
    // As in a store whose terms were changed by something that did not write the log.
    store.db.prepare('DELETE FROM phenotypes WHERE case_id = ? AND hpo_id = ?').run(c.id, SEIZURE);
    const t = findingTrail(store, c.id);
    expect(t.at.has(a.id)).toBe(false);
    expect(keys(t.current)).toEqual([`${MICROCEPHALY}:false`]);
    store.close();
  });
});

describe('the diff in words', () => {
  function words(
    from: Awaited<ReturnType<typeof analyse>>,
    to: Awaited<ReturnType<typeof analyse>>,
    findings: DiffWords['findings'],
    top = 10,
  ): DiffWords {
    const diff = diffResults(
      from,
      { ranker: to.ranker, knowledge: to.knowledge, inputHash: to.inputHash, result: to.result! },
      top,
    );
    const settings = settingsChanges(from, to, 'the whole genome', 'the whole genome');
    return { diff, findings, from, to, settings, fromResult: from.result!, toResult: to.result! };
  }
  const none = { known: true, added: [], removed: [], flipped: [] };

  it('names the new knowledge version, the method switched to and the top gene change', async () => {
    const { store } = tempStore();
    const kb = await miniKb();
    const c = store.cases.create({ label: 'P' }, [{ id: SEIZURE }, { id: MICROCEPHALY }]);
    const a1 = await analyse(store, new InlineEngine(kb), c.id);
    // The same knowledge under a later HPO release name, ranked by the Resnik reference.
    const later = new KnowledgeBase(kb.hpo, kb.identity, {
      versions: { ...kb.versions, hpo: '2099-06-01' },
      diseases: [...kb.diseases],
      genes: [...kb.genes],
      buildNotes: [],
    });
    const a2 = await analyse(store, new InlineEngine(later), c.id, 'resnik');
    const w = words(a1, a2, none);
    expect(w.settings.find((s) => s.name === 'Method')).toEqual({
      name: 'Method',
      from: `Knowledge (ontology-based) v${a1.ranker.version}`,
      to: `Resnik similarity (reference) v${a2.ranker.version}`,
    });
    const headline = diffHeadline(w);
    expect(headline).toContain('after HPO 2099-06-01 and a switch to Resnik similarity');
    const [before, after] = [a1.result!.genes[0]!.symbol, a2.result!.genes[0]!.symbol];
    if (before !== after) {
      const was = a1.result!.genes.find((g) => g.symbol === after)!.rank;
      expect(headline).toMatch(new RegExp(`^${after} rose from ${was} to 1 after`));
    } else expect(headline).toMatch(new RegExp(`^${after} is still first`));
    expect(diffSummary(w)).toMatch(
      /^Compared with analysis 1, this one used new knowledge \(HPO 2099-01-01 → 2099-06-01\)/,
    );
    store.close();
  });

  it('says so when nothing changed, and names the changed findings', async () => {
    const { store } = tempStore();
    const engine = new InlineEngine(await miniKb());
    const c = store.cases.create({ label: 'P' }, [{ id: SEIZURE }]);
    const a1 = await analyse(store, engine, c.id);
    const a2 = await analyse(store, engine, c.id);
    const top = a1.result!.genes[0]!.symbol;
    expect(diffHeadline(words(a1, a2, none))).toBe(
      `No change in the top 10: ${top} is still first with the same findings, knowledge and method.`,
    );
    const findings = {
      known: true,
      added: [
        { id: MICROCEPHALY, name: 'Microcephaly', excluded: false },
        { id: OTHER, name: 'Other', excluded: true },
      ],
      removed: [],
      flipped: [{ id: SEIZURE, name: 'Seizure', excluded: true }],
    };
    const w = words(a1, a2, findings);
    expect(diffHeadline(w)).toContain(
      'after 2 new findings and 1 finding switched between observed and excluded',
    );
    expect(diffSummary(w)).toContain(
      'Findings: added Microcephaly; newly excluded Other; now excluded Seizure.',
    );
    store.close();
  });
});
