/** Short texts the history's tables and panels share. */
import type { HistoryEntryT } from '../../../../core/api/contract.js';

/** "HPO 2026-02-16, annotations 2025-05-06": the versions a clinician recognises. */
export function knowledgeText(k: Record<string, string>): string {
  return `HPO ${k.hpo ?? '?'}, annotations ${k.hpoAnnotations ?? '?'}`;
}

export function sameKnowledge(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

/** The method, with the model and provider for the agent methods. */
export function methodText(a: HistoryEntryT): string {
  const model = a.model ? ` (${a.model}${a.provider ? ` via ${a.provider}` : ''})` : '';
  return `${a.ranker.label}${model}`;
}

/** "Whole genome", "A candidate list of 42 genes from a VCF". */
export function candidatesText(a: HistoryEntryT): string {
  const d = a.candidates.description;
  return d.charAt(0).toUpperCase() + d.slice(1);
}

export function findingsText(a: HistoryEntryT): string {
  const f = a.findings;
  if (!f.known) return 'Not recorded';
  return `${f.observed} observed${f.excluded ? `, ${f.excluded} excluded` : ''}`;
}
