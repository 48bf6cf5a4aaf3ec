/**
 * When to retry a failed call and how long to wait. Transient failures (429, 408, 409, 5xx,
 * timeouts, dropped connections, broken streams) are retried with exponential backoff and full
 * jitter; a server's Retry-After / retry-after-ms wins over the computed wait, up to a cap.
 * Any other 4xx is the request's fault and retrying would only repeat it.
 */
import type { BackoffSettings } from './types.js';

export const DEFAULT_BACKOFF: BackoffSettings = {
  baseMs: 500,
  maxMs: 20_000,
  retryAfterMaxMs: 60_000,
};

export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** The wait a server asked for, in ms, from retry-after-ms or Retry-After (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  if (!headers) return undefined;
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const v = Number(ms);
    if (Number.isFinite(v) && v >= 0) return v;
  }
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before retry number `attempt` (0 = first retry). */
export function backoffDelay(
  attempt: number,
  backoff: BackoffSettings,
  serverAskedMs?: number,
  random: () => number = Math.random,
): number {
  if (serverAskedMs !== undefined) return Math.min(serverAskedMs, backoff.retryAfterMaxMs);
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}
