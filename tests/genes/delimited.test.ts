import { describe, expect, it } from 'vitest';
import { detectDelimiter, splitDelimitedLine } from '../../core/genes/delimited.js';

describe('splitDelimitedLine', () => {
  it('splits plain fields and trims them', () => {
    expect(splitDelimitedLine(' a ,b,, c', ',')).toEqual(['a', 'b', '', 'c']);
    expect(splitDelimitedLine('a\tb, c', '\t')).toEqual(['a', 'b, c']);
  });

  it('honours double quotes, including doubled quotes inside them', () => {
    expect(splitDelimitedLine('BRCA2,"Fanconi anaemia, group D1","also ""FANCD1"""', ',')).toEqual([
      'BRCA2',
      'Fanconi anaemia, group D1',
      'also "FANCD1"',
    ]);
    expect(splitDelimitedLine('"a;b";c', ';')).toEqual(['a;b', 'c']);
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter that splits the header into most fields', () => {
    expect(detectDelimiter('gene\tdisease, notes')).toBe('\t');
    expect(detectDelimiter('gene,disease,notes')).toBe(',');
    expect(detectDelimiter('gene;disease;notes')).toBe(';');
    expect(detectDelimiter('gene;"a, b";notes')).toBe(';');
  });

  it('reports a single column as undefined', () => {
    expect(detectDelimiter('Gene')).toBeUndefined();
    expect(detectDelimiter('TP53')).toBeUndefined();
  });
});
