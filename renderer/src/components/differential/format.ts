/** A probability as a clinician reads it: whole percent, and "<1%" rather than a misleading 0%. */
export function pct(p: number): string {
  if (p > 0 && p < 0.005) return '<1%';
  return `${Math.round(p * 100)}%`;
}

/** A disease's genes, or a plain note when the knowledge base links it to none. */
export function genesText(genes: readonly string[]): string {
  return genes.length ? genes.join(', ') : 'no gene linked';
}
