/**
 * Durability: a writer process is killed with SIGKILL in the middle of a batch of analyses.
 * The database must open cleanly, every committed batch must be intact, and no part of an
 * uncommitted batch may be visible. Meanwhile a second connection reads while the writer writes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { openStore, type Store } from '../../core/store/store.js';

const RUN_TS = fileURLToPath(new URL('./run-ts.mjs', import.meta.url));
const WRITER = fileURLToPath(new URL('./writer-child.ts', import.meta.url));
const BATCH = 40;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts the writer; resolves with the child and a live list of the batches it reported committed. */
async function startWriter(home: string): Promise<{ child: ChildProcess; committed: number[][]; lastLine: () => string; exited: Promise<NodeJS.Signals | null> }> {
  const child = spawn(process.execPath, [RUN_TS, WRITER, home], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const committed: number[][] = [];
  let last = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      last = line;
      if (line === 'ready') resolve();
      else if (line.startsWith('batch ')) committed.push(line.slice(6).split(',').map(Number));
    });
    child.on('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
  });
  // Lines still in the pipe when the child dies are delivered before 'close'.
  const closed = new Promise<void>((resolve) => child.stdout!.on('close', resolve));
  return { child, committed, lastLine: () => last, exited: exited.then(async (sig) => (await closed, sig)) };
}

/**
 * Whether the write-ahead log ends in frames of a transaction that never committed, i.e. the
 * process died inside a transaction. WAL format: a 32-byte header with two salts, then frames of
 * a 24-byte header (page number, database size after commit or 0, the salts) and one page.
 */
function killedMidTransaction(wal: string): boolean {
  if (!existsSync(wal)) return false;
  const buf = readFileSync(wal);
  if (buf.length < 32) return false;
  const pageSize = buf.readUInt32BE(8);
  const salt1 = buf.readUInt32BE(16);
  const salt2 = buf.readUInt32BE(20);
  let lastIsCommit = true;
  for (let off = 32; off + 24 + pageSize <= buf.length; off += 24 + pageSize) {
    if (buf.readUInt32BE(off + 8) !== salt1 || buf.readUInt32BE(off + 12) !== salt2) break;
    lastIsCommit = buf.readUInt32BE(off + 4) !== 0;
  }
  // A partly written frame after the last whole one is an unfinished transaction too.
  const tail = (buf.length - 32) % (24 + pageSize);
  return !lastIsCommit || tail !== 0;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Every analysis is whole: its result decodes, its gene rows match it, its audit entry exists. */
function checkWhole(store: Store): number[] {
  const ids = store.db.prepare('SELECT id FROM analyses ORDER BY id').pluck().all() as number[];
  for (const id of ids) {
    const a = store.analyses.get(id)!;
    expect(a.status).toBe('done');
    expect(a.result?.genes.length).toBeGreaterThan(0);
    const genes = store.db.prepare('SELECT count(*) FROM analysis_genes WHERE analysis_id = ?').pluck().get(id);
    expect(genes).toBe(a.result!.genes.length);
  }
  const audited = store.db.prepare("SELECT count(*) FROM audit WHERE action = 'analysis.create'").pluck().get();
  expect(audited).toBe(ids.length);
  return ids;
}

describe('durability', () => {
  it('survives SIGKILL of a writer in the middle of a batch', async () => {
    // Kills at random moments; the writer spends nearly all its time inside a transaction, so
    // most kills land in one (the child's last line is then "begin"). Every try is checked.
    let midBatch = 0;
    let uncommittedFrames = 0;
    for (let attempt = 0; attempt < 8 && (midBatch < 2 || uncommittedFrames < 1); attempt++) {
      const home = tempDir('odyssey-kill-');
      const { child, committed, lastLine, exited } = await startWriter(home);
      await sleep(150 + Math.random() * 450);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      if (lastLine().startsWith('begin ')) midBatch++;
      if (killedMidTransaction(`${home}/odyssey.db-wal`)) uncommittedFrames++;
      const reported = committed.flat();
      expect(reported.length).toBeGreaterThan(0);

      const store = openStore({ home, actor: 'after-crash' });
      try {
        expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(store.db.pragma('foreign_key_check')).toEqual([]);
        const ids = checkWhole(store);
        // Every batch the writer saw committed is there, and the one it did not finish left no
        // trace: batches are all-or-nothing. (At most one more batch may have committed in the
        // instant between its commit and the line announcing it.)
        expect(ids.slice(0, reported.length)).toEqual(reported);
        expect([0, BATCH]).toContain(ids.length - reported.length);
        // The store is writable again after the crash.
        const c = store.cases.create({ label: 'after the crash' }, [{ id: 'HP:0001250' }]);
        expect(store.cases.get(c.id)?.label).toBe('after the crash');
      } finally {
        store.close();
      }
    }
    console.info(`SIGKILL inside a batch: ${midBatch} time(s); with uncommitted pages already in the WAL: ${uncommittedFrames}`);
    expect(midBatch).toBeGreaterThan(0);
  });

  it('lets a second connection read consistent data while another process writes', async () => {
    const home = tempDir('odyssey-readers-');
    const { child, committed, exited } = await startWriter(home);
    const reader = openStore({ home, readonly: true });
    try {
      let reads = 0;
      let lastCount = 0;
      const until = Date.now() + 1200;
      while (Date.now() < until) {
        // One read transaction sees one committed state: analyses, results and genes agree.
        const snapshot = reader.db.transaction(() => ({
          analyses: reader.db.prepare('SELECT count(*) FROM analyses').pluck().get() as number,
          results: reader.db.prepare('SELECT count(*) FROM analysis_results').pluck().get() as number,
          latest: reader.db.prepare('SELECT max(id) FROM analyses').pluck().get() as number | null,
        }))();
        expect(snapshot.results).toBe(snapshot.analyses);
        expect(snapshot.analyses % BATCH).toBe(0);
        expect(snapshot.analyses).toBeGreaterThanOrEqual(lastCount);
        if (snapshot.latest !== null) expect(reader.analyses.get(snapshot.latest)?.result?.genes.length).toBeGreaterThan(0);
        lastCount = snapshot.analyses;
        reads++;
        await sleep(5);
      }
      expect(reads).toBeGreaterThan(20);
      expect(committed.length).toBeGreaterThan(5);
      expect(lastCount).toBeGreaterThan(0);
    } finally {
      reader.close();
      child.kill('SIGKILL');
      await exited;
    }
  });
});
