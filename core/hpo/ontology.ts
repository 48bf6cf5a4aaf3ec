import { OdysseyError } from '../errors.js';
import { HPO_ID, PHENOTYPIC_ABNORMALITY, type OntologyData, type Term } from './types.js';

export type ResolutionStatus = 'current' | 'alt_id' | 'replaced' | 'obsolete' | 'unknown' | 'invalid';

export interface Resolution {
  input: string;
  status: ResolutionStatus;
  /** The current term to use; absent when the id is unknown, invalid or obsolete without replacement. */
  term?: Term;
  /** Suggestions for obsolete terms without a single replacement. */
  consider?: string[];
  /** A sentence the caller can show when the id was not used as given. */
  warning?: string;
}

/**
 * The HPO as an indexed graph. Terms are addressed by dense integer indexes internally so the
 * rankers can keep per-term arrays (information content, ancestor sets) without hashing.
 */
export class Ontology {
  readonly version: string;
  readonly terms: readonly Term[];
  readonly parentIndexes: readonly Int32Array[];
  readonly childIndexes: readonly Int32Array[];
  /** Children of "Phenotypic abnormality": the organ-system categories. */
  readonly categoryIds: readonly string[];
  private readonly byId = new Map<string, number>();
  private readonly byAltId = new Map<string, number>();
  private readonly ancestorCache: (Int32Array | undefined)[];
  private readonly categoryMasks: Int32Array;

  constructor(data: OntologyData) {
    this.version = data.version;
    this.terms = data.terms;
    data.terms.forEach((t, i) => this.byId.set(t.id, i));
    data.terms.forEach((t, i) => {
      for (const alt of t.altIds) if (!this.byId.has(alt)) this.byAltId.set(alt, i);
    });
    const children: number[][] = data.terms.map(() => []);
    this.parentIndexes = data.terms.map((t, i) => {
      const ps = t.parents.map((p) => this.byId.get(p)).filter((p): p is number => p !== undefined);
      for (const p of ps) children[p]!.push(i);
      return Int32Array.from(ps);
    });
    this.childIndexes = children.map((c) => Int32Array.from(c));
    this.ancestorCache = new Array(data.terms.length);
    const pa = this.byId.get(PHENOTYPIC_ABNORMALITY);
    const cats = pa === undefined ? [] : Array.from(this.childIndexes[pa]!);
    cats.sort((a, b) => data.terms[a]!.name.localeCompare(data.terms[b]!.name));
    if (cats.length > 31) throw new Error('More organ-system categories than a bit mask holds');
    this.categoryIds = cats.map((c) => data.terms[c]!.id);
    this.categoryMasks = new Int32Array(data.terms.length);
    cats.forEach((c, bit) => {
      for (const d of this.descendantIndexes(c, true)) this.categoryMasks[d]! |= 1 << bit;
    });
  }

  get size(): number {
    return this.terms.length;
  }

  /** Index of a primary id (not alt ids); undefined when unknown. */
  indexOf(id: string): number | undefined {
    return this.byId.get(id);
  }

  get(id: string): Term | undefined {
    const i = this.byId.get(id) ?? this.byAltId.get(id);
    return i === undefined ? undefined : this.terms[i];
  }

  /** Maps any id a user or an older annotation file might carry to the current term. */
  resolve(input: string): Resolution {
    const id = input.trim().toUpperCase().replace(/^HP_/, 'HP:');
    if (!HPO_ID.test(id)) {
      return { input, status: 'invalid', warning: `"${input}" is not an HPO id (expected HP: followed by 7 digits, e.g. HP:0001250).` };
    }
    const primary = this.byId.get(id);
    if (primary !== undefined) {
      const term = this.terms[primary]!;
      if (!term.obsolete) return { input, status: 'current', term };
      return this.resolveObsolete(input, term);
    }
    const alt = this.byAltId.get(id);
    if (alt !== undefined) {
      const term = this.terms[alt]!;
      if (term.obsolete) return this.resolveObsolete(input, term);
      return { input, status: 'alt_id', term, warning: `${id} is an alternative id of ${term.id} (${term.name}); using ${term.id}.` };
    }
    return { input, status: 'unknown', warning: `${id} is not in HPO release ${this.version}.` };
  }

  private resolveObsolete(input: string, term: Term, depth = 0): Resolution {
    const target = term.replacedBy ? this.get(term.replacedBy) : undefined;
    if (target && !target.obsolete) {
      return { input, status: 'replaced', term: target, warning: `${term.id} is obsolete; replaced by ${target.id} (${target.name}).` };
    }
    if (target && depth < 5) return this.resolveObsolete(input, target, depth + 1);
    const consider = term.consider.filter((c) => this.get(c) && !this.get(c)!.obsolete);
    const hint = consider.length ? ` Consider ${consider.join(', ')}.` : '';
    return { input, status: 'obsolete', consider, warning: `${term.id} (${term.name}) is obsolete and has no replacement.${hint}` };
  }

  /** The current term for an id, or a clear error: for callers that cannot go on without it. */
  require(input: string): Term {
    const r = this.resolve(input);
    if (r.term) return r.term;
    throw new OdysseyError(
      r.status === 'invalid' ? 'hpo-invalid-id' : r.status === 'obsolete' ? 'hpo-obsolete' : 'hpo-unknown-id',
      r.warning ?? `Cannot use ${input}.`,
      r.status === 'invalid'
        ? 'Write HPO ids as HP:0000000, or search for the term by name with `odyssey search`.'
        : 'Search for the current term by name with `odyssey search`.',
    );
  }

  /** Indexes of all ancestors (is_a, transitively). Memoised: rankers call this per annotation. */
  ancestorIndexes(index: number, includeSelf = false): Int32Array {
    let anc = this.ancestorCache[index];
    if (!anc) {
      const seen = new Set<number>();
      const stack = Array.from(this.parentIndexes[index]!);
      while (stack.length) {
        const p = stack.pop()!;
        if (seen.has(p)) continue;
        seen.add(p);
        for (const q of this.parentIndexes[p]!) stack.push(q);
      }
      anc = Int32Array.from(seen);
      this.ancestorCache[index] = anc;
    }
    if (!includeSelf) return anc;
    const withSelf = new Int32Array(anc.length + 1);
    withSelf[0] = index;
    withSelf.set(anc, 1);
    return withSelf;
  }

  descendantIndexes(index: number, includeSelf = false): number[] {
    const seen = new Set<number>(includeSelf ? [index] : []);
    const stack = Array.from(this.childIndexes[index]!);
    while (stack.length) {
      const c = stack.pop()!;
      if (seen.has(c)) continue;
      seen.add(c);
      for (const d of this.childIndexes[c]!) stack.push(d);
    }
    return Array.from(seen);
  }

  parents(id: string): Term[] {
    return Array.from(this.parentIndexes[this.mustIndex(id)]!, (i) => this.terms[i]!);
  }

  children(id: string): Term[] {
    return Array.from(this.childIndexes[this.mustIndex(id)]!, (i) => this.terms[i]!);
  }

  ancestors(id: string, includeSelf = false): Term[] {
    return Array.from(this.ancestorIndexes(this.mustIndex(id), includeSelf), (i) => this.terms[i]!);
  }

  descendants(id: string, includeSelf = false): Term[] {
    return this.descendantIndexes(this.mustIndex(id), includeSelf).map((i) => this.terms[i]!);
  }

  /** True when `id` is `ancestorId` or lies below it. */
  isA(id: string, ancestorId: string): boolean {
    const i = this.mustIndex(id);
    const a = this.mustIndex(ancestorId);
    return i === a || this.ancestorIndexes(i).includes(a);
  }

  /** Organ-system categories of a term (a term can sit in several), as a bit mask over categoryIds. */
  categoryMask(index: number): number {
    return this.categoryMasks[index]!;
  }

  categoriesOf(id: string): string[] {
    const mask = this.categoryMasks[this.mustIndex(id)]!;
    return this.categoryIds.filter((_, bit) => (mask & (1 << bit)) !== 0);
  }

  private mustIndex(id: string): number {
    const i = this.byId.get(id) ?? this.byAltId.get(id);
    if (i === undefined) return this.byId.get(this.require(id).id)!;
    return i;
  }
}
