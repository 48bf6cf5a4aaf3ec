// One knowledge-base load plus one genome-wide ranking in a fresh process: load time and peak memory.
import { loadKnowledgeBase } from '../core/genes/kb/load.js';
import { createRanker } from '../core/genes/ranking/registry.js';
import { rankCase } from '../core/genes/ranking/rank.js';

const t0 = performance.now();
const { kb, from } = await loadKnowledgeBase();
const loadMs = performance.now() - t0;
const t1 = performance.now();
const ranker = createRanker('knowledge', kb);
const rankerMs = performance.now() - t1;
const t2 = performance.now();
await rankCase(kb, ranker, { observed: ['HP:0001250', 'HP:0001263', 'HP:0000252', 'HP:0001252'] }, { top: 10 });
const firstRankMs = performance.now() - t2;
process.stdout.write(JSON.stringify({ from, loadMs, rankerMs, firstRankMs, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
