/**
 * PatientCase to GA4GH Phenopacket v2 (schema 2.0.2) JSON, for exporting cases and for the case
 * store. What the PatientCase holds survives a write and re-read by parsePhenopacket; what it
 * never held (evidence, modifiers, ACMG classes, feature order across observed/excluded) does not.
 */
import { yearsToDuration } from './duration.js';
import { ONSET_TERM_LABELS } from './onset.js';
import type { OntologyRef, PatientCase, PhenotypeEntry, VariantCall } from './types.js';

export interface PhenopacketMeta {
  /** RFC 3339 timestamp, e.g. new Date().toISOString(). */
  created: string;
  /** Person or tool that made the file. */
  createdBy: string;
  /** HPO release the term ids come from, e.g. "2026-02-16". */
  hpoVersion: string;
}

export interface Resource {
  id: string;
  name: string;
  url: string;
  version?: string;
  namespacePrefix: string;
  iriPrefix: string;
}

// v2 asks for one metaData.resources entry per ontology whose terms the file uses. Only the
// HPO version is known to Odyssey; the others are listed without a version rather than a guess.
const KNOWN_RESOURCES: Record<string, Omit<Resource, 'version'>> = {
  HP: {
    id: 'hp',
    name: 'human phenotype ontology',
    url: 'http://purl.obolibrary.org/obo/hp.owl',
    namespacePrefix: 'HP',
    iriPrefix: 'http://purl.obolibrary.org/obo/HP_',
  },
  GENO: {
    id: 'geno',
    name: 'Genotype Ontology',
    url: 'http://purl.obolibrary.org/obo/geno.owl',
    namespacePrefix: 'GENO',
    iriPrefix: 'http://purl.obolibrary.org/obo/GENO_',
  },
  SO: {
    id: 'so',
    name: 'Sequence types and features ontology',
    url: 'http://purl.obolibrary.org/obo/so.obo',
    namespacePrefix: 'SO',
    iriPrefix: 'http://purl.obolibrary.org/obo/SO_',
  },
  OMIM: {
    id: 'omim',
    name: 'An Online Catalog of Human Genes and Genetic Disorders',
    url: 'https://www.omim.org',
    namespacePrefix: 'OMIM',
    iriPrefix: 'https://www.omim.org/entry/',
  },
  MONDO: {
    id: 'mondo',
    name: 'Mondo Disease Ontology',
    url: 'http://purl.obolibrary.org/obo/mondo.obo',
    namespacePrefix: 'MONDO',
    iriPrefix: 'http://purl.obolibrary.org/obo/MONDO_',
  },
  ORPHA: {
    id: 'orpha',
    name: 'Orphanet Rare Disease Ontology',
    url: 'https://www.orphadata.com',
    namespacePrefix: 'ORPHA',
    iriPrefix: 'http://www.orpha.net/ORDO/Orphanet_',
  },
  HGNC: {
    id: 'hgnc',
    name: 'HUGO Gene Nomenclature Committee',
    url: 'https://www.genenames.org',
    namespacePrefix: 'HGNC',
    iriPrefix: 'https://www.genenames.org/data/gene-symbol-report/#!/hgnc_id/',
  },
};

const optional = <V>(key: string, value: V | undefined): Record<string, V> =>
  value === undefined ? {} : { [key]: value };

const prefixOf = (curie: string): string => curie.split(':', 1)[0] ?? curie;

function timeElement(years: number | undefined, term: string | undefined): object | undefined {
  if (years !== undefined) return { age: { iso8601duration: yearsToDuration(years) } };
  if (term !== undefined)
    return { ontologyClass: { id: term, ...optional('label', ONSET_TERM_LABELS[term]) } };
  return undefined;
}

function feature(f: PhenotypeEntry, excluded: boolean): object {
  return {
    type: f.label === undefined ? { id: f.id } : { id: f.id, label: f.label },
    ...(excluded ? { excluded: true } : {}),
    ...optional('onset', timeElement(f.onsetYears, f.onsetTerm)),
  };
}

// Syntax names follow VRSATILE Expression.syntax; the coordinate type letter tells them apart.
function hgvsSyntax(value: string): string {
  const m = /:([cgnmpr])\./.exec(value);
  return m ? `hgvs.${m[1]}` : 'hgvs';
}

function variationDescriptor(v: VariantCall, id: string): object {
  return {
    id,
    ...optional('label', v.label),
    ...optional(
      'geneContext',
      v.gene === undefined ? undefined : { ...optional('valueId', v.geneId), symbol: v.gene },
    ),
    ...optional(
      'expressions',
      v.hgvs?.map((value) => ({ syntax: hgvsSyntax(value), value })),
    ),
    ...optional(
      'vcfRecord',
      v.vcf && {
        ...optional('genomeAssembly', v.vcf.assembly),
        chrom: v.vcf.chrom,
        pos: v.vcf.pos,
        ref: v.vcf.ref,
        alt: v.vcf.alt,
      },
    ),
    moleculeContext: 'genomic',
    ...optional('structuralType', v.structuralType),
    ...optional('allelicState', v.allelicState),
  };
}

function interpretations(c: PatientCase, subjectId: string): object[] {
  const dx = c.diagnosis;
  if (!dx) return [];
  const genomic: object[] = dx.variants.map((v, i) => ({
    subjectOrBiosampleId: subjectId,
    interpretationStatus: 'CAUSATIVE',
    variantInterpretation: {
      variationDescriptor: variationDescriptor(v, `${c.id}-variant-${i + 1}`),
    },
  }));
  const withVariant = new Set(dx.variants.map((v) => v.gene));
  for (const symbol of dx.genes.filter((g) => !withVariant.has(g))) {
    genomic.push({
      subjectOrBiosampleId: subjectId,
      interpretationStatus: 'CAUSATIVE',
      gene: { ...optional('valueId', dx.geneIds[symbol]), symbol },
    });
  }
  // Diagnosis.disease holds one disease, so a dual diagnosis becomes one interpretation per
  // disease; which gene explains which disease is not recorded, so the genes go with the first.
  const diseases: (OntologyRef | undefined)[] = dx.diseases.length ? dx.diseases : [undefined];
  return diseases.map((disease, i) => ({
    id: `${c.id}-interpretation-${i + 1}`,
    progressStatus: 'SOLVED',
    diagnosis: {
      ...optional('disease', disease),
      ...(i === 0 && genomic.length ? { genomicInterpretations: genomic } : {}),
    },
  }));
}

function resources(c: PatientCase, hpoVersion: string): Resource[] {
  const prefixes = new Set<string>(['HP']);
  for (const d of c.diagnosis?.diseases ?? []) prefixes.add(prefixOf(d.id));
  for (const v of c.diagnosis?.variants ?? []) {
    if (v.allelicState) prefixes.add(prefixOf(v.allelicState.id));
    if (v.structuralType) prefixes.add(prefixOf(v.structuralType.id));
    if (v.geneId) prefixes.add(prefixOf(v.geneId));
  }
  for (const id of Object.values(c.diagnosis?.geneIds ?? {})) prefixes.add(prefixOf(id));
  return resourcesFor(prefixes, hpoVersion);
}

/** metaData.resources entries for the ontologies of these CURIE prefixes (unknown ones left out). */
export function resourcesFor(prefixes: Iterable<string>, hpoVersion: string): Resource[] {
  const out: Resource[] = [];
  for (const prefix of new Set(prefixes)) {
    const known = KNOWN_RESOURCES[prefix];
    if (known) out.push(prefix === 'HP' ? { ...known, version: hpoVersion } : { ...known });
  }
  return out;
}

/** A Phenopacket v2 (2.0.2) JSON object for the case, ready for JSON.stringify. */
export function toPhenopacket(c: PatientCase, meta: PhenopacketMeta): object {
  const subjectId = c.label ?? c.id;
  const dx = c.diagnosis;
  const onset = timeElement(c.onsetYears, c.onsetTerm);
  return {
    id: c.id,
    subject: {
      id: subjectId,
      ...optional('timeAtLastEncounter', timeElement(c.ageYears, c.ageTerm)),
      ...optional('vitalStatus', c.vitalStatus && { status: c.vitalStatus }),
      ...optional('sex', c.sex),
    },
    phenotypicFeatures: [
      ...c.observed.map((f) => feature(f, false)),
      ...c.excluded.map((f) => feature(f, true)),
    ],
    interpretations: interpretations(c, subjectId),
    // The case's onset is carried by its first disease, the only place v2 has for it.
    diseases: (dx?.diseases ?? []).map((d, i) => ({
      term: d,
      ...(i === 0 ? optional('onset', onset) : {}),
    })),
    metaData: {
      created: meta.created,
      createdBy: meta.createdBy,
      resources: resources(c, meta.hpoVersion),
      phenopacketSchemaVersion: '2.0.2',
      externalReferences: c.pmids.map((id) => ({
        id,
        ...optional(
          'reference',
          /^PMID:\d+$/.test(id) ? `https://pubmed.ncbi.nlm.nih.gov/${id.slice(5)}` : undefined,
        ),
      })),
    },
  };
}
