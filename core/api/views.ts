/**
 * Store records turned into the contract's shapes: a case with named, categorised terms, and an
 * analysis with its ranked genes and the PhenoGrid-style evidence grid.
 */
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import type { Ontology } from '../hpo/ontology.js';
import { organSystemName } from '../reports/build.js';
import type { Store } from '../store/store.js';
import type { AnalysisRecord, AnalysisWithResult } from '../store/types.js';
import type { ResponseOf } from './contract.js';

type CaseDetail = ResponseOf<'getCase'>;
type AnalysisView = ResponseOf<'getAnalysis'>;
type Grid = AnalysisView['grid'];

/** Genes shown as grid columns: the top of the ranking, as many as fit a screen. */
export const GRID_GENES = 12;

export function categoriesOf(o: Ontology, id: string): { id: string; name: string }[] {
  return o.categoriesOf(id).map((c) => ({ id: c, name: organSystemName(o.get(c)?.name ?? c) }));
}

function analysisSummary(a: AnalysisRecord, topGenes: string[]): CaseDetail['analyses'][number] {
  return {
    id: a.id,
    status: a.status,
    finishedAt: a.finishedAt,
    ranker: a.ranker.name,
    topGenes,
    ...(a.summary ? { summary: a.summary } : {}),
    ...(a.error ? { error: a.error } : {}),
  };
}

export function caseDetail(store: Store, o: Ontology, id: number): CaseDetail {
  const v = store.view(id);
  const c = v.case;
  const latestGenes = v.latestAnalysis?.result?.genes.slice(0, 5).map((g) => g.symbol) ?? [];
  return {
    case: {
      id: c.id,
      label: c.label,
      status: c.status,
      ...(c.sex ? { sex: c.sex } : {}),
      ...(c.ageYears !== undefined ? { ageYears: c.ageYears } : {}),
      ...(c.onsetYears !== undefined ? { onsetYears: c.onsetYears } : {}),
      ...(c.onsetTerm ? { onsetTerm: c.onsetTerm } : {}),
      notes: c.notes,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    },
    phenotypes: v.phenotypes.map((p) => ({
      id: p.id,
      label: o.get(p.id)?.name ?? p.label ?? p.id,
      excluded: p.excluded,
      categories: categoriesOf(o, p.id),
      ...(p.sourceText !== undefined ? { sourceText: p.sourceText } : {}),
      ...(p.span ? { span: p.span } : {}),
      addedBy: p.addedBy,
      addedAt: p.addedAt,
    })),
    ...(v.geneSet ? { candidateGenes: v.geneSet.genes } : {}),
    // Newest first; only the latest carries its top genes, which saves decoding every result.
    analyses: store.analyses
      .list(id)
      .sort((a, b) => b.id - a.id)
      .map((a) => analysisSummary(a, a.id === v.latestAnalysis?.id ? latestGenes : [])),
  };
}

/** Each patient term against each top gene's best-matching disease, shaded by shared IC. */
export function evidenceGrid(
  kb: KnowledgeBase,
  observed: readonly string[],
  genes: AnalysisView['genes'],
): Grid {
  const o = kb.hpo.ontology;
  const columns = genes.slice(0, GRID_GENES);
  const terms = observed.map((id) => {
    const i = o.indexOf(id);
    return { id, name: o.get(id)?.name ?? id, ic: i === undefined ? 0 : (kb.hpo.ic[i] ?? 0) };
  });
  let maxIc = 0;
  const cells = terms.map((t) =>
    columns.map((g) => {
      const m = g.explanation?.matches.find((x) => x.patientTerm.id === t.id);
      if (!m || m.kind === 'unmatched') return null;
      const ic = m.commonAncestor?.ic ?? 0;
      maxIc = Math.max(maxIc, ic);
      return {
        kind: m.kind,
        ic,
        contribution: m.contribution,
        ...(m.commonAncestor ? { via: m.commonAncestor.name } : {}),
      };
    }),
  );
  return { terms, genes: columns.map((g) => g.symbol), cells, maxIc };
}

export function analysisView(
  kb: KnowledgeBase,
  a: AnalysisWithResult,
  observed: readonly string[],
  top: number,
): AnalysisView {
  const genes = (a.result?.genes ?? []).slice(0, top);
  return {
    id: a.id,
    caseId: a.caseId,
    status: a.status,
    startedAt: a.startedAt,
    finishedAt: a.finishedAt,
    durationMs: a.durationMs,
    ranker: { name: a.ranker.name, version: a.ranker.version, description: a.ranker.description },
    knowledge: { ...a.knowledge },
    genes,
    diseases: (a.result?.diseases ?? [])
      .slice(0, top)
      .map(({ id, name, genes: g, rank, score }) => ({ id, name, genes: g, rank, score })),
    warnings: a.result?.warnings ?? [],
    scored: a.result?.scored ?? { genes: 0, diseases: 0 },
    ...(a.summary ? { summary: a.summary } : {}),
    ...(a.error ? { error: a.error } : {}),
    grid: evidenceGrid(kb, observed, genes),
  };
}
