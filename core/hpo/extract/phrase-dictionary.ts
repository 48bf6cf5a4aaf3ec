import type { Ontology } from '../ontology.js';
import { PHENOTYPIC_ABNORMALITY } from '../types.js';
import { ABBREVIATIONS, ABBREVIATION_DENY, type Abbreviation } from './abbreviations.js';
import { LAY_LEXICON, type LexiconEntry } from './lay-lexicon.js';
import { wordsOf } from './text-units.js';
import { ARTICLES, FILLERS, foldWord, stemWord } from './word-forms.js';

/** How a label came into the dictionary; decides which entry wins when several share a key. */
export type LabelKind = 'name' | 'exact' | 'lexicon' | 'narrow' | 'related' | 'variant';

const RANK: Record<LabelKind, number> = { name: 0, exact: 1, lexicon: 2, narrow: 3, related: 4, variant: 5 };
const CONFIDENCE: Record<LabelKind, number> = { name: 0.95, exact: 0.93, lexicon: 0.88, narrow: 0.85, related: 0.8, variant: 0.75 };

export interface DictionaryEntry {
  term: number;
  label: string;
  kind: LabelKind;
  /** Folded words of the label, joined by spaces: equal to the text's means an exact match. */
  folded: string;
  confidence: number;
}

export interface PhraseDictionaryOptions {
  /** Only terms under this one are matched (default: Phenotypic abnormality, so modifiers such as "Mild" or "Progressive" never become findings). */
  root?: string;
  /**
   * Synonym strings to leave out of the index (term names always stay). Used to hold out a
   * share of HPO synonyms and measure how well the pipeline finds wording it has not seen.
   */
  excludeSynonyms?: Iterable<string>;
  /** Extra lay wording (default: the curated LAY_LEXICON). */
  lexicon?: readonly LexiconEntry[];
}

/** The longest label, in words, that the ordered lookup tries. Longer labels are never typed verbatim. */
const MAX_ORDERED_WORDS = 10;
/** Word-order-free matching only for labels of 2–6 content words. */
const MAX_BAG_WORDS = 6;

/**
 * Term labels (names, EXACT/NARROW/RELATED synonyms including layperson ones, curated lay
 * wording) indexed by their folded word stems, in order and as a set of content words, plus
 * the case-sensitive abbreviation table. BROAD synonyms are left out: they name something
 * wider than the term, so matching them would claim more than the text says.
 */
export class PhraseDictionary {
  readonly ordered = new Map<string, DictionaryEntry[]>();
  readonly unordered = new Map<string, DictionaryEntry[]>();
  readonly abbreviations = new Map<string, Abbreviation>();
  readonly maxOrderedWords = MAX_ORDERED_WORDS;
  readonly maxBagWords = MAX_BAG_WORDS;
  readonly termIndexes: ReadonlySet<number>;

  constructor(
    readonly ontology: Ontology,
    options: PhraseDictionaryOptions = {},
  ) {
    const root = ontology.indexOf(ontology.require(options.root ?? PHENOTYPIC_ABNORMALITY).id)!;
    const inScope = new Set(ontology.descendantIndexes(root, true));
    this.termIndexes = inScope;
    const excluded = new Set<string>();
    for (const s of options.excludeSynonyms ?? []) excluded.add(foldedKey(wordsOf(s)));

    for (const term of inScope) {
      const t = ontology.terms[term]!;
      if (t.obsolete) continue;
      this.add(term, t.name, 'name');
      for (const s of t.synonyms) {
        if (s.scope === 'BROAD' || s.type === 'obsolete_synonym' || s.type === 'allelic_requirement') continue;
        if (excluded.size && excluded.has(foldedKey(wordsOf(s.text)))) continue;
        const kind: LabelKind = s.scope === 'EXACT' ? 'exact' : s.scope === 'NARROW' ? 'narrow' : 'related';
        if (this.addAbbreviation(term, s.text, s.type === 'abbreviation')) continue;
        this.add(term, s.text, kind);
      }
    }
    for (const entry of options.lexicon ?? LAY_LEXICON) {
      const term = ontology.indexOf(ontology.resolve(entry.id).term?.id ?? '');
      if (term === undefined || !inScope.has(term) || (excluded.size && excluded.has(foldedKey(wordsOf(entry.phrase))))) continue;
      this.add(term, entry.phrase, 'lexicon');
    }
    for (const a of ABBREVIATIONS) for (const f of a.forms) this.abbreviations.set(f, a);
    for (const list of [...this.ordered.values(), ...this.unordered.values()]) list.sort(byPreference);
  }

  /**
   * One-word labels written in capitals ("ASD", "FTT") go to the case-sensitive abbreviation
   * table instead of the word index, where "id" or "cp" in prose would match them.
   */
  private addAbbreviation(term: number, text: string, typed: boolean): boolean {
    const single = /^[A-Za-z0-9]+$/.test(text.trim());
    const capitals = /[A-Z].*[A-Z]|^[A-Z][a-z]?[A-Z]/.test(text);
    if (!single || !(typed || capitals)) return false;
    const form = text.trim();
    if (!ABBREVIATION_DENY.has(form) && !this.abbreviations.has(form)) {
      this.abbreviations.set(form, { forms: [form], senses: [{ id: this.ontology.terms[term]!.id, name: this.ontology.terms[term]!.name }] });
    }
    return true;
  }

  private add(term: number, label: string, kind: LabelKind): void {
    this.addKeys(term, label, kind);
    // "Febrile seizure (within the age range of 3 months to 6 years)": also without the aside.
    if (!label.includes('(')) return;
    const bare = label.replace(/\s*\([^)]*\)\s*/g, ' ').trim();
    if (bare !== label && bare) this.addKeys(term, bare, 'variant');
  }

  private addKeys(term: number, label: string, kind: LabelKind): void {
    const words = wordsOf(label).filter((w) => !ARTICLES.has(w));
    if (words.length === 0 || words.length > MAX_ORDERED_WORDS + 4) return;
    // Single letters and two-letter words as whole labels are noise in prose ("Hb", "Q").
    if (words.length === 1 && words[0]!.length <= 2) return;
    const folded = words.map(foldWord);
    const entry: DictionaryEntry = { term, label, kind, folded: folded.join(' '), confidence: CONFIDENCE[kind] };
    if (words.length <= MAX_ORDERED_WORDS) push(this.ordered, folded.map(stemWord).join(' '), entry);
    const content = folded.filter((w) => !FILLERS.has(w));
    if (content.length >= 2 && content.length <= MAX_BAG_WORDS) push(this.unordered, bagKey(content.map(stemWord)), entry);
  }
}

export function foldedKey(words: readonly string[]): string {
  return words
    .filter((w) => !ARTICLES.has(w))
    .map(foldWord)
    .join(' ');
}

export function bagKey(stems: readonly string[]): string {
  return [...stems].sort().join(' ');
}

function push(map: Map<string, DictionaryEntry[]>, key: string, entry: DictionaryEntry): void {
  let list = map.get(key);
  if (!list) map.set(key, (list = []));
  if (!list.some((e) => e.term === entry.term && e.folded === entry.folded && RANK[e.kind] <= RANK[entry.kind])) list.push(entry);
}

function byPreference(a: DictionaryEntry, b: DictionaryEntry): number {
  return RANK[a.kind] - RANK[b.kind] || a.term - b.term;
}
