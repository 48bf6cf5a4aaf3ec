import { describe, expect, it } from 'vitest';
import { tokenise, wordsOf } from '../../../core/hpo/extract/text-units.js';

describe('tokenise', () => {
  it('gives offsets that slice back to each token', () => {
    const text = 'Wide-set eyes, café-au-lait macules; child’s weight 3.5 kg (22q11.2).';
    const { tokens } = tokenise(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.filter((t) => t.word).map((t) => t.text)).toEqual(['Wide', 'set', 'eyes', 'café', 'au', 'lait', 'macules', 'child’s', 'weight', '3.5', 'kg', '22q11.2']);
    expect(tokens.find((t) => t.text === 'child’s')!.lower).toBe("child's");
  });

  it('splits sentences at full stops and line breaks, not after abbreviations or before lower case', () => {
    const text = 'Seen by Dr. Smith today. He has fits, e.g. at night.\nNo hearing loss\n- hypotonia';
    const { sentences } = tokenise(text);
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual(['Seen by Dr. Smith today.', 'He has fits, e.g. at night.', 'No hearing loss', '- hypotonia']);
  });

  it('keeps a question mark glued to a word inside the sentence', () => {
    const text = 'Hypotonia. ?Seizures at night.';
    const { sentences, tokens } = tokenise(text);
    expect(sentences).toHaveLength(2);
    expect(tokens.find((t) => t.text === '?')!.sentence).toBe(1);
  });

  it('handles empty and blank text', () => {
    expect(tokenise('')).toEqual({ text: '', tokens: [], sentences: [] });
    expect(tokenise('  \n\t ').tokens).toEqual([]);
  });

  it('splits labels into lower-case words the same way as text', () => {
    expect(wordsOf('Aplasia/Hypoplasia of the 5th finger')).toEqual(['aplasia', 'hypoplasia', 'of', 'the', '5th', 'finger']);
    for (const s of ["Child's 3.5 kg, 1,000 cells; 22q11.2 (del) x-ray", 'Café-au-lait spots’ edges', 'Mother’s hearing loss']) {
      expect(wordsOf(s)).toEqual(
        tokenise(s)
          .tokens.filter((t) => t.word)
          .map((t) => t.lower),
      );
    }
  });
});
