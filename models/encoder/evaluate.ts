import type { Ontology } from '../../core/hpo/ontology.js';
import { VectorIndex } from '../../core/hpo/encoder/vector-index.js';
import type { Split, SplitLabel } from '../shared/splits.js';
import type { TermLabel } from '../../core/hpo/encoder/labels.js';
import { normalise, tokens } from '../../core/hpo/search/normalise.js';

/** Embeds phrases to unit vectors, row-major [n × dim]: the TypeScript bag or the ONNX session. */
export type EmbedFn = (texts: string[]) => Promise<Float32Array>;

export interface QueryOutcome {
  text: string;
  /** The right term (index), or −1 for a phrase that names no term. */
  gold: number;
  /** layperson, abbreviation, spelling/plural, paraphrase, or non-finding. */
  kind: string;
  /** Rank (0-based) of the right term among the nearest terms; −1 when not in the top k (always for non-findings). */
  rank: number;
  top1: number;
  top2: number;
  /** Words in the phrase (as the featuriser reads them). */
  words: number;
  /** The nearest terms, best first (k of them). */
  terms: number[];
}

export interface RecallFigures {
  n: number;
  at1: number;
  at5: number;
}

export interface Query {
  text: string;
  gold: number;
  kind: string;
}

/** Looks each query up among the vectors of `indexed` labels. */
export async function lookupOutcomes(embed: EmbedFn, dim: number, indexed: readonly TermLabel[], queries: readonly Query[], k = 5): Promise<QueryOutcome[]> {
  const vectors = await embedChunked(embed, indexed.map((l) => l.text), dim);
  const index = new VectorIndex(vectors, dim, Int32Array.from(indexed, (l) => l.term));
  const qv = await embedChunked(embed, queries.map((q) => q.text), dim);
  return queries.map((q, i) => {
    const top = index.search(qv, Math.max(k, 2), i * dim);
    return {
      ...q,
      rank: top.slice(0, k).findIndex((n) => n.term === q.gold),
      top1: top[0]?.score ?? 0,
      top2: top[1]?.score ?? 0,
      words: tokens(normalise(q.text)).length,
      terms: top.slice(0, k).map((n) => n.term),
    };
  });
}

/**
 * Looks up each held-out synonym of `split` among the vectors of the training labels only
 * (names and training synonyms), as a clinician's unseen wording would be looked up; with
 * `nonFindings`, phrases that name no term are looked up too (they can only be wrongly accepted).
 */
export async function heldOutOutcomes(embed: EmbedFn, dim: number, labels: readonly SplitLabel[], split: Split, k = 5, nonFindings: readonly string[] = []): Promise<QueryOutcome[]> {
  const queries: Query[] = labels.filter((l) => l.split === split).map((l) => ({ text: l.text, gold: l.term, kind: synonymKind(l) }));
  for (const text of nonFindings) queries.push({ text, gold: -1, kind: 'non-finding' });
  return lookupOutcomes(embed, dim, labels.filter((l) => l.split === 'train'), queries, k);
}

export async function embedChunked(embed: EmbedFn, texts: string[], dim: number, chunk = 512): Promise<Float32Array> {
  const out = new Float32Array(texts.length * dim);
  for (let i = 0; i < texts.length; i += chunk) out.set(await embed(texts.slice(i, i + chunk)), i * dim);
  return out;
}

export function recall(outcomes: readonly QueryOutcome[]): RecallFigures {
  const n = outcomes.length;
  const at1 = outcomes.filter((o) => o.rank === 0).length;
  const at5 = outcomes.filter((o) => o.rank >= 0 && o.rank < 5).length;
  return { n, at1: n ? at1 / n : 0, at5: n ? at5 / n : 0 };
}

/** The kind of a held-out synonym for per-kind figures: layperson, abbreviation, spelling variants, or other paraphrase. */
export function synonymKind(l: TermLabel): string {
  switch (l.synonymType) {
    case 'layperson':
      return 'layperson';
    case 'abbreviation':
      return 'abbreviation';
    case 'uk_spelling':
    case 'plural_form':
      return 'spelling/plural';
    default:
      return 'paraphrase';
  }
}

export function recallByKind(outcomes: readonly QueryOutcome[]): Record<string, RecallFigures> {
  const kinds = new Map<string, QueryOutcome[]>();
  outcomes = outcomes.filter((o) => o.gold >= 0);
  for (const o of outcomes) {
    const k = o.kind;
    kinds.set(k, [...(kinds.get(k) ?? []), o]);
  }
  const out: Record<string, RecallFigures> = { all: recall(outcomes) };
  for (const [k, list] of [...kinds].sort()) out[k] = recall(list);
  return out;
}

/** Names a term for logs and reports. */
export const termName = (ontology: Ontology, term: number): string => `${ontology.terms[term]!.id} ${ontology.terms[term]!.name}`;
