/**
 * Worker-thread side of rank-pool.ts: loads the knowledge base once, then ranks the queries it
 * is sent. Errors go back to the pool as data, so one bad case never kills the worker.
 */
import { parentPort } from 'node:worker_threads';
import { isOdysseyError } from '../errors.js';
import { loadKnowledgeBase } from '../genes/kb/load.js';
import { InlineEngine } from './engine.js';
import type { WorkerReply, WorkerRequest } from './rank-pool.js';

const port = parentPort;
if (!port) throw new Error('rank-worker.js runs as a worker thread of rank-pool.js');

const loading = loadKnowledgeBase().then(({ kb }) => new InlineEngine(kb));

port.on('message', (msg: WorkerRequest) => {
  void (async (): Promise<WorkerReply> => {
    try {
      const engine = await loading;
      if (msg.type === 'describe') return { id: msg.id, description: await engine.describe(msg.ranker) };
      return { id: msg.id, outcome: await engine.rank(msg.ranker, msg.query) };
    } catch (e) {
      const err = e as Error;
      return { id: msg.id, error: { code: isOdysseyError(e) ? e.code : undefined, message: err.message, hint: isOdysseyError(e) ? e.hint : undefined } };
    }
  })().then((reply) => port.postMessage(reply));
});
