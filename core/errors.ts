/**
 * An error a user can act on: what went wrong, and what to do about it. Shells print these
 * without a stack trace; anything else reaching a shell is a bug and keeps its trace.
 */
export class OdysseyError extends Error {
  readonly code: string;
  readonly hint: string | undefined;

  constructor(code: string, message: string, hint?: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OdysseyError';
    this.code = code;
    this.hint = hint;
  }
}

export function isOdysseyError(e: unknown): e is OdysseyError {
  return e instanceof OdysseyError;
}
