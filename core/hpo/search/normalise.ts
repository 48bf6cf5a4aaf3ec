/**
 * Folds text for matching: lower case, accents removed, punctuation to spaces. Kept deliberately
 * simple and shared by index and query so both sides always fold the same way.
 */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function tokens(normalised: string): string[] {
  return normalised ? normalised.split(' ') : [];
}

/** Accepts "HP:0001250", "hp_0001250", "HP 0001250" and "0001250" forms; returns HP:nnnnnnn or undefined. */
export function asHpoId(query: string): string | undefined {
  const m = /^\s*(?:hp\s*[:_ ]?\s*)?(\d{7})\s*$/i.exec(query);
  return m ? `HP:${m[1]}` : undefined;
}

/** An id prefix such as "HP:00012" (at least 3 digits) for id autocompletion. */
export function asHpoIdPrefix(query: string): string | undefined {
  const m = /^\s*hp\s*[:_]?\s*(\d{3,6})\s*$/i.exec(query);
  return m ? `HP:${m[1]}` : undefined;
}
