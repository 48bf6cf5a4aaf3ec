import Fuse from 'fuse.js';
import type { Ontology } from '../ontology.js';
import { normalise, tokens } from './normalise.js';

export type MatchKind = 'name' | 'synonym';

/** One searchable label: a term's name or one of its synonyms. */
export interface LabelEntry {
  term: number;
  text: string;
  norm: string;
  tokens: string[];
  kind: MatchKind;
  /** 0 name, 1 EXACT synonym, 2 other synonym scopes: the order exact matches are preferred in. */
  rank: number;
  synonymType?: string;
}

/**
 * The precomputed structures behind term search. fuse.js alone scans every label per query
 * (tens of milliseconds over ~50k labels), so exact and word-prefix lookups use a sorted token
 * vocabulary with posting lists, and fuse.js only scores typo candidates over the small vocabulary
 * and the few labels those candidates reach.
 */
export class TermIndex {
  readonly entries: LabelEntry[] = [];
  readonly exact = new Map<string, number[]>();
  /** Sorted unique tokens over all labels. */
  readonly vocab: string[];
  /** postings[i] = entries containing vocab[i]. */
  readonly postings: Int32Array[];
  /** postingPrefix[i] = total posting length of vocab[0..i): range sizes in O(1). */
  readonly postingPrefix: Float64Array;
  /** One-character deletions of every vocabulary token → tokens (symmetric-delete typo lookup). */
  private deletions: Map<string, number[]> | undefined;

  constructor(readonly ontology: Ontology) {
    ontology.terms.forEach((t, term) => {
      if (t.obsolete) return;
      this.add(term, t.name, 'name', 0);
      const seen = new Set([normalise(t.name)]);
      for (const s of t.synonyms) {
        const n = normalise(s.text);
        if (!n || seen.has(n) || s.type === 'obsolete_synonym') continue;
        seen.add(n);
        this.add(term, s.text, 'synonym', s.scope === 'EXACT' ? 1 : 2, s.type);
      }
    });
    const byToken = new Map<string, number[]>();
    this.entries.forEach((e, i) => {
      for (const tok of new Set(e.tokens)) {
        let list = byToken.get(tok);
        if (!list) byToken.set(tok, (list = []));
        list.push(i);
      }
    });
    this.vocab = Array.from(byToken.keys()).sort();
    this.postings = this.vocab.map((t) => Int32Array.from(byToken.get(t)!));
    this.postingPrefix = new Float64Array(this.vocab.length + 1);
    this.postings.forEach((p, i) => (this.postingPrefix[i + 1] = this.postingPrefix[i]! + p.length));
  }

  private add(term: number, text: string, kind: MatchKind, rank: number, synonymType?: string): void {
    const norm = normalise(text);
    if (!norm) return;
    const idx = this.entries.length;
    const entry: LabelEntry = { term, text, norm, tokens: tokens(norm), kind, rank };
    if (synonymType) entry.synonymType = synonymType;
    this.entries.push(entry);
    let list = this.exact.get(norm);
    if (!list) this.exact.set(norm, (list = []));
    list.push(idx);
  }

  /** Half-open range [lo, hi) of vocabulary tokens starting with `prefix`. */
  prefixRange(prefix: string): [number, number] {
    const lower = (x: string): number => {
      let lo = 0;
      let hi = this.vocab.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.vocab[mid]! < x) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return [lower(prefix), lower(`${prefix}\uffff`)];
  }

  /**
   * Vocabulary tokens one edit away from `token` (insertion, deletion, substitution or adjacent
   * transposition), found by the symmetric-delete method: both sides are reduced by one character
   * and compared, which costs a few map lookups instead of a scan of the vocabulary.
   */
  similarTokens(token: string, wide = true): string[] {
    if (!this.deletions) {
      this.deletions = new Map();
      this.vocab.forEach((v, i) => {
        if (v.length < 3) return;
        for (const d of new Set([v, ...deletionsOf(v)])) {
          let list = this.deletions!.get(d);
          if (!list) this.deletions!.set(d, (list = []));
          list.push(i);
        }
      });
    }
    const out = new Set<string>();
    for (const d of new Set([token, ...deletionsOf(token)])) {
      for (const i of this.deletions.get(d) ?? []) if (this.vocab[i] !== token) out.add(this.vocab[i]!);
    }
    if (wide && out.size === 0 && token.length >= 5) for (const t of this.fuzzyNeighbours(token)) out.add(t);
    return Array.from(out);
  }

  /**
   * Wider typos ("microcefaly"): fuse.js over the tokens that share the first two letters and a
   * similar length, a bucket of a few hundred at most, so it stays cheap.
   */
  private fuzzyNeighbours(token: string): string[] {
    const [lo, hi] = this.prefixRange(token.slice(0, 2));
    const bucket = this.vocab.slice(lo, hi).filter((v) => Math.abs(v.length - token.length) <= 3);
    if (bucket.length === 0) return [];
    const fuse = new Fuse(bucket, { includeScore: true, threshold: 0.3, ignoreLocation: true });
    return fuse.search(token, { limit: 5 }).map((r) => r.item);
  }
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}
