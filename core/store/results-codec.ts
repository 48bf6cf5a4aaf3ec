/**
 * Compact storage of analysis results. A genome-wide result (100 genes and 100 diseases, each
 * with its evidence) is ~500 kB as plain JSON, mostly the same term and disease names repeated,
 * and the same explanation twice (a gene's best disease is usually in the differential too).
 * Terms, diseases and explanations are therefore stored once each and referred to by index,
 * then the whole is deflated: ~10 kB per analysis, decoded in about a millisecond.
 * The encoding is lossless as JSON (-0 comes back as 0); tests check decode(encode(r)) on real results.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ExcludedConflict, Explanation, MatchKind, RankedDisease, RankedGene, TermMatch, TermRef } from '../genes/ranking/types.js';
import type { Journey } from '../agents/journey/schema.js';
import type { AgentTranscript, AnalysisResult } from './types.js';

/**
 * Bump when the packed shape changes; decode() keeps reading every earlier format. Adding an
 * optional field that older payloads simply lack (as `journey` was) needs no bump.
 */
export const RESULT_FORMAT = 1;

const KINDS: readonly MatchKind[] = ['exact', 'patient-more-specific', 'disease-more-specific', 'related', 'unmatched'];

type Freq = number | null;
// [patient term, kind, disease term | -1, frequency, ancestor term | -1, ancestor IC, contribution]
type PackedMatch = [number, number, number, Freq, number, number | null, number];
// [disease, annotation count, matches, unmatched terms, [excluded term, disease term, frequency][], negated terms]
type PackedExplanation = [number, number, PackedMatch[], number[], [number, number, Freq][], number[]];
// [symbol, rank, score, [disease, score][], explanation | -1]
type PackedGene = [string, number, number, [number, number][], number];
// [disease, genes, rank, score, explanation | -1]
type PackedDisease = [number, string[], number, number, number];

interface Packed {
  terms: [string, string][];
  diseases: [string, string | null][];
  explanations: PackedExplanation[];
  genes: PackedGene[];
  differential: PackedDisease[];
  warnings: string[];
  scored: [number, number];
  /** The journey-style differential, as its own JSON (already compact: terms appear once per claim). */
  journey?: Journey;
}

class Encoder {
  readonly packed: Packed = { terms: [], diseases: [], explanations: [], genes: [], differential: [], warnings: [], scored: [0, 0] };
  private readonly termIndex = new Map<string, number>();
  private readonly diseaseIndex = new Map<string, number>();
  private readonly explanationIndex = new Map<string, number>();

  term(t: TermRef): number {
    const key = `${t.id}\t${t.name}`;
    let i = this.termIndex.get(key);
    if (i === undefined) {
      i = this.packed.terms.push([t.id, t.name]) - 1;
      this.termIndex.set(key, i);
    }
    return i;
  }

  disease(id: string, name?: string): number {
    let i = this.diseaseIndex.get(id);
    if (i === undefined) {
      i = this.packed.diseases.push([id, name ?? null]) - 1;
      this.diseaseIndex.set(id, i);
    } else if (name !== undefined) {
      const entry = this.packed.diseases[i]!;
      if (entry[1] === null) entry[1] = name;
      else if (entry[1] !== name) throw new Error(`Disease ${id} has two names in one result: ${entry[1]} / ${name}`);
    }
    return i;
  }

  private match(m: TermMatch): PackedMatch {
    return [
      this.term(m.patientTerm),
      KINDS.indexOf(m.kind),
      m.diseaseTerm ? this.term(m.diseaseTerm) : -1,
      m.diseaseTerm?.frequency ?? null,
      m.commonAncestor ? this.term(m.commonAncestor) : -1,
      m.commonAncestor ? m.commonAncestor.ic : null,
      m.contribution,
    ];
  }

  explanation(e: Explanation | undefined): number {
    if (!e) return -1;
    const p: PackedExplanation = [
      this.disease(e.diseaseId),
      e.annotationCount,
      e.matches.map((m) => this.match(m)),
      e.unmatched.map((t) => this.term(t)),
      e.excludedConflicts.map((c) => [this.term(c.excludedTerm), this.term(c.diseaseTerm), c.diseaseTerm.frequency ?? null]),
      e.negatedConflicts.map((t) => this.term(t)),
    ];
    const key = JSON.stringify(p);
    let i = this.explanationIndex.get(key);
    if (i === undefined) {
      i = this.packed.explanations.push(p) - 1;
      this.explanationIndex.set(key, i);
    }
    return i;
  }
}

/** Packs and deflates a result for the analysis_results.payload column. */
export function encodeResult(r: AnalysisResult): Buffer {
  const enc = new Encoder();
  const p = enc.packed;
  p.genes = r.genes.map((g) => [g.symbol, g.rank, g.score, g.diseases.map((d) => [enc.disease(d.id, d.name), d.score]), enc.explanation(g.explanation)]);
  p.differential = r.diseases.map((d) => [enc.disease(d.id, d.name), d.genes, d.rank, d.score, enc.explanation(d.explanation)]);
  p.warnings = r.warnings;
  p.scored = [r.scored.genes, r.scored.diseases];
  if (r.differential) p.journey = r.differential;
  return deflateRawSync(JSON.stringify(p));
}

const withFrequency = <T extends object>(o: T, f: Freq): T & { frequency?: number } => (f === null ? o : { ...o, frequency: f });

export function decodeResult(payload: Uint8Array, format: number): AnalysisResult {
  if (format !== 1) throw new Error(`Unknown analysis result format ${format}; this Odyssey reads format 1.`);
  const p = JSON.parse(inflateRawSync(payload).toString('utf8')) as Packed;
  const term = (i: number): TermRef => {
    const [id, name] = p.terms[i]!;
    return { id, name };
  };
  const diseaseId = (i: number): string => p.diseases[i]![0];
  const diseaseName = (i: number): string => p.diseases[i]![1] ?? p.diseases[i]![0];
  // Built afresh for every gene and disease that refers to it, so editing one result's
  // explanation never changes another's.
  const build = ([d, annotationCount, matches, unmatched, excluded, negated]: PackedExplanation): Explanation => ({
    diseaseId: diseaseId(d),
    matches: matches.map(([pt, kind, dt, freq, at, ic, contribution]): TermMatch => ({
      patientTerm: term(pt),
      kind: KINDS[kind]!,
      ...(dt >= 0 ? { diseaseTerm: withFrequency(term(dt), freq) } : {}),
      ...(at >= 0 ? { commonAncestor: { ...term(at), ic: ic ?? 0 } } : {}),
      contribution,
    })),
    unmatched: unmatched.map(term),
    excludedConflicts: excluded.map(([et, dt, freq]): ExcludedConflict => ({ excludedTerm: term(et), diseaseTerm: withFrequency(term(dt), freq) })),
    negatedConflicts: negated.map(term),
    annotationCount,
  });
  const explanation = (i: number): { explanation?: Explanation } => (i >= 0 ? { explanation: build(p.explanations[i]!) } : {});
  const genes: RankedGene[] = p.genes.map(([symbol, rank, score, diseases, e]) => ({
    symbol,
    rank,
    score,
    diseases: diseases.map(([d, s]) => ({ id: diseaseId(d), name: diseaseName(d), score: s })),
    ...explanation(e),
  }));
  const diseases: RankedDisease[] = p.differential.map(([d, geneList, rank, score, e]) => ({
    id: diseaseId(d),
    name: diseaseName(d),
    genes: geneList,
    rank,
    score,
    ...explanation(e),
  }));
  return { genes, diseases, warnings: p.warnings, scored: { genes: p.scored[0], diseases: p.scored[1] }, ...(p.journey ? { differential: p.journey } : {}) };
}

export function encodeTranscripts(t: readonly AgentTranscript[]): Buffer {
  return deflateRawSync(JSON.stringify(t));
}

export function decodeTranscripts(blob: Uint8Array): AgentTranscript[] {
  return JSON.parse(inflateRawSync(blob).toString('utf8')) as AgentTranscript[];
}
