/**
 * The parts of the GA4GH Phenopacket v2 JSON that Odyssey reads, as a zod schema. Unknown fields
 * pass through untouched (exports carry biosamples, measurements, files, ... we do not use), but a
 * field we do read must have the type the schema gives it, so bad data fails loudly, not silently.
 */
import { z } from 'zod';
import { durationToYears } from './duration.js';

export const HPO_ID_RE = /^HP:\d{7}$/;
export const HPO_ID_MESSAGE = 'expected an HPO term id of the form HP:0000000';
export const DURATION_MESSAGE = 'expected an ISO 8601 duration such as P1Y6M, P3W or P10D';

const quote = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
};

const hpoId = z.string().regex(HPO_ID_RE, {
  error: (iss) => `${HPO_ID_MESSAGE}, got ${quote(iss.input)}`,
});
const isoDuration = z.string().refine((s) => durationToYears(s) !== undefined, {
  error: (iss) => `${DURATION_MESSAGE}, got ${quote(iss.input)}`,
});

const ontologyClass = z.object({ id: z.string().min(1), label: z.string().optional() });
const hpoClass = z.object({ id: hpoId, label: z.string().optional() });

// TimeElement is a protobuf oneof; timestamp, interval and ageRange cannot become an age in
// years without more context, so they are left unread (and therefore unchecked).
const timeElement = z.object({
  age: z.object({ iso8601duration: isoDuration }).optional(),
  gestationalAge: z
    .object({ weeks: z.number().int().min(0), days: z.number().int().min(0).max(6).optional() })
    .optional(),
  ontologyClass: hpoClass.optional(),
});

const phenotypicFeature = z.object({
  type: hpoClass,
  excluded: z.boolean().optional(),
  onset: timeElement.optional(),
});

const disease = z.object({
  term: ontologyClass,
  excluded: z.boolean().optional(),
  onset: timeElement.optional(),
});

// Protobuf's JSON mapping writes 64-bit integers such as VcfRecord.pos as decimal strings, and
// some exporters do (19 files of phenopacket-store do), so both spellings are the same field.
const position = z.union([z.number().int().positive(), z.string().regex(/^[1-9]\d*$/)], {
  error: (iss) => `expected a positive whole-number position, got ${quote(iss.input)}`,
});

const vcfRecord = z.object({
  genomeAssembly: z.string().optional(),
  chrom: z.string().min(1),
  pos: position,
  ref: z.string(),
  alt: z.string(),
});

const geneDescriptor = z.object({ valueId: z.string().optional(), symbol: z.string() });

const variationDescriptor = z.object({
  label: z.string().optional(),
  geneContext: geneDescriptor.optional(),
  expressions: z.array(z.object({ syntax: z.string(), value: z.string() })).optional(),
  vcfRecord: vcfRecord.optional(),
  allelicState: ontologyClass.optional(),
  structuralType: ontologyClass.optional(),
});

const genomicInterpretation = z.object({
  interpretationStatus: z
    .enum(['UNKNOWN_STATUS', 'REJECTED', 'CANDIDATE', 'CONTRIBUTORY', 'CAUSATIVE'])
    .optional(),
  gene: geneDescriptor.optional(),
  variantInterpretation: z.object({ variationDescriptor: variationDescriptor }).optional(),
});

const interpretation = z.object({
  progressStatus: z
    .enum(['UNKNOWN_PROGRESS', 'IN_PROGRESS', 'COMPLETED', 'SOLVED', 'UNSOLVED'])
    .optional(),
  diagnosis: z
    .object({
      disease: ontologyClass.optional(),
      genomicInterpretations: z.array(genomicInterpretation).optional(),
    })
    .optional(),
});

const subject = z.object({
  id: z.string().optional(),
  sex: z.enum(['UNKNOWN_SEX', 'FEMALE', 'MALE', 'OTHER_SEX']).optional(),
  vitalStatus: z
    .object({ status: z.enum(['UNKNOWN_STATUS', 'ALIVE', 'DECEASED']).optional() })
    .optional(),
  timeAtLastEncounter: timeElement.optional(),
});

const metaData = z.object({
  phenopacketSchemaVersion: z.string().optional(),
  externalReferences: z.array(z.object({ id: z.string().optional() })).optional(),
});

export const phenopacketSchema = z.object({
  id: z.string().optional(),
  subject: subject.optional(),
  phenotypicFeatures: z.array(phenotypicFeature).optional(),
  diseases: z.array(disease).optional(),
  interpretations: z.array(interpretation).optional(),
  metaData: metaData.optional(),
});

export type PhenopacketJson = z.infer<typeof phenopacketSchema>;
export type TimeElementJson = z.infer<typeof timeElement>;
export type VariationDescriptorJson = z.infer<typeof variationDescriptor>;
