/**
 * Splits text into word and punctuation tokens with character offsets, and groups them into
 * sentences. Offsets always index the original string, so every span the pipeline reports can
 * be sliced back out of the input unchanged. Term labels go through the same tokeniser, so the
 * dictionary and the text always agree on where words begin and end.
 */

export interface Token {
  /** The token exactly as written. */
  text: string;
  /** Lower case with straight apostrophes: what the trigger lists compare against. */
  lower: string;
  start: number;
  end: number;
  /** A word or number (as opposed to punctuation). */
  word: boolean;
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token range [first, last). */
  first: number;
  last: number;
}

export interface TokenisedText {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
}

/** A word ("child's", "don't"), a number ("3.5", "22q11.2", "3,000"), or one other visible character. */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['\u2019][\p{L}]+)*(?:[.,]\p{N}+)*|[^\s\p{L}\p{M}\p{N}]/gu;
const WORD_START = /[\p{L}\p{M}\p{N}]/u;

/** Abbreviations whose full stop does not end a sentence. */
const NO_BREAK_AFTER = new Set(['dr', 'mr', 'mrs', 'ms', 'approx', 'vs', 'cf', 'pt', 'fig', 'st', 'etc', 'wk', 'wks', 'mo', 'yr', 'yrs']);

/** TOKEN's words restricted to ASCII: the same tokens for ASCII text, several times faster. */
const ASCII_WORD = /[A-Za-z0-9]+(?:'[A-Za-z]+)*(?:[.,][0-9]+)*/g;
const ASCII = /^[ -~\t\n\r]*$/;

/** Word tokens only, lower-cased: how term labels and trigger phrases are split. */
export function wordsOf(text: string): string[] {
  if (ASCII.test(text)) return (text.toLowerCase().match(ASCII_WORD) ?? []) as string[];
  const out: string[] = [];
  for (const m of text.matchAll(TOKEN)) if (WORD_START.test(m[0])) out.push(m[0].toLowerCase().replace(/\u2019/g, "'"));
  return out;
}

export function tokenise(text: string): TokenisedText {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index;
    tokens.push({
      text: m[0],
      lower: m[0].toLowerCase().replace(/\u2019/g, "'"),
      start,
      end: start + m[0].length,
      word: WORD_START.test(m[0]),
      sentence: 0,
    });
  }
  const sentences: Sentence[] = [];
  let first = 0;
  const close = (last: number): void => {
    if (last <= first) return;
    sentences.push({ start: tokens[first]!.start, end: tokens[last - 1]!.end, first, last });
    first = last;
  };
  for (let i = 0; i < tokens.length - 1; i++) {
    const t = tokens[i]!;
    const next = tokens[i + 1]!;
    const gap = text.slice(t.end, next.start);
    if (gap.includes('\n') || endsSentence(t, tokens[i - 1], next, gap)) close(i + 1);
  }
  close(tokens.length);
  sentences.forEach((s, n) => {
    for (let i = s.first; i < s.last; i++) tokens[i]!.sentence = n;
  });
  return { text, tokens, sentences };
}

function endsSentence(t: Token, prev: Token | undefined, next: Token, gap: string): boolean {
  if (t.text !== '.' && t.text !== '!' && t.text !== '?') return false;
  // "?hypotonia": a question mark glued to the next word is a hedge, not a full stop.
  if (gap.length === 0 && next.word) return false;
  // "Dr. Smith", "e.g. at night": abbreviations and single letters keep the sentence going.
  if (t.text === '.' && prev && (NO_BREAK_AFTER.has(prev.lower) || (prev.word && prev.text.length === 1 && /\p{L}/u.test(prev.text)))) return false;
  // A lower-case continuation is the same sentence.
  return !/^\p{Ll}/u.test(next.text);
}
