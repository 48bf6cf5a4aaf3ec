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

/** The mini knowledge base: mini.obo, mini.hpoa and the hand-written gene files in fixtures/kb. */
export async function miniKb(): Promise<import('../core/genes/kb/knowledge-base.js').KnowledgeBase> {
  const { GeneIdentity } = await import('../core/genes/identity.js');
  const { buildKnowledge } = await import('../core/genes/kb/build.js');
  const { KnowledgeBase } = await import('../core/genes/kb/knowledge-base.js');
  const { ontology, ic } = await miniHpo();
  const identity = new GeneIdentity([
    { symbol: 'GENEA', ncbiId: '1', hgncId: 'HGNC:1', previousSymbols: ['OLDA'] },
    { symbol: 'GENEB', ncbiId: '2', hgncId: 'HGNC:2' },
    { symbol: 'GENEC', ncbiId: '3', hgncId: 'HGNC:3', aliasSymbols: ['CEE'] },
    { symbol: 'GENED', ncbiId: '4', hgncId: 'HGNC:4' },
    { symbol: 'GENEG', ncbiId: '7', hgncId: 'HGNC:7' },
    { symbol: 'GENEH', ncbiId: '8', hgncId: 'HGNC:8' },
  ]);
  const versions = { hpo: '2099-01-01', hpoAnnotations: '2099-01-01', genesToPhenotype: 'test', genesToDisease: 'test', hgnc: 'test' };
  const data = await buildKnowledge(
    { genesToPhenotype: fixture('kb', 'mini-gene-phenotype.tsv'), phenotypeHpoa: fixture('hpo', 'mini.hpoa'), genesToDisease: fixture('kb', 'mini-gene-disease.tsv') },
    ontology,
    identity,
    versions,
  );
  return new KnowledgeBase({ ontology, ic, versions: { hpo: '2099-01-01', annotations: '2099-01-01' }, diseaseCount: 4 }, identity, data);
}
