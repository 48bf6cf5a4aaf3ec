/**
 * The patient case as Odyssey sees it, whatever file it came from. Plain types with no imports,
 * so the store, reports, ranker and UI can all depend on them without pulling in parsers.
 */

export type Sex = 'FEMALE' | 'MALE' | 'OTHER_SEX' | 'UNKNOWN_SEX';

export type VitalStatus = 'ALIVE' | 'DECEASED' | 'UNKNOWN_STATUS';

/** A term from an ontology: an HPO onset class, a GENO allelic state, a SO structural type. */
export interface OntologyRef {
  id: string;
  label?: string;
}

export interface PhenotypeEntry {
  /** HPO term id, always of the form HP:0000000. */
  id: string;
  label?: string;
  /** Onset as an age in years, when the source gave an age. */
  onsetYears?: number;
  /** Onset as an HPO onset class id (e.g. HP:0003577 Congenital onset), when given as a class. */
  onsetTerm?: string;
}

export interface DiseaseRef {
  /** Disease id as given, e.g. OMIM:614959, ORPHA:558, MONDO:0007739. */
  id: string;
  label?: string;
}

export interface VcfPosition {
  chrom: string;
  pos: number;
  ref: string;
  alt: string;
  /** Genome assembly as given, e.g. hg38 or GRCh37. */
  assembly?: string;
}

export interface VariantCall {
  /** HGVS expressions (c., g., p., ...) as given. */
  hgvs?: string[];
  vcf?: VcfPosition;
  /** Gene symbol the variant lies in, as given by the source. */
  gene?: string;
  /** Gene id (usually HGNC:nnnn) as given by the source. */
  geneId?: string;
  /** Zygosity, usually a GENO term (GENO:0000135 heterozygous, ...). */
  allelicState?: OntologyRef;
  /** Free-text label for variants described without HGVS, e.g. "1.5 Mb deletion". */
  label?: string;
  /** Sequence Ontology type for structural variants, e.g. SO:1000029 chromosomal_deletion. */
  structuralType?: OntologyRef;
}

export interface CaseDiagnosis {
  diseases: DiseaseRef[];
  /** Causal gene symbols as given by the source (not normalised to current HGNC symbols). */
  genes: string[];
  /** Gene id (usually HGNC:nnnn) by symbol, for the genes whose id the source gave. */
  geneIds: Record<string, string>;
  variants: VariantCall[];
}

export interface PatientCase {
  id: string;
  /** The subject's own identifier in the source, e.g. "Patient 4"; shown next to the case id. */
  label?: string;
  sex?: Sex;
  vitalStatus?: VitalStatus;
  /** Age at last encounter in years. */
  ageYears?: number;
  /** Age at last encounter as an HPO onset class id, when only a class (or a gestational age) was given. */
  ageTerm?: string;
  /** Disease onset in years. */
  onsetYears?: number;
  /** Disease onset as an HPO onset class id. */
  onsetTerm?: string;
  observed: PhenotypeEntry[];
  excluded: PhenotypeEntry[];
  /** The established diagnosis, when the case is solved. */
  diagnosis?: CaseDiagnosis;
  /** Literature references as CURIEs, e.g. PMID:23086397. */
  pmids: string[];
  /** metaData.phenopacketSchemaVersion as written in the file ("2.0.2", "2.0", "2"). */
  schemaVersion?: string;
  /** Where the case was read from: a file path, `file:line` or `archive:entry`. */
  source?: string;
}
