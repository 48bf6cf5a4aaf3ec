/**
 * GA4GH Phenopacket v2 JSON to and from Odyssey's PatientCase. Reading accepts the schema
 * version spellings seen in the wild ("2.0.2", "2.0", "2", or none) and refuses v1 outright,
 * since v1 files parse "successfully" as v2 but lose negation and onset along the way.
 */
import type { z } from 'zod';
import { OdysseyError } from '../errors.js';
import { durationToYears } from './duration.js';
import { gestationalOnsetTerm } from './onset.js';
import {
  DURATION_MESSAGE,
  HPO_ID_MESSAGE,
  phenopacketSchema,
  type PhenopacketJson,
  type TimeElementJson,
} from './phenopacket-schema.js';
import type {
  CaseDiagnosis,
  DiseaseRef,
  PatientCase,
  PhenotypeEntry,
  VariantCall,
} from './types.js';

export { toPhenopacket, type PhenopacketMeta } from './phenopacket-write.js';

const V2_VERSION_RE = /^2(\.0(\.\d+)?)?$/;
const V1_VERSION_RE = /^[01](\.|$)/;
// Field names that exist only in v1 (or the pre-1.0 drafts): v2 renamed or removed every one.
const V1_TOP_LEVEL = ['phenotypes', 'genes', 'variants', 'htsFiles'];
const V1_FEATURE = ['negated', 'classOfOnset', 'ageOfOnset', 'ageRangeOfOnset'];

const SCHEMA_DOCS = 'https://phenopacket-schema.readthedocs.io';

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether a JSON document is meant to be a phenopacket at all, so batch readers can pass over
 * package.json and the like instead of reporting them as broken cases. Deliberately loose:
 * anything with the shape of a phenopacket (v1 included) is read, and fails loudly if wrong.
 */
export function looksLikePhenopacket(json: unknown): boolean {
  if (!isRecord(json)) return false;
  return (
    'phenotypicFeatures' in json ||
    'phenotypes' in json ||
    ('subject' in json && 'metaData' in json)
  );
}

/** Reads one Phenopacket v2 document. Throws OdysseyError naming `source` and the bad field. */
export function parsePhenopacket(json: unknown, source?: string): PatientCase {
  const where = source ?? 'phenopacket';
  if (!isRecord(json)) {
    const got = Array.isArray(json) ? 'an array' : json === null ? 'null' : `a ${typeof json}`;
    throw new OdysseyError(
      'case-invalid',
      `${where}: expected a phenopacket JSON object, got ${got}.`,
      'Give one GA4GH Phenopacket v2 object per file (or per line in a .jsonl file).',
    );
  }
  checkVersion(json, where);
  const parsed = phenopacketSchema.safeParse(json);
  if (!parsed.success) throw schemaError(parsed.error, where);
  return toCase(parsed.data, where, source);
}

function checkVersion(json: Json, where: string): void {
  const meta = json.metaData;
  const version = isRecord(meta) ? meta.phenopacketSchemaVersion : undefined;
  const v1Field = findV1Field(json);
  if (v1Field !== undefined || (typeof version === 'string' && V1_VERSION_RE.test(version))) {
    const why =
      v1Field !== undefined
        ? `it has the v1 field ${v1Field}`
        : `metaData.phenopacketSchemaVersion is "${version}"`;
    throw new OdysseyError(
      'case-v1',
      `${where}: is a Phenopacket v1 file (${why}); Odyssey reads Phenopacket v2 only.`,
      'Convert it to v2 first (for example with the `convert` command of phenopacket-tools), then load the converted file.',
    );
  }
  if (typeof version === 'string' && !V2_VERSION_RE.test(version)) {
    throw new OdysseyError(
      'case-unsupported-version',
      `${where}: metaData.phenopacketSchemaVersion is "${version}"; Odyssey reads Phenopacket v2 ("2", "2.0" or "2.0.x").`,
      'Export the case as a Phenopacket v2 file (schema version 2.0.2).',
    );
  }
}

function findV1Field(json: Json): string | undefined {
  const top = V1_TOP_LEVEL.find((k) => k in json);
  if (top) return top;
  if (isRecord(json.subject) && 'ageAtCollection' in json.subject) return 'subject.ageAtCollection';
  const features = Array.isArray(json.phenotypicFeatures) ? json.phenotypicFeatures : [];
  for (const [i, f] of features.entries()) {
    const key = isRecord(f) ? V1_FEATURE.find((k) => k in f) : undefined;
    if (key) return `phenotypicFeatures[${i}].${key}`;
  }
  return undefined;
}

/** phenotypicFeatures[3].type.id, as a person would write the path. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(top level)';
}

function fixFor(message: string, path: string): string {
  if (message.startsWith(HPO_ID_MESSAGE)) {
    return `Correct ${path} to an HPO term id: HP, a colon and seven digits, e.g. HP:0001250 for Seizure.`;
  }
  if (message.startsWith(DURATION_MESSAGE)) {
    return `Write ${path} as an ISO 8601 duration: P1Y6M is 18 months, P3W three weeks, P10D ten days.`;
  }
  return `Correct ${path} to the type the GA4GH Phenopacket v2 schema gives it (${SCHEMA_DOCS}), or re-export the case from the tool that made it.`;
}

function schemaError(error: z.ZodError, where: string): OdysseyError {
  const issue = error.issues[0];
  const path = issue ? formatPath(issue.path) : '(top level)';
  const what = issue?.message ?? 'not a valid phenopacket';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  return new OdysseyError(
    'case-invalid',
    `${where}: field ${path}: ${what}${more}.`,
    fixFor(what, path),
  );
}

interface TimePoint {
  years?: number;
  term?: string;
}

function readTime(t: TimeElementJson | undefined): TimePoint {
  if (!t) return {};
  if (t.age) return { years: durationToYears(t.age.iso8601duration) };
  if (t.ontologyClass) return { term: t.ontologyClass.id };
  if (t.gestationalAge)
    return { term: gestationalOnsetTerm(t.gestationalAge.weeks, t.gestationalAge.days) };
  return {};
}

/**
 * A copy without the undefined members, so cases compare, serialise and display without empty
 * keys. Copying rather than deleting keeps V8's fast object shapes for the ranker's hot loops.
 */
function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

function toCase(p: PhenopacketJson, where: string, source: string | undefined): PatientCase {
  const subject = p.subject;
  const id = p.id || subject?.id;
  if (!id) {
    throw new OdysseyError(
      'case-invalid',
      `${where}: field id: the phenopacket has neither an id nor a subject.id.`,
      'Give the phenopacket an "id" (any string unique within the batch).',
    );
  }
  const observed: PhenotypeEntry[] = [];
  const excluded: PhenotypeEntry[] = [];
  for (const f of p.phenotypicFeatures ?? []) {
    const onset = readTime(f.onset);
    const entry = compact({
      id: f.type.id,
      label: f.type.label,
      onsetYears: onset.years,
      onsetTerm: onset.term,
    });
    (f.excluded ? excluded : observed).push(entry);
  }
  const age = readTime(subject?.timeAtLastEncounter);
  // The case's onset is the disease's: v2 has no case-level onset field of its own.
  const onset = readTime(p.diseases?.find((d) => !d.excluded && d.onset)?.onset);
  const pmids = new Set<string>();
  for (const ref of p.metaData?.externalReferences ?? []) {
    const m = /^pmid:\s*(\d+)$/i.exec(ref.id ?? '');
    if (m) pmids.add(`PMID:${m[1]}`);
  }
  return compact({
    id,
    label: subject?.id && subject.id !== id ? subject.id : undefined,
    sex: subject?.sex,
    vitalStatus: subject?.vitalStatus?.status,
    ageYears: age.years,
    ageTerm: age.term,
    onsetYears: onset.years,
    onsetTerm: onset.term,
    observed,
    excluded,
    diagnosis: readDiagnosis(p),
    pmids: [...pmids],
    schemaVersion: p.metaData?.phenopacketSchemaVersion,
    source,
  });
}

// Only settled findings make a diagnosis: an interpretation still in progress or closed as
// unsolved, and a gene that was rejected or is merely a candidate, are not the answer.
const OPEN_PROGRESS = new Set(['IN_PROGRESS', 'UNSOLVED']);
const NOT_CAUSAL = new Set(['REJECTED', 'CANDIDATE']);

function readDiagnosis(p: PhenopacketJson): CaseDiagnosis | undefined {
  const diseases = new Map<string, DiseaseRef>();
  const addDisease = (d: { id: string; label?: string | undefined }): void => {
    const seen = diseases.get(d.id);
    if (!seen) diseases.set(d.id, compact({ id: d.id, label: d.label }));
    else if (!seen.label && d.label) seen.label = d.label;
  };
  const genes: string[] = [];
  const geneIds: Record<string, string> = {};
  const addGene = (symbol: string | undefined, geneId: string | undefined): void => {
    if (!symbol) return;
    if (!genes.includes(symbol)) genes.push(symbol);
    if (geneId && !geneIds[symbol]) geneIds[symbol] = geneId;
  };
  const variants: VariantCall[] = [];

  for (const interp of p.interpretations ?? []) {
    if (interp.progressStatus && OPEN_PROGRESS.has(interp.progressStatus)) continue;
    if (interp.diagnosis?.disease) addDisease(interp.diagnosis.disease);
    for (const gi of interp.diagnosis?.genomicInterpretations ?? []) {
      if (gi.interpretationStatus && NOT_CAUSAL.has(gi.interpretationStatus)) continue;
      if (gi.gene) addGene(gi.gene.symbol, gi.gene.valueId);
      const vd = gi.variantInterpretation?.variationDescriptor;
      if (!vd) continue;
      const gene = vd.geneContext?.symbol || undefined;
      addGene(gene, vd.geneContext?.valueId);
      const hgvs = (vd.expressions ?? [])
        .filter((e) => e.syntax.startsWith('hgvs'))
        .map((e) => e.value);
      const vcf = vd.vcfRecord;
      variants.push(
        compact({
          hgvs: hgvs.length ? hgvs : undefined,
          vcf: vcf
            ? compact({
                chrom: vcf.chrom,
                pos: Number(vcf.pos),
                ref: vcf.ref,
                alt: vcf.alt,
                assembly: vcf.genomeAssembly,
              })
            : undefined,
          gene,
          geneId: gene ? vd.geneContext?.valueId || undefined : undefined,
          allelicState: vd.allelicState ? compact(vd.allelicState) : undefined,
          label: vd.label,
          structuralType: vd.structuralType ? compact(vd.structuralType) : undefined,
        }),
      );
    }
  }
  for (const d of p.diseases ?? []) if (!d.excluded) addDisease(d.term);

  if (!diseases.size && !genes.length && !variants.length) return undefined;
  return { diseases: [...diseases.values()], genes, geneIds, variants };
}
