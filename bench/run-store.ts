// Issue 5's benchmark: the case store with 10,000 cases, each with one genome-wide analysis
// (top 100 genes and 100 diseases with their evidence). Measures listing and search, opening a
// case with its latest analysis, reanalysing 1,000 cases with the knowledge ranker on 2 worker
// threads, a resumed rerun, database size per case, and an online backup.
//
// The 1,000 reanalysed cases are ranked for real. The other 9,000 analyses reuse those real
// results round-robin (recorded through the same store API), so sizes and query times are those
// of real results without another 15 minutes of ranking.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCases } from '../core/cases/sources.js';
import type { PatientCase } from '../core/cases/types.js';
import { requireDataFile } from '../core/data/installed.js';
import { backupStore } from '../core/store/backup.js';
import { RankPool } from '../core/store/rank-pool.js';
import { queryForCase, reanalyze } from '../core/store/reanalyze.js';
import { importCases } from '../core/store/import.js';
import { openStore } from '../core/store/store.js';
import type { CaseQuery } from '../core/store/types.js';
import { median } from '../core/util/stats.js';

const TOTAL = 10_000;
const REANALYSE = 1_000;
const log = (s: string): void => void process.stderr.write(`${s}\n`);
const round = (x: number, d = 1): number => Math.round(x * 10 ** d) / 10 ** d;
const p95 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)] ?? NaN;

const home = join(tmpdir(), `odyssey-store-bench-${process.pid}`);
rmSync(home, { recursive: true, force: true });
const store = openStore({ home, actor: 'bench' });
// The machine may be shared: the load average says how much else was running.
const out: Record<string, unknown> = { cases: TOTAL, cpus: cpus().length, cpu: cpus()[0]?.model, loadAverageAtStart: loadavg().map((x) => round(x, 2)) };

// 1. 8,966 published cases imported (as unsolved, so reanalysis takes them), topped up to 10,000
//    with copies of the first ones under new labels.
let t = performance.now();
const report = await importCases(store, requireDataFile('cases'), { asUnsolved: true });
const importMs = performance.now() - t;
const parsed: PatientCase[] = [];
for await (const item of readCases(requireDataFile('cases'))) if (item.case) parsed.push(item.case);
store.transaction(() => {
  for (let i = report.imported.length; i < TOTAL; i++) {
    const c = parsed[i % parsed.length]!;
    store.cases.create({ label: `copy ${i} of ${c.id}`, ...(c.sex ? { sex: c.sex } : {}), ...(c.ageYears !== undefined ? { ageYears: c.ageYears } : {}) }, [
      ...c.observed,
      ...c.excluded.map((p) => ({ ...p, excluded: true })),
    ]);
  }
});
out.import = { cases: report.imported.length, seconds: round(importMs / 1000, 2), casesPerSecond: Math.round(report.imported.length / (importMs / 1000)) };
log(`imported ${report.imported.length} cases in ${(importMs / 1000).toFixed(1)} s; ${TOTAL} cases stored`);

// 2. Reanalysis of 1,000 cases genome-wide, knowledge ranker, 2 worker threads (incl. start-up).
const ids = store.db.prepare('SELECT id FROM cases ORDER BY id LIMIT ?').pluck().all(REANALYSE) as number[];
t = performance.now();
// CPU time of the whole process (main thread and both workers): divided by 2, a lower bound for
// the wall time on two otherwise idle cores.
const cpu0 = process.cpuUsage();
const pool = new RankPool(2);
const first = await reanalyze(store, pool, ids, { concurrency: 2, ranker: 'knowledge' });
const reanalyseMs = performance.now() - t;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
const analysed = first.outcomes.filter((o) => o.status === 'analysed').length;
t = performance.now();
const again = await reanalyze(store, pool, ids, { concurrency: 2, ranker: 'knowledge' });
const resumeMs = performance.now() - t;
await pool.close();
const durations = store.db.prepare('SELECT duration_ms FROM analyses').pluck().all() as number[];
out.loadAverageAfterReanalysis = loadavg().map((x) => round(x, 2));
out.reanalysis = {
  cases: REANALYSE,
  analysed,
  failed: first.outcomes.filter((o) => o.status === 'failed').length,
  jobs: 2,
  seconds: round(reanalyseMs / 1000),
  cpuSeconds: round(cpuSeconds),
  idleTwoCoreEstimateSeconds: round(cpuSeconds / 2),
  rankingMsPerCase: { median: round(median(durations)), p95: round(p95(durations)) },
  rerunSkippedAll: again.outcomes.every((o) => o.status === 'skipped'),
  rerunSeconds: round(resumeMs / 1000, 2),
};
log(`reanalysed ${analysed} cases in ${(reanalyseMs / 1000).toFixed(1)} s on 2 threads; rerun skipped all in ${(resumeMs / 1000).toFixed(2)} s`);

// 3. One analysis for every other case, reusing the real results above.
const real = ids.map((id) => store.analyses.latest(id)!).filter((a) => a.result);
t = performance.now();
const rest = store.db.prepare('SELECT id FROM cases WHERE id NOT IN (SELECT case_id FROM analyses) ORDER BY id').pluck().all() as number[];
for (let i = 0; i < rest.length; i += 500) {
  store.transaction(() => {
    for (const caseId of rest.slice(i, i + 500)) {
      const a = real[caseId % real.length]!;
      store.analyses.record({ caseId, status: 'done', startedAt: a.startedAt, durationMs: a.durationMs, ranker: a.ranker, knowledge: a.knowledge, parameters: a.parameters, inputHash: queryForCase(store, caseId).inputHash, result: a.result! });
    }
  });
}
out.recordAnalysisMs = round((performance.now() - t) / rest.length, 2);
log(`recorded ${rest.length} more analyses`);

// 4. Size per case, after folding the WAL into the database file.
store.db.pragma('wal_checkpoint(TRUNCATE)');
const bytes = statSync(store.path).size;
const payload = store.db.prepare('SELECT avg(length(payload)) FROM analysis_results').pluck().get() as number;
const tableBytes = store.db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC").all() as { name: string; bytes: number }[];
out.size = {
  databaseMb: round(bytes / 1024 / 1024),
  kbPerCase: round(bytes / TOTAL / 1024, 2),
  packedResultKb: round(payload / 1024, 2),
  byTableKbPerCase: Object.fromEntries(tableBytes.map((r) => [r.name, round(r.bytes / TOTAL / 1024, 2)])),
};
log(`database ${(bytes / 1024 / 1024).toFixed(0)} MB, ${(bytes / TOTAL / 1024).toFixed(1)} kB per case`);

// 5. Listing and searching a page (50 rows), warm, 30 runs each.
const queries: Record<string, CaseQuery> = {
  'first page': {},
  'page 100': { page: 100 },
  'status unsolved': { status: 'unsolved' },
  'text "PMID_3"': { text: 'PMID_3' },
  'text, two words': { text: 'copy KCNT1' },
  'text, no match': { text: 'zzzz-no-such' },
  'gene KCNT1 (top 10 of latest analysis)': { gene: 'KCNT1' },
  'HPO HP:0001250': { hpo: 'HP:0001250' },
  'changed since today': { since: new Date().toISOString().slice(0, 10) },
  'status + text + gene': { status: 'unsolved', text: 'PMID', gene: 'SCN1A' },
};
const listing: Record<string, { medianMs: number; p95Ms: number; total: number }> = {};
for (const [name, q] of Object.entries(queries)) {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 30; i++) {
    const s = performance.now();
    total = store.list({ ...q, pageSize: 50 }).total;
    times.push(performance.now() - s);
  }
  listing[name] = { medianMs: round(median(times), 2), p95Ms: round(p95(times), 2), total };
}
out.listPage = listing;
log(`list a page: worst median ${Math.max(...Object.values(listing).map((x) => x.medianMs))} ms`);

// 6. Opening a case with its latest analysis (decoded, all 100 genes with evidence).
const open: number[] = [];
for (let i = 0; i < 300; i++) {
  const id = 1 + ((i * 7919) % TOTAL);
  const s = performance.now();
  const v = store.view(id);
  if (!v.latestAnalysis?.result) throw new Error(`case ${id} has no analysis`);
  open.push(performance.now() - s);
}
out.openCase = { medianMs: round(median(open), 2), p95Ms: round(p95(open), 2), runs: open.length };
log(`open a case: median ${median(open).toFixed(2)} ms`);

// 7. Online backup of the whole store.
t = performance.now();
await backupStore(store, join(home, 'backup.db'));
out.backupSeconds = round((performance.now() - t) / 1000, 2);

store.close();
rmSync(home, { recursive: true, force: true });
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/store.json', JSON.stringify(out, null, 2));
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
