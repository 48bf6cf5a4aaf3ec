import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the hand-written phenopacket fixtures. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'cases');

export const fixturePath = (name: string): string => join(FIXTURES, name);

export const readFixture = (name: string): unknown =>
  JSON.parse(readFileSync(fixturePath(name), 'utf8'));

/** The fixtures that are valid phenopackets, by file name. */
export const VALID_FIXTURES = [
  'chromosomal-deletion.json',
  'excluded-terms.json',
  'no-version.json',
  'v2-string-pos.json',
  'v2.0-gene-only.json',
  'v2.0.2-full.json',
  'nested/v2.0.2-minimal.json',
];

/** Rounds numbers so ages that went through an ISO 8601 duration compare equal. */
export function roundNumbers<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'number' ? Math.round(v * 1e9) / 1e9 : v,
    ),
  ) as T;
}
