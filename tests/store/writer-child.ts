/**
 * A writer process for the durability tests: ranks a few cases once with the mini knowledge base
 * (a real ranking), then writes analyses through the real store API in batches of BATCH, each
 * batch in one transaction, forever, printing "begin <n>" before a batch and "batch <ids>" after
 * its commit (stdout to a pipe is synchronous on Linux, so the test sees every line written).
 * The test kills it with SIGKILL at a random moment, nearly always inside a transaction. A tiny
 * page cache makes SQLite spill uncommitted pages into the WAL mid-transaction, so the crash
 * also leaves uncommitted frames behind for the next open to discard.
 * Usage: node tests/store/run-ts.mjs tests/store/writer-child.ts HOME
 */
import { openStore } from '../../core/store/store.js';
import { InlineEngine, type RankOutcome } from '../../core/store/engine.js';
import { queryForCase } from '../../core/store/reanalyze.js';
import { createRanker } from '../../core/genes/ranking/registry.js';
import { miniKb } from '../helpers.js';

const BATCH = 40;
const home = process.argv[3];
if (!home) throw new Error('usage: writer-child.ts HOME');
const store = openStore({ home, actor: 'writer-child' });
store.db.pragma('cache_size = 4');
const kb = await miniKb();
const engine = new InlineEngine(kb);
const ranker = createRanker('knowledge', kb).info;

const caseIds = store.transaction(() =>
  ['HP:0001250', 'HP:0002373', 'HP:0000252'].map((id, i) => store.cases.create({ label: `durability ${i + 1}` }, [{ id }]).id),
);
const prepared: { caseId: number; inputHash: string; ranked: RankOutcome }[] = [];
for (const caseId of caseIds) {
  const q = queryForCase(store, caseId);
  prepared.push({ caseId, inputHash: q.inputHash, ranked: await engine.rank('knowledge', q.query) });
}
process.stdout.write('ready\n');

for (let n = 0; ; n++) {
  process.stdout.write(`begin ${n}\n`);
  const ids = store.transaction(() => {
    const out: number[] = [];
    for (let k = 0; k < BATCH; k++) {
      const p = prepared[(n * BATCH + k) % prepared.length]!;
      const rec = store.analyses.record({
        caseId: p.caseId,
        status: 'done',
        startedAt: p.ranked.startedAt,
        durationMs: p.ranked.durationMs,
        ranker,
        knowledge: kb.versions,
        parameters: { batch: n },
        inputHash: p.inputHash,
        result: p.ranked.result,
      });
      out.push(rec.id);
    }
    return out;
  });
  process.stdout.write(`batch ${ids.join(',')}\n`);
}
