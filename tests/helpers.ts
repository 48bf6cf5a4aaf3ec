import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseObo } from '../core/hpo/obo-parser.js';
import { Ontology } from '../core/hpo/ontology.js';
import { phenotypeSetsByDisease, readPhenotypeHpoa } from '../core/hpo/annotations.js';
import { computeInformationContent } from '../core/hpo/information-content.js';

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const fixture = (...parts: string[]): string => join(FIXTURES, ...parts);

export function tempDir(prefix = 'odyssey-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The hand-written mini ontology with IC from the mini annotation file. */
export async function miniHpo(): Promise<{ ontology: Ontology; ic: Float64Array }> {
  const ontology = new Ontology(await parseObo(fixture('hpo', 'mini.obo')));
  const hpoa = await readPhenotypeHpoa(fixture('hpo', 'mini.hpoa'), ontology);
  const ic = computeInformationContent(ontology, phenotypeSetsByDisease(hpoa.annotations).values());
  return { ontology, ic };
}
