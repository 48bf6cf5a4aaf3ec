import { useEffect, useState } from 'react';
import type {
  DifferentialBudget,
  DifferentialViewT,
  OdysseyApiError,
  PhenotypeT,
} from '../../../../core/api/contract.js';
import { asApiError, useApi, useQuery } from '../../api/context.js';

/** The stages of adding a suggested finding, in the order they run. */
export const ADD_STAGES = [
  'Saving the finding to the case',
  'Drawing the differential again',
  'Ranking the genes again',
] as const;

/** A finding the user just added from the next steps, and what it led to. */
export interface AddedFinding {
  id: string;
  name: string;
  excluded: boolean;
  /** The differential before the finding was added, to say what changed. */
  before: DifferentialViewT;
  /** The knowledge gene ranking drawn with it. */
  geneAnalysisId?: number;
}

export interface DifferentialState {
  view: DifferentialViewT | undefined;
  /** Loading the stored differential. */
  loading: boolean;
  /** There is no stored differential yet. */
  missing: boolean;
  loadError: OdysseyApiError | undefined;
  /** The stage in words while something runs (index into ADD_STAGES when adding a finding). */
  busy: { label: string; stage?: number } | undefined;
  error: OdysseyApiError | undefined;
  /** Why the stored differential was shown again instead of a new one. */
  note: string | undefined;
  added: AddedFinding | undefined;
  run: (budget: DifferentialBudget) => Promise<void>;
  addFinding: (term: { id: string; name: string }, excluded: boolean) => Promise<void>;
}

const asInput = (p: PhenotypeT) => ({
  id: p.id,
  excluded: p.excluded,
  ...(p.sourceText !== undefined ? { sourceText: p.sourceText } : {}),
  ...(p.span ? { span: p.span } : {}),
});

/** The case's differential: the stored one, drawing it, and adding a suggested finding. */
export function useDifferential(caseId: number): DifferentialState {
  const api = useApi();
  const stored = useQuery('getDifferential', { caseId });
  const [view, setView] = useState<DifferentialViewT>();
  const [busy, setBusy] = useState<DifferentialState['busy']>();
  const [error, setError] = useState<OdysseyApiError>();
  const [note, setNote] = useState<string>();
  const [added, setAdded] = useState<AddedFinding>();
  useEffect(() => {
    if (stored.data) setView(stored.data);
  }, [stored.data]);

  const attempt = async (fn: () => Promise<void>): Promise<void> => {
    setError(undefined);
    setNote(undefined);
    try {
      await fn();
    } catch (e) {
      setError(asApiError(e));
    } finally {
      setBusy(undefined);
    }
  };

  const run = (budget: DifferentialBudget): Promise<void> =>
    attempt(async () => {
      setBusy({ label: 'Drawing the differential' });
      const r = await api.call('runDifferential', { caseId, budget });
      setAdded(undefined);
      setView(r.differential);
      setNote(r.reason);
    });

  /**
   * One click: the finding joins the case's full list of terms (as the case editor saves them),
   * then the differential and the knowledge gene ranking are drawn again with it.
   */
  const addFinding = (term: { id: string; name: string }, excluded: boolean): Promise<void> =>
    attempt(async () => {
      const before = view;
      if (!before) return;
      setBusy({ label: ADD_STAGES[0], stage: 0 });
      const detail = await api.call('getCase', { id: caseId });
      const others = detail.phenotypes.filter((p) => p.id !== term.id).map(asInput);
      await api.call('updateCase', {
        id: caseId,
        phenotypes: [...others, { id: term.id, excluded }],
      });
      setBusy({ label: ADD_STAGES[1], stage: 1 });
      const r = await api.call('runDifferential', { caseId, budget: before.budget });
      setView(r.differential);
      setAdded({ ...term, excluded, before });
      setBusy({ label: ADD_STAGES[2], stage: 2 });
      const genes = await api.call('runAnalysis', { caseId, ranker: 'knowledge' });
      setAdded({ ...term, excluded, before, geneAnalysisId: genes.analysis.id });
    });

  return {
    view,
    loading: stored.loading && !view,
    missing: stored.error?.code === 'differential-missing' && !view,
    loadError: stored.error?.code === 'differential-missing' ? undefined : stored.error,
    busy,
    error,
    note,
    added,
    run,
    addFinding,
  };
}
