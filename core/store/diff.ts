/**
 * What changed between two analyses of a case: genes that entered or left the top N, rank moves
 * within it, diseases new to the top N, and which knowledge sources, ranker or inputs changed;
 * and a one-paragraph account of it for the clinician.
 */
import type { KnowledgeVersions } from '../genes/kb/types.js';
import type { RankerInfo } from '../genes/ranking/types.js';
import type { AnalysisDiff, AnalysisRecord, AnalysisResult, GeneMove } from './types.js';

export interface DiffSide {
  ranker: RankerInfo;
  knowledge: KnowledgeVersions;
  inputHash: string;
  result: AnalysisResult;
}

/** The knowledge sources as a clinician reads them. */
export const SOURCE_NAMES: Record<keyof KnowledgeVersions, string> = {
  hpo: 'HPO',
  hpoAnnotations: 'HPO annotations',
  genesToPhenotype: 'genes-to-phenotype',
  genesToDisease: 'genes-to-disease',
  hgnc: 'HGNC',
};

const rankerLabel = (r: RankerInfo): string => `${r.name} v${r.version}`;

/**
 * "The top N" is the first N genes (or diseases) as listed, which is what a clinician sees; ranks
 * can tie, and a tie across the cut-off would otherwise put dozens of genes "in the top 10".
 */
export function diffResults(prev: AnalysisRecord & { result?: AnalysisResult }, cur: DiffSide, top: number): AnalysisDiff {
  const prevGenes = prev.result?.genes ?? [];
  const before = new Map(prevGenes.map((g) => [g.symbol, g.rank]));
  const after = new Map(cur.result.genes.map((g) => [g.symbol, g.rank]));
  const topBefore = new Set(prevGenes.slice(0, top).map((g) => g.symbol));
  const topAfter = new Set(cur.result.genes.slice(0, top).map((g) => g.symbol));
  const move = (symbol: string): GeneMove => ({ symbol, from: before.get(symbol) ?? null, to: after.get(symbol) ?? null });

  const enteredTop: GeneMove[] = [];
  const moved: GeneMove[] = [];
  for (const g of cur.result.genes.slice(0, top)) {
    if (!topBefore.has(g.symbol)) enteredTop.push(move(g.symbol));
    else if (before.get(g.symbol) !== g.rank) moved.push(move(g.symbol));
  }
  const leftTop = prevGenes.slice(0, top).filter((g) => !topAfter.has(g.symbol)).map((g) => move(g.symbol));

  const prevDiseases = prev.result?.diseases ?? [];
  const diseasesBefore = new Map(prevDiseases.map((d) => [d.id, d.rank]));
  const topDiseasesBefore = new Set(prevDiseases.slice(0, top).map((d) => d.id));
  const newDiseases = cur.result.diseases
    .slice(0, top)
    .filter((d) => !topDiseasesBefore.has(d.id))
    .map((d) => ({ id: d.id, name: d.name, rank: d.rank, previousRank: diseasesBefore.get(d.id) ?? null }));

  const keys = new Set([...Object.keys(prev.knowledge), ...Object.keys(cur.knowledge)]) as Set<keyof KnowledgeVersions>;
  const knowledgeChanged = [...keys]
    .filter((k) => prev.knowledge[k] !== cur.knowledge[k])
    .map((k) => ({ source: k, from: prev.knowledge[k] ?? '(none)', to: cur.knowledge[k] ?? '(none)' }));

  const sameRanker = rankerLabel(prev.ranker) === rankerLabel(cur.ranker);
  const sameParams = JSON.stringify(prev.ranker.params) === JSON.stringify(cur.ranker.params);
  return {
    previousId: prev.id,
    top,
    knowledgeChanged,
    ...(sameRanker && sameParams ? {} : { rankerChanged: { from: rankerLabel(prev.ranker), to: sameRanker ? `${rankerLabel(cur.ranker)} (new parameters)` : rankerLabel(cur.ranker) } }),
    inputsChanged: prev.inputHash !== cur.inputHash,
    enteredTop,
    leftTop,
    moved,
    newDiseases,
    topGene: { before: prev.result?.genes[0]?.symbol ?? null, after: cur.result.genes[0]?.symbol ?? null },
    listed: { before: prevGenes.length, after: cur.result.genes.length },
  };
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "A, B, C and 4 more". */
export function listOf(items: string[], max = 5): string {
  if (items.length <= max) return items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}` : (items[0] ?? '');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}


/** One paragraph on what changed since the previous analysis. */
export function summarizeChange(d: AnalysisDiff, result: AnalysisResult): string {
  const parts: string[] = [];
  const why: string[] = [];
  if (d.knowledgeChanged.length) why.push(`new knowledge (${d.knowledgeChanged.map((k) => `${SOURCE_NAMES[k.source] ?? k.source} ${k.from} → ${k.to}`).join('; ')})`);
  if (d.rankerChanged) why.push(`a different ranker (${d.rankerChanged.from} → ${d.rankerChanged.to})`);
  if (d.inputsChanged) why.push("changed findings or candidate genes for the case");
  parts.push(`Compared with analysis ${d.previousId}, this one used ${why.length ? listOf(why, 3) : 'the same knowledge, ranker and findings'}.`);
  const n = `top ${d.top}`;
  if (!d.enteredTop.length && !d.leftTop.length && !d.moved.length && !d.newDiseases.length) {
    parts.push(`The ${n} genes and diseases are unchanged${d.topGene.after ? `, with ${d.topGene.after} still first` : ''}.`);
    return parts.join(' ');
  }
  if (d.enteredTop.length) {
    const was = (r: number | null): string => (r === null ? `below the top ${d.listed.before}` : `${r}`);
    parts.push(`${plural(d.enteredTop.length, 'gene')} entered the ${n}: ${listOf(d.enteredTop.map((g) => `${g.symbol} (now ${g.to}, was ${was(g.from)})`))}.`);
  }
  if (d.leftTop.length) {
    const now = (r: number | null): string => (r === null ? `below the top ${d.listed.after}` : `${r}`);
    parts.push(`${plural(d.leftTop.length, 'gene')} left it: ${listOf(d.leftTop.map((g) => `${g.symbol} (was ${g.from}, now ${now(g.to)})`))}.`);
  }
  if (d.moved.length) {
    parts.push(`${plural(d.moved.length, 'gene')} moved within it: ${listOf(d.moved.map((g) => `${g.symbol} ${g.from} → ${g.to}`))}.`);
  }
  if (d.newDiseases.length) {
    parts.push(`${plural(d.newDiseases.length, 'disease')} ${d.newDiseases.length === 1 ? 'is' : 'are'} new to the ${n} diseases: ${listOf(d.newDiseases.map((x) => `${x.name} (${x.id}, rank ${x.rank})`), 3)}.`);
  }
  const first = result.genes[0];
  if (d.topGene.after !== d.topGene.before) parts.push(`The top gene is now ${d.topGene.after ?? 'none'} (was ${d.topGene.before ?? 'none'}).`);
  else if (first) parts.push(`${first.symbol} is still first.`);
  return parts.join(' ');
}

/** The paragraph for a case's first analysis. */
export function summarizeFirst(result: AnalysisResult, top: number): string {
  const genes = result.genes.slice(0, Math.min(top, 5));
  if (!genes.length) return `First analysis: no gene scored (${result.warnings.length ? result.warnings.join('; ') : 'no usable findings'}).`;
  const lead = result.diseases[0];
  return (
    `First analysis: ${result.scored.genes} genes scored; the leading genes are ${listOf(genes.map((g) => `${g.symbol} (${g.score})`))}` +
    (lead ? `, and the leading disease is ${lead.name} (${lead.id}).` : '.')
  );
}
