import { OdysseyError } from '../errors.js';
import { readLines } from '../io/lines.js';
import { parseFrequency } from './frequency.js';
import type { Ontology } from './ontology.js';

/** HPOA aspects: P phenotype, I inheritance, C onset/clinical course, M modifier, H history. */
export type Aspect = 'P' | 'I' | 'C' | 'M' | 'H';

export interface DiseaseAnnotation {
  diseaseId: string;
  diseaseName: string;
  negated: boolean;
  /** The current HPO id (alt ids and obsolete ids resolved against the loaded ontology). */
  hpoId: string;
  /** The id exactly as written in the file, kept so explanations can cite the source. */
  originalHpoId: string;
  references: string[];
  evidence: string;
  onset?: string;
  frequency?: number;
  frequencyRaw?: string;
  sex?: 'MALE' | 'FEMALE';
  modifiers: string[];
  aspect: Aspect;
}

export interface AnnotationFile {
  version?: string;
  annotations: DiseaseAnnotation[];
  /** Ids that could not be mapped to a current term, with how often they occurred. */
  unresolved: Map<string, number>;
}

const EXPECTED_HEADER = ['database_id', 'disease_name', 'qualifier', 'hpo_id', 'reference', 'evidence', 'onset', 'frequency', 'sex', 'modifier', 'aspect', 'biocuration'];

/**
 * Reads phenotype.hpoa (plain or gzipped). The 2025 annotations are read against a newer
 * ontology, so every HPO id is passed through Ontology.resolve; rows that cannot be mapped are
 * counted in `unresolved` rather than silently dropped.
 */
export async function readPhenotypeHpoa(path: string, ontology: Ontology): Promise<AnnotationFile> {
  let version: string | undefined;
  let header: string[] | undefined;
  const annotations: DiseaseAnnotation[] = [];
  const unresolved = new Map<string, number>();
  const resolved = new Map<string, string | null>();
  let lineNo = 0;
  for await (const line of readLines(path)) {
    lineNo++;
    if (line.startsWith('#')) {
      const m = /^#version:\s*(\S+)/.exec(line);
      if (m) version = m[1];
      continue;
    }
    if (!line) continue;
    const cols = line.split('\t');
    if (!header) {
      header = cols;
      if (EXPECTED_HEADER.some((h, i) => cols[i] !== h)) {
        throw new OdysseyError(
          'hpoa-malformed',
          `${path} does not have the phenotype.hpoa header (expected columns ${EXPECTED_HEADER.join(', ')}).`,
          'Reinstall the annotations with `odyssey data install`.',
        );
      }
      continue;
    }
    if (cols.length < 11) {
      throw new OdysseyError('hpoa-malformed', `${path} line ${lineNo} has ${cols.length} columns, expected 12.`, 'Reinstall the annotations with `odyssey data install`.');
    }
    const original = cols[3]!;
    let current = resolved.get(original);
    if (current === undefined) {
      current = ontology.resolve(original).term?.id ?? null;
      resolved.set(original, current);
    }
    if (current === null) {
      unresolved.set(original, (unresolved.get(original) ?? 0) + 1);
      continue;
    }
    const sex = cols[8]?.toUpperCase();
    annotations.push({
      diseaseId: cols[0]!,
      diseaseName: cols[1]!,
      negated: cols[2] === 'NOT',
      hpoId: current,
      originalHpoId: original,
      references: cols[4] ? cols[4].split(';').filter(Boolean) : [],
      evidence: cols[5] ?? '',
      ...(cols[6] ? { onset: cols[6] } : {}),
      ...(cols[7] ? { frequencyRaw: cols[7], frequency: parseFrequency(cols[7]) } : {}),
      ...(sex === 'MALE' || sex === 'FEMALE' ? { sex } : {}),
      modifiers: cols[9] ? cols[9].split(';').filter(Boolean) : [],
      aspect: (cols[10] as Aspect) || 'P',
    });
  }
  if (!header) {
    throw new OdysseyError('hpoa-empty', `${path} has no annotation rows.`, 'Reinstall the annotations with `odyssey data install`.');
  }
  return version === undefined ? { annotations, unresolved } : { version, annotations, unresolved };
}

/** Disease id → its positively annotated phenotype terms (aspect P, NOT rows excluded). */
export function phenotypeSetsByDisease(annotations: readonly DiseaseAnnotation[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const a of annotations) {
    if (a.negated || a.aspect !== 'P') continue;
    let s = out.get(a.diseaseId);
    if (!s) out.set(a.diseaseId, (s = new Set()));
    s.add(a.hpoId);
  }
  return new Map(Array.from(out, ([k, v]) => [k, Array.from(v)]));
}
