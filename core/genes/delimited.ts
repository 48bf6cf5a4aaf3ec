export type Delimiter = '\t' | ',' | ';';

const DELIMITERS: readonly Delimiter[] = ['\t', ',', ';'];

/**
 * Splits one line of a TSV/CSV file, honouring RFC 4180 double quotes ("a, b" and "" for a
 * literal quote). Panel files are line-oriented, so a quoted field spanning lines is not
 * supported; gene columns never need one.
 */
export function splitDelimitedLine(line: string, delimiter: Delimiter): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields.map((f) => f.trim());
}

/**
 * The delimiter of a header line: the one splitting it into the most fields, preferring tab,
 * then comma, then semicolon (spreadsheets in some locales export ';'). Undefined means the line
 * is a single column.
 */
export function detectDelimiter(headerLine: string): Delimiter | undefined {
  let best: Delimiter | undefined;
  let bestCount = 1;
  for (const d of DELIMITERS) {
    const count = splitDelimitedLine(headerLine, d).length;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}
