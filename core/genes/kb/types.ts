/** The gene and disease knowledge the rankers score against, as plain data. */

export interface DiseasePhenotype {
  /** Current HPO id. */
  id: string;
  /** Share of patients with the feature (0–1), when the annotation states it. */
  frequency?: number;
  /** HPO onset class of the feature, when stated. */
  onset?: string;
  /** Set when the annotation applies to one sex only. */
  sex?: 'MALE' | 'FEMALE';
}

export interface Disease {
  /** OMIM:nnnnnn, ORPHA:n or DECIPHER:n. */
  id: string;
  /** Name from phenotype.hpoa; the id itself when the annotations give no name. */
  name: string;
  /** Approved gene symbols associated with the disease. */
  genes: string[];
  /** Positive phenotype annotations (phenotypic abnormality terms), one per term. */
  phenotypes: DiseasePhenotype[];
  /** Terms annotated as NOT present in the disease. */
  negated: string[];
  /** Mode-of-inheritance terms (under HP:0000005). */
  inheritance: string[];
  /** Onset class terms (under HP:0003674). */
  onset: string[];
  /** Publications the annotations cite (PMID:n), used to measure literature overlap honestly. */
  references: string[];
}

export interface Gene {
  symbol: string;
  ncbiId?: string;
  hgncId?: string;
  /** Disease ids, best annotated first. */
  diseases: string[];
}

export interface KnowledgeVersions {
  hpo: string;
  hpoAnnotations: string;
  genesToPhenotype: string;
  genesToDisease: string;
  hgnc: string;
}

export interface KnowledgeData {
  versions: KnowledgeVersions;
  diseases: Disease[];
  genes: Gene[];
  /** Counts of what could not be used while building, so nothing is dropped silently. */
  buildNotes: string[];
}
