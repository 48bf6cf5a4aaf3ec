import type VCFParser from '@gmod/vcf';
import type { InfoValue } from '@gmod/vcf';

export const ANNOTATION_FIELDS = ['CSQ', 'ANN', 'GENEINFO'] as const;
export type AnnotationField = (typeof ANNOTATION_FIELDS)[number];

/** A gene named by one annotation: its symbol and, when the annotation carries one, a stable id. */
export interface GeneMention {
  symbol: string;
  /** "HGNC:<n>" (VEP HGNC_ID) or "NCBIGene:<n>" (GENEINFO). */
  id?: string;
}

export interface GeneExtractor {
  /** Annotation fields declared in the header. */
  declared: AnnotationField[];
  /** Why the CSQ field cannot be used (no Format, or no SYMBOL in it), when declared. */
  csqProblem?: string;
  mentions(info: Record<string, InfoValue>): GeneMention[];
}

// SnpEff's documented layout, used when its header does not spell the fields out.
const ANN_GENE_NAME = 3;
const ANN_FEATURE_TYPE = 5;

function description(parser: VCFParser, field: AnnotationField): string | undefined {
  const d = parser.getMetadata('INFO', field, 'Description');
  return typeof d === 'string' ? d : undefined;
}

/** Field names from a "... Format: A|B|C" (VEP) or "... 'A | B | C'" (SnpEff) description. */
function pipeFields(desc: string | undefined, marker: RegExp): string[] | undefined {
  const m = desc ? marker.exec(desc) : null;
  return m?.[1]?.split('|').map((f) => f.trim().replace(/^'|'$/g, ''));
}

const values = (v: InfoValue | undefined): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];

/** Builds the reader of gene names for a VCF from its header. */
export function geneExtractor(parser: VCFParser): GeneExtractor {
  const declared = ANNOTATION_FIELDS.filter((f) => description(parser, f) !== undefined);

  const csqFields = pipeFields(description(parser, 'CSQ'), /Format:\s*([^"]+)/i);
  const csqSymbol = csqFields?.indexOf('SYMBOL') ?? -1;
  const csqHgnc = csqFields?.indexOf('HGNC_ID') ?? -1;
  let csqProblem: string | undefined;
  if (declared.includes('CSQ') && !csqFields)
    csqProblem = 'its CSQ header has no "Format: ..." field list';
  else if (declared.includes('CSQ') && csqSymbol < 0)
    csqProblem = 'its CSQ Format has no SYMBOL field';

  const annFields = pipeFields(description(parser, 'ANN'), /'([^']*\|[^']*)'/);
  const annGene = annFields?.includes('Gene_Name') ? annFields.indexOf('Gene_Name') : ANN_GENE_NAME;
  const annFeature = annFields?.includes('Feature_Type')
    ? annFields.indexOf('Feature_Type')
    : ANN_FEATURE_TYPE;

  const mentions = (info: Record<string, InfoValue>): GeneMention[] => {
    const out: GeneMention[] = [];
    if (csqSymbol >= 0) {
      for (const entry of values(info.CSQ)) {
        const parts = entry.split('|');
        const symbol = parts[csqSymbol]?.trim();
        if (!symbol) continue; // intergenic consequences carry no gene
        const hgnc = csqHgnc >= 0 ? parts[csqHgnc]?.trim() : undefined;
        out.push(hgnc ? { symbol, id: /^\d+$/.test(hgnc) ? `HGNC:${hgnc}` : hgnc } : { symbol });
      }
    }
    for (const entry of values(info.ANN)) {
      const parts = entry.split('|');
      // SnpEff names intergenic regions after both flanking genes ("A-B"), which is no gene.
      if (parts[annFeature]?.trim() === 'intergenic_region') continue;
      for (const symbol of (parts[annGene] ?? '').split('&')) {
        if (symbol.trim() !== '') out.push({ symbol: symbol.trim() });
      }
    }
    for (const entry of values(info.GENEINFO)) {
      for (const pair of entry.split('|')) {
        const [symbol = '', id = ''] = pair.split(':').map((s) => s.trim());
        if (symbol !== '')
          out.push(/^\d+$/.test(id) ? { symbol, id: `NCBIGene:${id}` } : { symbol });
      }
    }
    return out;
  };

  return { declared, ...(csqProblem ? { csqProblem } : {}), mentions };
}
