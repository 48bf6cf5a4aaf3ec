import { describe, expect, it } from 'vitest';
import { delimitedRows, detectDelimiter, type Delimiter } from '../../core/genes/delimited.js';
import { caught } from './fixtures.js';

/** The rows of `text` as delimitedRows streams them, fed line by line as readLines would. */
async function rows(text: string, delimiter: Delimiter) {
  async function* lines() {
    yield* text.split('\n');
  }
  const out = [];
  for await (const row of delimitedRows(lines(), delimiter, 'panel.csv')) out.push(row);
  return out;
}
const cells = async (text: string, delimiter: Delimiter) =>
  (await rows(text, delimiter)).map((r) => r.cells);

describe('delimitedRows', () => {
  it('splits plain fields and trims them', async () => {
    expect(await cells(' a ,b,, c', ',')).toEqual([['a', 'b', '', 'c']]);
    expect(await cells('a\tb, c', '\t')).toEqual([['a', 'b, c']]);
  });

  it('honours double quotes, including doubled quotes inside them', async () => {
    expect(await cells('BRCA2,"Fanconi anaemia, group D1","also ""FANCD1"""', ',')).toEqual([
      ['BRCA2', 'Fanconi anaemia, group D1', 'also "FANCD1"'],
    ]);
    expect(await cells('"a;b";c', ';')).toEqual([['a;b', 'c']]);
    expect(await cells('5\'UTR "variant",x', ',')).toEqual([['5\'UTR "variant"', 'x']]);
  });

  it('reads quoted fields spanning lines, numbering each row by the line it starts on', async () => {
    expect(await rows('gene,notes\nTTN,"two\nlines"\nDMD,"three\n\nlines"\nCFTR,one', ',')).toEqual(
      [
        { lineNo: 1, cells: ['gene', 'notes'] },
        { lineNo: 2, cells: ['TTN', 'two\nlines'] },
        { lineNo: 4, cells: ['DMD', 'three\n\nlines'] },
        { lineNo: 7, cells: ['CFTR', 'one'] },
      ],
    );
  });

  it("skips blank rows and '##' lines but keeps a '#gene' header", async () => {
    expect(
      await rows('## exported\n#gene\tnote\n\n \t \n  ## more "notes\nTTN\tDCM', '\t'),
    ).toEqual([
      { lineNo: 2, cells: ['#gene', 'note'] },
      { lineNo: 6, cells: ['TTN', 'DCM'] },
    ]);
  });

  it('rejects malformed quoting, naming the source', async () => {
    const e = await caught(() => rows('gene,notes\nTTN,"unclosed\nDMD,x', ','));
    expect(e).toMatchObject({ name: 'OdysseyError', code: 'table-malformed' });
    expect(e.message).toMatch(
      /^panel\.csv is not a well-formed table \(.*Quote Not Closed.*line 3/,
    );
    expect(e.hint).toMatch(/written twice/);
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter that splits the header into most fields', () => {
    expect(detectDelimiter('gene\tdisease, notes')).toBe('\t');
    expect(detectDelimiter('gene,disease,notes')).toBe(',');
    expect(detectDelimiter('gene;disease;notes')).toBe(';');
    expect(detectDelimiter('gene;"a, b";notes')).toBe(';');
  });

  it('still finds the delimiter of a header whose quote continues on the next line', () => {
    expect(detectDelimiter('gene,"long')).toBe(',');
  });

  it('reports a single column as undefined', () => {
    expect(detectDelimiter('Gene')).toBeUndefined();
    expect(detectDelimiter('TP53')).toBeUndefined();
  });
});
