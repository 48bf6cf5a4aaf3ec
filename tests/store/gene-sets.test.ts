import { describe, expect, it } from 'vitest';
import { isGenomeChoice } from '../../core/store/gene-sets.js';
import { queryForCase } from '../../core/store/reanalyze.js';
import { tempStore } from './helpers.js';

describe('GeneSetRepository: back to the whole genome', () => {
  it('useGenome makes analyses rank genome-wide again and keeps every earlier set', () => {
    const { store } = tempStore();
    const c = store.cases.create({ label: 'P1' }, [{ id: 'HP:0001250', excluded: false }]);
    const genome = queryForCase(store, c.id);
    const panel = store.geneSets.add(c.id, {
      genes: ['KCNT1', 'SCN1A'],
      warnings: [],
      source: { kind: 'list', inputCount: 2 },
    });
    const ranked = queryForCase(store, c.id);
    expect(ranked.query.candidates).toEqual(['KCNT1', 'SCN1A']);
    expect(ranked.geneSetId).toBe(panel.id);

    const choice = store.geneSets.useGenome(c.id);
    expect(isGenomeChoice(choice)).toBe(true);
    expect(store.geneSets.latest(c.id)).toBeUndefined();
    const back = queryForCase(store, c.id);
    expect(back.query.candidates).toBeUndefined();
    expect(back.geneSetId).toBeUndefined();
    // Same findings, no candidates: the same input as before any set was added.
    expect(back.inputHash).toBe(genome.inputHash);
    expect(store.geneSets.list(c.id).map((s) => s.id)).toEqual([panel.id, choice.id]);
    const actions = store.db
      .prepare('SELECT action FROM audit WHERE case_id = ? AND action LIKE ? ORDER BY id')
      .pluck()
      .all(c.id, 'geneset.%');
    expect(actions).toEqual(['geneset.add', 'geneset.genome']);

    // A later set is used again.
    const again = store.geneSets.add(c.id, {
      genes: ['TP53'],
      warnings: [],
      source: { kind: 'list', inputCount: 1 },
    });
    expect(store.geneSets.latest(c.id)?.id).toBe(again.id);
    store.close();
  });

  it('a list whose symbols were all unknown is not the genome choice', () => {
    const { store } = tempStore();
    const c = store.cases.create({ label: 'P2' }, [{ id: 'HP:0001250', excluded: false }]);
    store.geneSets.add(c.id, {
      genes: [],
      warnings: ['Unknown gene symbol "XYZ1"'],
      source: { kind: 'list', inputCount: 1 },
    });
    expect(store.geneSets.latest(c.id)?.genes).toEqual([]);
    expect(queryForCase(store, c.id).query.candidates).toEqual([]);
    store.close();
  });
});
