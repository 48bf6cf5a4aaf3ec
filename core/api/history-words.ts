/**
 * The difference between two analyses in words: a one-line headline ("KIF1A rose from 7 to 1
 * after HPO 2026-02-16 and 2 new findings"), the store's paragraph with the findings named, and
 * the settings that differ. The gene lists themselves come from the store's diffResults.
 */
import { SOURCE_NAMES, listOf, plural, summarizeChange } from '../store/diff.js';
import type { AnalysisDiff, AnalysisResult, AnalysisWithResult, GeneMove } from '../store/types.js';
import type { AnalysisDiffT } from './contract.js';
import { RANKER_LABELS } from './engine.js';

type Setting = AnalysisDiffT['settingsChanged'][number];
type Findings = AnalysisDiffT['findings'];

export interface DiffWords {
  diff: AnalysisDiff;
  findings: Findings;
  from: AnalysisWithResult;
  to: AnalysisWithResult;
  settings: Setting[];
  fromResult: AnalysisResult;
  toResult: AnalysisResult;
}

const SOURCES: Record<string, string> = {
  list: 'a pasted list',
  panel: 'a gene panel',
  vcf: 'a VCF',
};

/** "the whole genome" or "a candidate list of 42 genes from a VCF". */
export function candidatesText(c: { list?: boolean; count?: number; source?: string }): string {
  if (!c.list) return 'the whole genome';
  const size = c.count === undefined ? '' : ` of ${plural(c.count, 'gene')}`;
  const source = c.source ? ` from ${SOURCES[c.source] ?? c.source}` : '';
  return `a candidate list${size}${source}`;
}

export function knowledgeChanges(d: AnalysisDiff): AnalysisDiffT['knowledgeChanged'] {
  return d.knowledgeChanged.map((k) => ({
    source: k.source,
    label: SOURCE_NAMES[k.source] ?? k.source,
    from: k.from,
    to: k.to,
  }));
}

const text = (v: unknown): string =>
  v === undefined || v === null ? '(none)' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** Scalar settings of an analysis by name: the stored parameters, and the method's own. */
function parameters(a: AnalysisWithResult, ownSettings: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a.parameters)) {
    if (k !== 'agent' && k !== 'candidates' && typeof v !== 'object') out[k] = v;
  }
  const agent = a.parameters.agent as { parameters?: Record<string, unknown> } | undefined;
  if (!ownSettings) return out;
  for (const [k, v] of Object.entries(agent?.parameters ?? {})) out[`agent ${k}`] = v;
  for (const [k, v] of Object.entries(a.ranker.params)) out[`ranker ${k}`] = v;
  for (const [k, v] of Object.entries(a.promptVersions ?? {})) out[`prompt ${k}`] = v;
  return out;
}

function methodText(a: AnalysisWithResult): string {
  return `${RANKER_LABELS[a.ranker.name]?.label ?? a.ranker.name} v${a.ranker.version}`;
}

/** What differs in how the two analyses were made, besides the knowledge and the findings. */
export function settingsChanges(
  from: AnalysisWithResult,
  to: AnalysisWithResult,
  candidatesFrom: string,
  candidatesTo: string,
): Setting[] {
  const out: Setting[] = [];
  const add = (name: string, a: unknown, b: unknown): void => {
    if (text(a) !== text(b)) out.push({ name, from: text(a), to: text(b) });
  };
  add('Method', methodText(from), methodText(to));
  add('Model', from.model, to.model);
  add('Provider', from.provider, to.provider);
  if (candidatesFrom !== candidatesTo) add('Candidate genes', candidatesFrom, candidatesTo);
  else if (from.geneSetId !== to.geneSetId)
    add('Candidate genes', `list ${from.geneSetId}`, `list ${to.geneSetId}`);
  // Another method has other settings of its own; comparing them would only repeat "Method".
  const same = from.ranker.name === to.ranker.name;
  const p = parameters(from, same);
  const q = parameters(to, same);
  for (const k of new Set([...Object.keys(p), ...Object.keys(q)])) add(k, p[k], q[k]);
  return out;
}

function findingWords(f: Findings): string[] {
  const out: string[] = [];
  if (f.added.length) out.push(plural(f.added.length, 'new finding'));
  if (f.removed.length) out.push(`${plural(f.removed.length, 'finding')} removed`);
  if (f.flipped.length)
    out.push(`${plural(f.flipped.length, 'finding')} switched between observed and excluded`);
  return out;
}

/** Why the ranking may differ: new knowledge, findings, method or other settings. */
function causes(w: DiffWords): string[] {
  const out = w.diff.knowledgeChanged.map((k) => `${SOURCE_NAMES[k.source] ?? k.source} ${k.to}`);
  const findings = findingWords(w.findings);
  out.push(...findings);
  const names = new Set(w.settings.map((s) => s.name));
  if (w.diff.inputsChanged && !findings.length && !names.has('Candidate genes'))
    out.push(w.findings.known ? 'changed age, sex or onset' : 'changed findings or demographics');
  if (names.has('Method')) out.push(`a switch to ${methodText(w.to)}`);
  if (names.has('Model')) out.push(`model ${text(w.to.model)}`);
  if (names.has('Candidate genes')) out.push('a different candidate gene list');
  const other = w.settings.filter((s) => !['Method', 'Model', 'Candidate genes'].includes(s.name));
  if (other.length) out.push(plural(other.length, 'changed setting'));
  return out;
}

const rankIn = (r: AnalysisResult, symbol: string): number | null =>
  r.genes.find((g) => g.symbol === symbol)?.rank ?? null;

/**
 * The move a clinician looks for first: the gene that rose to the highest place (from outside
 * the list, or from lower down); when none rose, the one that fell furthest.
 */
function mainMove(d: AnalysisDiff): GeneMove | undefined {
  const moves = [...d.enteredTop, ...d.moved];
  const rose = moves
    .filter((m) => m.to !== null && (m.from === null || m.from > m.to))
    .sort((a, b) => a.to! - b.to!);
  const fell = (m: GeneMove): number => (m.to ?? Infinity) - (m.from ?? 0);
  return rose[0] ?? moves.sort((a, b) => fell(b) - fell(a))[0];
}

function mainChange(w: DiffWords): string {
  const { diff: d, fromResult } = w;
  const { before, after } = d.topGene;
  if (!after) return 'No gene scored';
  if (after !== before) {
    const was = rankIn(fromResult, after);
    return was === null
      ? `${after} is now first (it was not among the ${d.listed.before} genes listed before)`
      : `${after} rose from ${was} to 1`;
  }
  const m = mainMove(d);
  const still = `${after} is still first`;
  if (m) {
    const change =
      m.from === null
        ? `${m.symbol} entered the top ${d.top} at ${m.to}`
        : `${m.symbol} ${m.to! < m.from ? 'rose' : 'fell'} from ${m.from} to ${m.to}`;
    return `${still}; ${change}`;
  }
  const left = d.leftTop[0];
  if (left) return `${still}; ${left.symbol} left the top ${d.top}`;
  return `No change in the top ${d.top}: ${still}`;
}

export function diffHeadline(w: DiffWords): string {
  const why = causes(w);
  return `${mainChange(w)} ${why.length ? `after ${listOf(why, 4)}` : 'with the same findings, knowledge and method'}.`;
}

function names(list: Findings['added']): string {
  return listOf(list.map((f) => f.name));
}

/** The store's paragraph on the change, with the findings that changed named. */
export function diffSummary(w: DiffWords): string {
  const parts = [summarizeChange(w.diff, w.toResult)];
  const f = w.findings;
  const observed = f.added.filter((x) => !x.excluded);
  const excluded = f.added.filter((x) => x.excluded);
  const said: string[] = [];
  if (observed.length) said.push(`added ${names(observed)}`);
  if (excluded.length) said.push(`newly excluded ${names(excluded)}`);
  if (f.removed.length) said.push(`removed ${names(f.removed)}`);
  const nowExcluded = f.flipped.filter((x) => x.excluded);
  const nowObserved = f.flipped.filter((x) => !x.excluded);
  if (nowExcluded.length) said.push(`now excluded ${names(nowExcluded)}`);
  if (nowObserved.length) said.push(`now observed ${names(nowObserved)}`);
  if (said.length) parts.push(`Findings: ${said.join('; ')}.`);
  else if (w.diff.inputsChanged && f.known && !w.settings.some((s) => s.name === 'Candidate genes'))
    parts.push('The findings are the same; the age, sex or onset changed.');
  return parts.join(' ');
}
