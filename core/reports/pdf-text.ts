/**
 * Makes text printable in the PDF's standard fonts. Helvetica and the other 14 standard PDF
 * fonts need no font file (so nothing is bundled or looked up on the system, in Node or in
 * Electron), but they only encode Windows-1252 (WinAnsi); pdfkit writes any other character as
 * a broken glyph. HPO, OMIM and Orphanet names stay within Latin-1 today, but case labels and
 * notes are typed by users, so everything else is mapped to a readable ASCII spelling, or to
 * its base letter (ő → o), or to "?" as a visible placeholder, never dropped silently.
 */

/** WinAnsi code points above Latin-1 (0x80–0x9F block of Windows-1252). */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d,
  0x201e, 0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Characters that occur in medical text and have a conventional ASCII spelling. */
const SPELLED: Readonly<Record<string, string>> = {
  '\u03b1': 'alpha', '\u03b2': 'beta', '\u03b3': 'gamma', '\u03b4': 'delta', '\u03b5': 'epsilon', '\u03b6': 'zeta',
  '\u03b7': 'eta', '\u03b8': 'theta', '\u03b9': 'iota', '\u03ba': 'kappa', '\u03bb': 'lambda', '\u03bc': 'mu',
  '\u03bd': 'nu', '\u03be': 'xi', '\u03c0': 'pi', '\u03c1': 'rho', '\u03c3': 'sigma', '\u03c4': 'tau',
  '\u03c5': 'upsilon', '\u03c6': 'phi', '\u03c7': 'chi', '\u03c8': 'psi', '\u03c9': 'omega',
  '\u0391': 'Alpha', '\u0392': 'Beta', '\u0393': 'Gamma', '\u0394': 'Delta', '\u03a9': 'Omega',
  '\u2264': '<=', '\u2265': '>=', '\u2260': '!=', '\u2248': '~', '\u2192': '->', '\u2190': '<-', '\u2194': '<->',
  '\u2212': '-', '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2015': '-', '\u2032': "'", '\u2033': '"',
  '\u2009': ' ', '\u200a': ' ', '\u202f': ' ', '\u2002': ' ', '\u2003': ' ', '\u2007': ' ', '\u2008': ' ',
  '\u200b': '', '\u200c': '', '\u200d': '', '\ufeff': '', '\u00ad': '',
};

const encodable = (cp: number): boolean => (cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp <= 0xff) || WIN_ANSI_EXTRA.has(cp);

/** `text` with every character the standard PDF fonts can show, line breaks kept. */
export function pdfSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n' || encodable(cp)) {
      out += ch;
    } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) {
      out += ' '; // tabs and control characters
    } else if (SPELLED[ch] !== undefined) {
      out += SPELLED[ch];
    } else {
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      out += base && [...base].every((c) => encodable(c.codePointAt(0)!)) ? base : '?';
    }
  }
  return out;
}
