/**
 * Long analyses as jobs kept in memory for the life of the server or window: each has an id, a
 * stage the UI polls, and an AbortController, so the user can cancel it. Finished jobs are kept
 * a while (the newest MAX_FINISHED) so a poll after the end still finds the outcome.
 */
import { randomUUID } from 'node:crypto';
import { OdysseyError } from '../errors.js';
import type { JobViewT } from './contract.js';

export type JobState = JobViewT['state'];

export interface JobStage {
  stage: string;
  label: string;
  calls?: { done: number; planned: number };
}

export interface Job<R> {
  readonly id: string;
  readonly caseId: number;
  readonly ranker: string;
  readonly startedAt: number;
  state: JobState;
  progress: JobStage;
  finishedAt?: number;
  result?: R;
  error?: unknown;
  readonly controller: AbortController;
  /** Resolves when the work has settled, however it ended. */
  readonly settled: Promise<void>;
}

const MAX_FINISHED = 20;
/** How long a cancel waits for the work to stop before answering with the state it has. */
const CANCEL_WAIT_MS = 1_500;

export class JobRegistry<R> {
  private readonly jobs = new Map<string, Job<R>>();

  start(
    meta: { caseId: number; ranker: string },
    work: (signal: AbortSignal, report: (s: JobStage) => void) => Promise<R>,
  ): Job<R> {
    const controller = new AbortController();
    const job: Omit<Job<R>, 'settled'> = {
      id: randomUUID(),
      ...meta,
      startedAt: Date.now(),
      state: 'running',
      progress: { stage: 'queued', label: 'Starting' },
      controller,
    };
    const report = (s: JobStage): void => {
      if (job.state === 'running') job.progress = s;
    };
    // A cancelled run may still end by throwing or by returning what it had; either way it
    // counts as cancelled.
    const settled = Promise.resolve()
      .then(() => work(controller.signal, report))
      .then(
        (result) => {
          job.result = result;
          job.state = controller.signal.aborted ? 'cancelled' : 'done';
        },
        (e: unknown) => {
          job.error = e;
          job.state = controller.signal.aborted ? 'cancelled' : 'failed';
        },
      )
      .finally(() => {
        job.finishedAt = Date.now();
        this.prune();
      });
    const full: Job<R> = Object.assign(job, { settled });
    this.jobs.set(full.id, full);
    return full;
  }

  get(id: string): Job<R> {
    const job = this.jobs.get(id);
    if (!job)
      throw new OdysseyError(
        'job-not-found',
        'That analysis is no longer known; it may have finished before Odyssey was restarted.',
        "Open the case's results to see its stored analyses, or run the analysis again.",
      );
    return job;
  }

  /** Stops the job and waits (briefly) until it has stopped. */
  async cancel(id: string): Promise<Job<R>> {
    const job = this.get(id);
    if (job.state !== 'running') return job;
    job.progress = { ...job.progress, stage: 'cancelling', label: 'Cancelling' };
    job.controller.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      job.settled,
      new Promise<void>((resolve) => (timer = setTimeout(resolve, CANCEL_WAIT_MS))),
    ]);
    clearTimeout(timer);
    return job;
  }

  /** Cancels every running job (the server or window is closing). */
  cancelAll(): void {
    for (const job of this.jobs.values()) if (job.state === 'running') job.controller.abort();
  }

  private prune(): void {
    const finished = [...this.jobs.values()]
      .filter((j) => j.state !== 'running')
      .sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0));
    for (const j of finished.slice(MAX_FINISHED)) this.jobs.delete(j.id);
  }
}
