import { createHash } from 'node:crypto';
import type { Ontology } from '../ontology.js';
import { normalise } from '../search/normalise.js';

/** One label the encoder indexes: a current term's name or one of its synonyms. */
export interface TermLabel {
  /** Index of the term in the ontology. */
  term: number;
  text: string;
  kind: 'name' | 'synonym';
  /** OBO synonym type (layperson, abbreviation, …) when the label is a typed synonym. */
  synonymType?: string;
}

/**
 * Every name and synonym of every current term, in ontology order, without duplicates inside a
 * term (case, punctuation and accents folded). Obsolete synonyms are left out: they name what a
 * term used to mean. The order is stable, so vectors can be cached by position.
 */
export function termLabels(ontology: Ontology): TermLabel[] {
  const out: TermLabel[] = [];
  ontology.terms.forEach((t, term) => {
    if (t.obsolete) return;
    out.push({ term, text: t.name, kind: 'name' });
    const seen = new Set([normalise(t.name)]);
    for (const s of t.synonyms) {
      const n = normalise(s.text);
      if (!n || seen.has(n) || s.type === 'obsolete_synonym') continue;
      seen.add(n);
      out.push(s.type ? { term, text: s.text, kind: 'synonym', synonymType: s.type } : { term, text: s.text, kind: 'synonym' });
    }
  });
  return out;
}

/** A short fingerprint of a label list: cached vectors are only reused for exactly these labels. */
export function labelsFingerprint(ontology: Ontology, labels: readonly TermLabel[]): string {
  const h = createHash('sha256').update(ontology.version);
  for (const l of labels) h.update(`\n${ontology.terms[l.term]!.id}\t${l.text}`);
  return h.digest('hex').slice(0, 16);
}
