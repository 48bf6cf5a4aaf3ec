import { OdysseyError } from '../core/errors.js';

/** Parses a whole-number option, or says what is wrong with it. */
export function positiveInt(value: string, name: string, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new OdysseyError('bad-option', `${name} must be a whole number from 1 to ${max}, not "${value}".`, `For example: ${name} 10`);
  }
  return n;
}
