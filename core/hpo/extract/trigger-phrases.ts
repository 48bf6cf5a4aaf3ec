import type { Token } from './text-units.js';
import { tokenise } from './text-units.js';

export interface TriggerHit<K extends string> {
  kind: K;
  /** Token range [first, last) of the trigger itself. */
  first: number;
  last: number;
}

/**
 * A list of short phrases ("negative for", "family history") found in token sequences by
 * exact lower-case comparison, longest first and without overlaps: "no evidence of" is one
 * trigger, not "no" followed by noise, and a pseudo-trigger such as "no increase" hides the "no"
 * inside it.
 */
export class TriggerList<K extends string> {
  private readonly byFirst = new Map<string, { words: string[]; kind: K }[]>();

  constructor(entries: readonly (readonly [phrase: string, kind: K])[]) {
    for (const [phrase, kind] of entries) {
      const words = tokenise(phrase).tokens.map((t) => t.lower);
      if (words.length === 0) continue;
      let list = this.byFirst.get(words[0]!);
      if (!list) this.byFirst.set(words[0]!, (list = []));
      list.push({ words, kind });
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  }

  /** The longest trigger starting at token i within [i, to), if any. */
  at(tokens: readonly Token[], i: number, to: number): TriggerHit<K> | undefined {
    const list = this.byFirst.get(tokens[i]!.lower);
    if (!list) return undefined;
    for (const { words, kind } of list) {
      if (i + words.length > to) continue;
      let ok = true;
      for (let k = 1; k < words.length && ok; k++) ok = tokens[i + k]!.lower === words[k];
      if (ok) return { kind, first: i, last: i + words.length };
    }
    return undefined;
  }

  /** Every trigger in tokens [from, to), left to right, longest first, not overlapping. */
  findAll(tokens: readonly Token[], from: number, to: number): TriggerHit<K>[] {
    const hits: TriggerHit<K>[] = [];
    for (let i = from; i < to; ) {
      const hit = this.at(tokens, i, to);
      if (hit) {
        hits.push(hit);
        i = hit.last;
      } else i++;
    }
    return hits;
  }
}
