/**
 * HPO frequency classes and the midpoints Odyssey uses for them. Midpoints follow the class
 * definitions in hp.obo (e.g. "Very frequent": 80–99%); Excluded (0%) and Obligate (100%) are exact.
 */
export const FREQUENCY_TERMS: Readonly<Record<string, { name: string; value: number }>> = {
  'HP:0040280': { name: 'Obligate', value: 1.0 },
  'HP:0040281': { name: 'Very frequent', value: 0.895 },
  'HP:0040282': { name: 'Frequent', value: 0.545 },
  'HP:0040283': { name: 'Occasional', value: 0.17 },
  'HP:0040284': { name: 'Very rare', value: 0.025 },
  'HP:0040285': { name: 'Excluded', value: 0.0 },
};

/**
 * Parses an annotation frequency ("3/7", "45%", an HPO frequency term, or empty) to a fraction.
 * Undefined means "not stated", which callers must not confuse with zero.
 */
export function parseFrequency(raw: string | undefined): number | undefined {
  if (!raw || raw === '-') return undefined;
  const s = raw.trim();
  const term = FREQUENCY_TERMS[s];
  if (term) return term.value;
  const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(s);
  if (ratio) {
    const den = Number(ratio[2]);
    return den > 0 ? Math.min(1, Number(ratio[1]) / den) : undefined;
  }
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(s);
  if (pct) return Math.min(1, Number(pct[1]) / 100);
  return undefined;
}
