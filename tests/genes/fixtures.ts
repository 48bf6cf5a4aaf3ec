import { fileURLToPath } from 'node:url';
import { loadGeneIdentity, type GeneIdentity } from '../../core/genes/hgnc.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/genes/', import.meta.url));
export const fixture = (name: string): string => `${FIXTURES}${name}`;

/** A fresh identity table from the small HGNC fixture (each test may mutate its own). */
export function miniIdentity(): Promise<GeneIdentity> {
  return loadGeneIdentity(fixture('hgnc_mini.tsv'));
}

/** Runs `fn` expecting an OdysseyError and returns it, so tests can check code, message and hint. */
export async function caught(
  fn: () => unknown,
): Promise<{ code: string; message: string; hint?: string; name: string }> {
  try {
    await fn();
  } catch (e) {
    return e as { code: string; message: string; hint?: string; name: string };
  }
  throw new Error('expected an error');
}
