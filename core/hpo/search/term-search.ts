import Fuse from 'fuse.js';
import { OdysseyError } from '../../errors.js';
import type { Ontology } from '../ontology.js';
import { asHpoId, asHpoIdPrefix, normalise, tokens } from './normalise.js';
import { TermIndex, type LabelEntry } from './term-index.js';

export interface SearchResult {
  id: string;
  name: string;
  /** 0–1, higher is better; comparable within one query only. */
  score: number;
  /** The label, id or alt id that matched the query. */
  matched: string;
  matchKind: 'id' | 'alt_id' | 'name' | 'synonym';
  synonymType?: string;
  categories: { id: string; name: string }[];
  /** Set when the query named an obsolete id that resolved to this term. */
  warning?: string;
}

export interface SearchOptions {
  limit?: number;
  /** Try typo-tolerant matching when exact and prefix matching find fewer than `limit` terms (default true). */
  fuzzy?: boolean;
}

export const MAX_QUERY_LENGTH = 200;

// Tiers order the kinds of match; within a tier names beat synonyms and shorter labels win,
// which puts the general term a user is typing towards ahead of its long specific children.
const TIER_EXACT = 0;
const TIER_LABEL_PREFIX = 1;
const TIER_WORD_PREFIX = 2;
const TIER_SCORE = [0.98, 0.9, 0.8];

interface Hit {
  entry: number;
  key: number;
  score: number;
}

export class TermSearch {
  readonly index: TermIndex;

  constructor(readonly ontology: Ontology) {
    this.index = new TermIndex(ontology);
  }

  search(query: string, options: SearchOptions = {}): SearchResult[] {
    const limit = Math.max(1, Math.min(options.limit ?? 10, 500));
    if (!query || !query.trim()) {
      throw new OdysseyError('empty-query', 'The search text is empty.', 'Type part of a phenotype name, a synonym or an HPO id such as HP:0001250.');
    }
    if (query.length > MAX_QUERY_LENGTH) {
      throw new OdysseyError('query-too-long', `The search text is ${query.length} characters; the limit is ${MAX_QUERY_LENGTH}.`, 'Search for one phenotype at a time; use `odyssey extract` for longer notes.');
    }
    const byId = this.searchId(query, limit);
    if (byId) return byId;
    const norm = normalise(query);
    const qTokens = tokens(norm);
    if (qTokens.length === 0) return [];

    const results = new Map<number, SearchResult>();
    const take = (hits: Hit[]): void => {
      hits.sort((a, b) => a.key - b.key);
      for (const h of hits) {
        if (results.size >= limit) return;
        const e = this.index.entries[h.entry]!;
        if (!results.has(e.term)) results.set(e.term, this.result(e, h.score));
      }
    };
    take(this.lexicalHits(norm, qTokens));
    if (results.size < limit && options.fuzzy !== false) take(this.fuzzyHits(norm, qTokens, results));
    return Array.from(results.values());
  }

  private searchId(query: string, limit: number): SearchResult[] | undefined {
    const id = asHpoId(query);
    if (id) {
      const r = this.ontology.resolve(id);
      if (!r.term) {
        throw new OdysseyError('hpo-unknown-id', r.warning ?? `${id} is not a current HPO term.`, 'Search for the phenotype by name instead.');
      }
      const kind = r.status === 'alt_id' ? 'alt_id' : 'id';
      const res: SearchResult = { ...this.base(r.term.id), score: 1, matched: id, matchKind: kind };
      if (r.warning && r.status !== 'alt_id') res.warning = r.warning;
      return [res];
    }
    const prefix = asHpoIdPrefix(query);
    if (!prefix) return undefined;
    const out: SearchResult[] = [];
    for (const t of this.ontology.terms) {
      if (out.length >= limit) break;
      if (!t.obsolete && t.id.startsWith(prefix)) out.push({ ...this.base(t.id), score: 0.9, matched: t.id, matchKind: 'id' });
    }
    return out;
  }

  private lexicalHits(norm: string, qTokens: string[]): Hit[] {
    const idx = this.index;
    const hits: Hit[] = [];
    const exact = new Set(idx.exact.get(norm) ?? []);
    for (const e of exact) hits.push(this.hit(e, TIER_EXACT, TIER_SCORE[TIER_EXACT]!));
    // Start from the query token with the fewest postings, then check the others per label.
    let best: [number, number] | undefined;
    let bestSize = Infinity;
    for (const t of qTokens) {
      const r = idx.prefixRange(t);
      const size = idx.postingPrefix[r[1]]! - idx.postingPrefix[r[0]]!;
      if (size < bestSize) [best, bestSize] = [r, size];
    }
    if (!best || bestSize === 0) return hits;
    const seen = new Set<number>(exact);
    for (let v = best[0]; v < best[1]; v++) {
      for (const e of idx.postings[v]!) {
        if (seen.has(e)) continue;
        seen.add(e);
        const entry = idx.entries[e]!;
        if (!qTokens.every((q) => entry.tokens.some((t) => t.startsWith(q)))) continue;
        const tier = entry.norm.startsWith(norm) ? TIER_LABEL_PREFIX : TIER_WORD_PREFIX;
        hits.push(this.hit(e, tier, TIER_SCORE[tier]! - Math.min(0.05, (entry.tokens.length - qTokens.length) * 0.005)));
      }
    }
    return hits;
  }

  /** Typo tolerance: each query token may match a similar vocabulary token; fuse.js ranks the labels. */
  private fuzzyHits(norm: string, qTokens: string[], already: Map<number, SearchResult>): Hit[] {
    const idx = this.index;
    const options = qTokens.map((q) => {
      const set = new Set<string>();
      const [lo, hi] = idx.prefixRange(q);
      for (let v = lo; v < Math.min(hi, lo + 50); v++) set.add(idx.vocab[v]!);
      // A token that already completes to vocabulary words is being typed, not misspelt: only
      // near neighbours are added, not the wider fuse.js fallback.
      if (q.length >= 4) for (const t of idx.similarTokens(q, hi === lo)) set.add(t);
      return set;
    });
    if (options.some((s) => s.size === 0)) return [];
    const smallest = options.reduce((a, b) => (a.size <= b.size ? a : b));
    const candidates = new Set<number>();
    collect: for (const tok of smallest) {
      const [lo] = idx.prefixRange(tok);
      if (idx.vocab[lo] !== tok) continue;
      for (const e of idx.postings[lo]!) {
        const entry = idx.entries[e]!;
        if (already.has(entry.term)) continue;
        if (options.every((set) => entry.tokens.some((t) => set.has(t)))) candidates.add(e);
        if (candidates.size >= 400) break collect;
      }
    }
    if (candidates.size === 0) return [];
    const list = Array.from(candidates);
    const fuse = new Fuse(list.map((e) => idx.entries[e]!.norm), { includeScore: true, ignoreLocation: true, threshold: 0.6 });
    return fuse.search(norm, { limit: 200 }).map((r) => {
      const score = 0.7 * (1 - (r.score ?? 1));
      const entry = list[r.refIndex]!;
      return { entry, score, key: 3e6 + Math.round((1 - score) * 1e5) * 10 + idx.entries[entry]!.rank };
    });
  }

  private hit(entry: number, tier: number, score: number): Hit {
    const e = this.index.entries[entry]!;
    // Sort key: tier, then name before synonyms, then shorter labels, then fewer words.
    return { entry, score, key: tier * 1e6 + e.rank * 1e5 + Math.min(e.norm.length, 999) * 10 + Math.min(e.tokens.length, 9) };
  }

  private base(id: string): Pick<SearchResult, 'id' | 'name' | 'categories'> {
    const t = this.ontology.get(id)!;
    return {
      id: t.id,
      name: t.name,
      categories: this.ontology.categoriesOf(t.id).map((c) => ({ id: c, name: this.ontology.get(c)!.name })),
    };
  }

  private result(e: LabelEntry, score: number): SearchResult {
    const t = this.ontology.terms[e.term]!;
    const r: SearchResult = { ...this.base(t.id), score: Math.round(score * 1000) / 1000, matched: e.text, matchKind: e.kind };
    if (e.synonymType) r.synonymType = e.synonymType;
    return r;
  }
}
