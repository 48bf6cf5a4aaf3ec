/** Plain data shapes of the ontology; the Ontology class adds indexes and queries over them. */

export type SynonymScope = 'EXACT' | 'RELATED' | 'BROAD' | 'NARROW';

export interface Synonym {
  text: string;
  scope: SynonymScope;
  /** OBO synonym type, e.g. "layperson", "abbreviation", "uk_spelling", "plural_form". */
  type?: string;
}

export interface Term {
  id: string;
  name: string;
  definition?: string;
  comment?: string;
  synonyms: Synonym[];
  xrefs: string[];
  parents: string[];
  altIds: string[];
  obsolete: boolean;
  replacedBy?: string;
  consider: string[];
}

export interface OntologyData {
  /** Release version from the OBO header, e.g. "2026-02-16". */
  version: string;
  terms: Term[];
}

export const HPO_ID = /^HP:\d{7}$/;
export const ROOT_ID = 'HP:0000001';
export const PHENOTYPIC_ABNORMALITY = 'HP:0000118';
