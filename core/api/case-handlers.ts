/** The case operations: list, open, create and edit, with HPO ids checked against the release. */
import { OdysseyError } from '../errors.js';
import type { Ontology } from '../hpo/ontology.js';
import type { CasePatch, NewPhenotype } from '../store/types.js';
import type { ParsedRequestOf, ResponseOf } from './contract.js';
import type { ApiContext } from './context.js';
import { caseDetail } from './views.js';

type PhenotypeInputs = ParsedRequestOf<'createCase'>['phenotypes'];

/** Alt ids and replaced obsolete ids become the current term; unknown ids are refused by name. */
function resolvePhenotypes(o: Ontology, inputs: PhenotypeInputs): NewPhenotype[] {
  return inputs.map((p) => {
    const r = o.resolve(p.id);
    if (!r.term)
      throw new OdysseyError(
        'bad-hpo-id',
        r.warning ?? `${p.id} is not a term in the installed HPO release.`,
        'Search for the finding by name and pick the current term; nothing was saved.',
      );
    return {
      id: r.term.id,
      label: r.term.name,
      excluded: p.excluded,
      ...(p.sourceText !== undefined ? { sourceText: p.sourceText } : {}),
      ...(p.span ? { span: p.span } : {}),
    };
  });
}

function demographics(r: ParsedRequestOf<'updateCase'> | ParsedRequestOf<'createCase'>): CasePatch {
  const patch: CasePatch = {};
  if (r.sex !== undefined) patch.sex = r.sex;
  if (r.ageYears !== undefined) patch.ageYears = r.ageYears;
  if (r.onsetYears !== undefined) {
    patch.onsetYears = r.onsetYears;
    // An onset age replaces an onset class given before.
    if (r.onsetYears !== null) patch.onsetTerm = null;
  }
  return patch;
}

export async function listCases(
  ctx: ApiContext,
  r: ParsedRequestOf<'listCases'>,
): Promise<ResponseOf<'listCases'>> {
  const page = ctx.store.list({
    ...(r.status ? { status: r.status } : {}),
    ...(r.text?.trim() ? { text: r.text.trim() } : {}),
    ...(r.gene?.trim() ? { gene: r.gene.trim(), geneTop: 10 } : {}),
    ...(r.since ? { since: r.since } : {}),
    ...(r.until ? { until: r.until } : {}),
    page: r.page,
    pageSize: r.pageSize,
  });
  return page;
}

export async function getCase(
  ctx: ApiContext,
  r: ParsedRequestOf<'getCase'>,
): Promise<ResponseOf<'getCase'>> {
  const o = (await ctx.kb()).hpo.ontology;
  return caseDetail(ctx.store, o, r.id);
}

export async function createCase(
  ctx: ApiContext,
  r: ParsedRequestOf<'createCase'>,
): Promise<ResponseOf<'createCase'>> {
  const o = (await ctx.kb()).hpo.ontology;
  const terms = resolvePhenotypes(o, r.phenotypes);
  const d = demographics(r);
  const created = ctx.store.cases.create(
    {
      label: r.label,
      ...(d.sex ? { sex: d.sex } : {}),
      ...(d.ageYears != null ? { ageYears: d.ageYears } : {}),
      ...(d.onsetYears != null ? { onsetYears: d.onsetYears } : {}),
      ...(r.notes ? { notes: r.notes } : {}),
    },
    terms,
  );
  return caseDetail(ctx.store, o, created.id);
}

/**
 * Saves the edits in one transaction. `phenotypes`, when given, is the case's whole list: a term
 * flipped between observed and excluded is removed and added again in its new state.
 */
export async function updateCase(
  ctx: ApiContext,
  r: ParsedRequestOf<'updateCase'>,
): Promise<ResponseOf<'updateCase'>> {
  const o = (await ctx.kb()).hpo.ontology;
  const store = ctx.store;
  const wanted = r.phenotypes ? resolvePhenotypes(o, r.phenotypes) : undefined;
  const patch: CasePatch = {
    ...demographics(r),
    ...(r.label !== undefined ? { label: r.label } : {}),
    ...(r.notes !== undefined ? { notes: r.notes } : {}),
    ...(r.status ? { status: r.status } : {}),
  };
  store.transaction(() => {
    store.cases.update(r.id, patch);
    if (!wanted) return;
    const keys = new Set(wanted.map((p) => `${p.id}:${Boolean(p.excluded)}`));
    const stale = store.phenotypes.list(r.id).filter((p) => !keys.has(`${p.id}:${p.excluded}`));
    store.phenotypes.remove(r.id, [...new Set(stale.map((p) => p.id))]);
    store.phenotypes.add(r.id, wanted);
  });
  return caseDetail(store, o, r.id);
}
