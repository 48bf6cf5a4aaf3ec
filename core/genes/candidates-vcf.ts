import VCFParser from '@gmod/vcf';
import { OdysseyError } from '../errors.js';
import { readLines } from '../io/lines.js';
import { buildCandidateSet, type CandidateSet } from './candidate-set.js';
import { assertReadableFile, sha256File } from './file-source.js';
import type { GeneIdentity } from './identity.js';
import {
  ANNOTATION_FIELDS,
  geneExtractor,
  type AnnotationField,
  type GeneMention,
} from './vcf-annotation.js';

export interface VcfCandidateOptions {
  /**
   * Keep records whose FILTER is neither PASS nor '.'. Off by default: a call the pipeline
   * rejected should not put its gene on the candidate list, and the count left out is reported.
   */
  includeFiltered?: boolean;
}

const ANNOTATE_HINT =
  'Annotate the VCF first, e.g. `vep -i in.vcf -o annotated.vcf --vcf --symbol --cache` (VEP, CSQ with SYMBOL) or `snpEff ann GRCh38.105 in.vcf > annotated.vcf` (SnpEff, ANN), or use a VCF with a GENEINFO field (e.g. ClinVar); or give the candidate genes as a list instead.';

function invalid(path: string, problem: string, cause?: unknown): OdysseyError {
  return new OdysseyError(
    'vcf-invalid',
    `${path} is not a valid VCF: ${problem}.`,
    'Pass a VCF file (plain or bgzipped .vcf.gz) starting with a "##fileformat=VCFv4.x" line, or load the file as a gene list or panel instead.',
    cause === undefined ? undefined : { cause },
  );
}

const printable = (text: string, max = 60): string => {
  const clean = text.replace(/[^\x20-\x7e]/g, '?');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
};

/** A parser message fit for one line of output (the library quotes whole lines, tabs included). */
const oneLine = (e: unknown): string => printable((e as Error).message.replace(/\s+/g, ' '), 160);

const passes = (filter: string | string[] | undefined): boolean =>
  filter === undefined || filter === 'PASS';

/** The name to resolve for a mention: its stable id when the identity table knows it, else its symbol. */
function nameFor(identity: GeneIdentity, m: GeneMention): string {
  return m.id && identity.resolve(m.id).status === 'id' ? m.id : m.symbol;
}

/**
 * A candidate set from the genes named in an annotated VCF (plain or bgzipped): VEP CSQ (via
 * the header's SYMBOL position), SnpEff ANN (Gene_Name) or GENEINFO (SYMBOL:ID|...).
 */
export async function candidatesFromVcf(
  identity: GeneIdentity,
  path: string,
  options: VcfCandidateOptions = {},
): Promise<CandidateSet> {
  await assertReadableFile(path, 'VCF file');
  const header: string[] = [];
  let parser: VCFParser | undefined;
  let extractor: ReturnType<typeof geneExtractor> | undefined;
  const inRecords = new Set<AnnotationField>();
  // Keyed case-insensitively so a multi-gigabyte VCF keeps one entry per gene, in first-seen order.
  const names = new Map<string, string>();
  const seenMentions = new Set<string>();
  let lineNo = 0;
  let records = 0;
  let filteredOut = 0;

  for await (const line of readLines(path)) {
    lineNo++;
    if (lineNo === 1 && !/^##fileformat=VCF/i.test(line.replace(/^\uFEFF/, ''))) {
      throw invalid(path, `line 1 is "${printable(line)}", expected "##fileformat=VCFv4.x"`);
    }
    if (line.trim() === '') continue;
    if (!parser || !extractor) {
      if (!line.startsWith('#'))
        throw invalid(path, `line ${lineNo} holds a record before the "#CHROM" header line`);
      header.push(line);
      if (line.startsWith('#CHROM')) {
        try {
          parser = new VCFParser({ header: header.join('\n') });
        } catch (e) {
          throw invalid(
            path,
            `its header (lines 1-${lineNo}) could not be read (${oneLine(e)})`,
            e,
          );
        }
        extractor = geneExtractor(parser);
      }
      continue;
    }
    let variant;
    try {
      variant = parser.parseLine(line);
    } catch (e) {
      throw invalid(path, `line ${lineNo} is not a VCF record (${oneLine(e)})`, e);
    }
    if (!Number.isInteger(variant.POS) || variant.POS < 0) {
      throw invalid(
        path,
        `line ${lineNo} has POS "${printable(line.split('\t')[1] ?? '')}", expected a position`,
      );
    }
    records++;
    for (const f of ANNOTATION_FIELDS) if (f in variant.INFO) inRecords.add(f);
    if (!options.includeFiltered && !passes(variant.FILTER)) {
      filteredOut++;
      continue;
    }
    for (const m of extractor.mentions(variant.INFO)) {
      const mentionKey = m.id ? `${m.id}\t${m.symbol}` : m.symbol;
      if (seenMentions.has(mentionKey)) continue;
      seenMentions.add(mentionKey);
      const name = nameFor(identity, m);
      const k = name.toUpperCase();
      if (!names.has(k)) names.set(k, name);
    }
  }

  if (!parser || !extractor) {
    throw invalid(path, lineNo === 0 ? 'the file is empty' : 'it has no "#CHROM" header line');
  }
  const annotations = ANNOTATION_FIELDS.filter(
    (f) => extractor.declared.includes(f) || inRecords.has(f),
  );
  if (annotations.length === 0) {
    throw new OdysseyError(
      'vcf-unannotated',
      `${path} has no gene annotation: neither its header nor its ${records} record(s) carry a CSQ (VEP), ANN (SnpEff) or GENEINFO INFO field.`,
      ANNOTATE_HINT,
    );
  }
  const csqProblem =
    extractor.csqProblem ??
    (inRecords.has('CSQ') && !extractor.declared.includes('CSQ')
      ? 'its records carry CSQ but the header does not declare it'
      : undefined);
  const notes: string[] = [];
  if (csqProblem && annotations.length === 1) {
    throw new OdysseyError(
      'vcf-csq-no-symbol',
      `${path} has VEP annotation that names no genes: ${csqProblem}.`,
      'Re-run VEP with `--symbol` (or `--everything`) and `--vcf`, so the CSQ header lists SYMBOL.',
    );
  }
  if (csqProblem)
    notes.push(
      `${path}: CSQ annotation ignored because ${csqProblem}; genes were taken from ${annotations.filter((a) => a !== 'CSQ').join(' and ')}`,
    );
  if (filteredOut > 0) {
    notes.push(
      `${path}: ${filteredOut} of ${records} variant record(s) did not pass FILTER and were left out; include filtered records to use their genes`,
    );
  }
  if (names.size === 0) {
    const why =
      records === 0
        ? 'it has no variant records'
        : filteredOut === records
          ? `all ${records} variant record(s) failed FILTER`
          : `none of its ${records - filteredOut} annotated record(s) falls in a gene`;
    throw new OdysseyError(
      'candidates-empty',
      `${path} names no candidate genes: ${why}.`,
      filteredOut === records && records > 0
        ? 'Include filtered records, or pass a VCF with PASS calls.'
        : 'Pass a VCF with annotated variants in genes, or give the candidate genes as a list.',
    );
  }
  return buildCandidateSet(
    identity,
    [...names.values()],
    {
      kind: 'vcf',
      path,
      sha256: await sha256File(path),
      vcf: { records, filteredOut, annotations },
    },
    notes,
  );
}
