import { OdysseyError } from '../../errors.js';

/** Stops a journey between steps once its caller has cancelled it. */
export function isAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new OdysseyError('cancelled', 'The differential diagnosis was cancelled; nothing was stored.', 'Run it again to finish it.');
}
