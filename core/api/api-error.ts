/** Anything thrown, turned into the error the UI shows: what happened and what to do. */
import { ZodError } from 'zod';
import { isOdysseyError } from '../errors.js';
import type { ApiError } from './contract.js';

function describeZod(e: ZodError): string {
  return e.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`)
    .join('; ');
}

/** Turns anything thrown into the error the UI shows; unexpected errors are logged, not shown. */
export function toApiError(
  e: unknown,
  log: (message: string) => void = (m) => process.stderr.write(`${m}\n`),
): ApiError {
  if (e instanceof ZodError)
    return {
      code: 'bad-request',
      message: `The request was not valid (${describeZod(e)}).`,
      hint: 'This is a problem in the app, not in your data; please report it with what you were doing.',
    };
  if (isOdysseyError(e))
    return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  log(`odyssey: unexpected error: ${(e as Error)?.stack ?? String(e)}`);
  return {
    code: 'internal',
    message: 'Odyssey ran into an unexpected problem and could not finish this request.',
    hint: 'Try again; if it keeps happening, restart Odyssey and report the problem. Your saved cases are not affected.',
  };
}
