import { describe, expect, it } from 'vitest';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { loadRanker } from '../../core/agents/rankers.js';
import { rankCase } from '../../core/genes/ranking/rank.js';
import { prepareQuery } from '../../core/genes/ranking/prepare-query.js';
import { createRanker } from '../../core/genes/ranking/registry.js';

// The committed ONNX model (models/ranker/) on the real knowledge base.
describe('onnx ranker (real data)', () => {
  it('re-orders the knowledge ranker\'s top genes and keeps the rest in knowledge order', async () => {
    const { kb } = await loadKnowledgeBase();
    const onnx = await loadRanker('onnx', kb);
    const knowledge = createRanker('knowledge', kb);
    const q = prepareQuery(kb, { observed: ['HP:0001250', 'HP:0001263', 'HP:0000252', 'HP:0001252', 'HP:0002119'] });
    const [a, b] = [await onnx.score(q), await knowledge.score(q)];
    const order = (s: Float64Array) => Array.from(s.keys()).filter((g) => s[g]! > -Infinity).sort((x, y) => s[y]! - s[x]! || x - y);
    const oa = order(a.genes);
    const ob = order(b.genes);
    expect(new Set(oa.slice(0, 50))).toEqual(new Set(ob.slice(0, 50))); // same list, possibly re-ordered
    expect(oa.slice(60, 200)).toEqual(ob.slice(60, 200)); // below the list nothing moves
    const r = await rankCase(kb, onnx, q, { top: 5 });
    expect(r.ranker.name).toBe('onnx');
    expect(r.genes[0]!.explanation!.matches.length).toBeGreaterThan(0);
  });

  it('stops when its signal is aborted', async () => {
    const { kb } = await loadKnowledgeBase();
    const onnx = await loadRanker('onnx', kb);
    const q = prepareQuery(kb, { observed: ['HP:0001250'] });
    const c = new AbortController();
    c.abort();
    await expect(onnx.score(q, c.signal)).rejects.toThrow();
  });
});
