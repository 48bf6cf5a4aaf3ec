/**
 * Runs an analysis as a job: starts it, polls its stage until it ends, fetches the result, and
 * cancels it on request. The poll stops when the screen goes away.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  JobViewT,
  OdysseyApiError,
  RequestOf,
  ResponseOf,
} from '../../../core/api/contract.js';
import { asApiError, useApi } from './context.js';

const POLL_MS = 200;

export interface AnalysisJob {
  job: JobViewT | undefined;
  running: boolean;
  error: OdysseyApiError | undefined;
  start: (request: RequestOf<'startAnalysis'>) => Promise<void>;
  cancel: () => Promise<void>;
}

export function useAnalysisJob(
  onDone: (result: ResponseOf<'analysisJobResult'>) => void,
): AnalysisJob {
  const api = useApi();
  const [job, setJob] = useState<JobViewT>();
  const [error, setError] = useState<OdysseyApiError>();
  const done = useRef(onDone);
  done.current = onDone;

  const jobId = job?.jobId;
  const state = job?.state;
  useEffect(() => {
    if (!jobId || state !== 'running') return;
    let live = true;
    const tick = async (): Promise<void> => {
      try {
        const j = await api.call('analysisJob', { jobId });
        if (!live) return;
        setJob(j);
        if (j.state === 'done') done.current(await api.call('analysisJobResult', { jobId }));
        else if (j.state === 'running') timer = setTimeout(() => void tick(), POLL_MS);
      } catch (e) {
        if (live) setError(asApiError(e));
      }
    };
    let timer = setTimeout(() => void tick(), POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, jobId, state]);

  const start = useCallback(
    async (request: RequestOf<'startAnalysis'>) => {
      setError(undefined);
      setJob(undefined);
      try {
        setJob(await api.call('startAnalysis', request));
      } catch (e) {
        setError(asApiError(e));
      }
    },
    [api],
  );

  const cancel = useCallback(async () => {
    if (!jobId) return;
    try {
      setJob(await api.call('cancelAnalysis', { jobId }));
    } catch (e) {
      setError(asApiError(e));
    }
  }, [api, jobId]);

  return { job, running: state === 'running', error, start, cancel };
}
