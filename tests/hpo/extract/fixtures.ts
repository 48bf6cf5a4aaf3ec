import { parseObo } from '../../../core/hpo/obo-parser.js';
import { Ontology } from '../../../core/hpo/ontology.js';
import { TermExtractor, type TermExtractorOptions } from '../../../core/hpo/extract/term-extractor.js';
import type { ExtractedTerm } from '../../../core/hpo/extract/types.js';
import { fixture } from '../../helpers.js';

/** The hand-written extraction ontology (real HPO ids, so the curated tables apply to it). */
export async function miniOntology(): Promise<Ontology> {
  return new Ontology(await parseObo(fixture('extract', 'mini-extract.obo')));
}

export async function miniExtractor(options: TermExtractorOptions = {}): Promise<TermExtractor> {
  return new TermExtractor(await miniOntology(), options);
}

/** "HP:0000365-" for a negated term, "HP:0000365?" for a hedged one, "HP:0000365" otherwise. */
export function brief(terms: readonly ExtractedTerm[]): string[] {
  return terms.map((t) => `${t.id}${t.negated ? '-' : ''}${t.uncertain ? '?' : ''}`);
}
