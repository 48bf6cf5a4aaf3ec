/**
 * Ranking on several cores: worker threads that each load the knowledge base (~0.4 GB each) and
 * take one case at a time. Used for batch reanalysis; a single case ranks faster in-process.
 * Workers run the compiled JavaScript, so this needs the build in dist/ (npm run build).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { RankQuery } from '../genes/ranking/types.js';
import { OdysseyError } from '../errors.js';
import type { RankEngine, RankerDescription, RankOutcome } from './engine.js';

type Request = { type: 'describe'; ranker: string } | { type: 'rank'; ranker: string; query: RankQuery };
export type WorkerRequest = Request & { id: number };
export type WorkerReply = { id: number; description?: RankerDescription; outcome?: RankOutcome; error?: { code?: string | undefined; message: string; hint?: string | undefined } };

interface Pending {
  resolve: (r: WorkerReply) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
  pending: Map<number, Pending>;
}

export class RankPool implements RankEngine {
  private readonly slots: Slot[] = [];
  private nextId = 1;

  constructor(jobs: number) {
    const script = fileURLToPath(new URL('./rank-worker.js', import.meta.url));
    if (!existsSync(script)) {
      throw new OdysseyError(
        'workers-unavailable',
        `Ranking on ${jobs} cores needs the compiled worker ${script}, which is missing.`,
        'Run `npm run build` first, or rank on one core (--jobs 1).',
      );
    }
    for (let i = 0; i < jobs; i++) {
      const slot: Slot = { worker: new Worker(script), busy: 0, pending: new Map() };
      slot.worker.on('message', (reply: WorkerReply) => {
        const p = slot.pending.get(reply.id);
        if (!p) return;
        slot.pending.delete(reply.id);
        slot.busy--;
        p.resolve(reply);
      });
      // A crashed worker (out of memory, say) fails what it held; the batch records those cases as failed.
      const fail = (e: Error): void => {
        for (const p of slot.pending.values()) p.reject(e);
        slot.pending.clear();
        slot.busy = 0;
      };
      slot.worker.on('error', fail);
      slot.worker.on('exit', (code) => code !== 0 && fail(new Error(`ranking worker stopped with exit code ${code}`)));
      this.slots.push(slot);
    }
  }

  private send(req: Request): Promise<WorkerReply> {
    const slot = this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    slot.busy++;
    return new Promise<WorkerReply>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ ...req, id });
    }).then((reply) => {
      if (reply.error) throw new OdysseyError(reply.error.code ?? 'rank-failed', reply.error.message, reply.error.hint);
      return reply;
    });
  }

  async describe(rankerName: string): Promise<RankerDescription> {
    return (await this.send({ type: 'describe', ranker: rankerName })).description!;
  }

  async rank(rankerName: string, query: RankQuery): Promise<RankOutcome> {
    return (await this.send({ type: 'rank', ranker: rankerName, query })).outcome!;
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
