/**
 * The differential operations on the real installed data and a temporary case store: drawing
 * the journey for a stored case, reading it back, the one-click addition of a suggested finding
 * that draws it again, and the errors a clinician can meet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../core/api/contract.js';
import { ApiContext } from '../../core/api/context.js';
import { tempDir } from '../helpers.js';
import { apiCaller } from './call-api.js';

/** Marfan syndrome (FBN1): arachnodactyly, ectopia lentis, aortic root aneurysm, tall stature. */
const MARFAN_TERMS = ['HP:0001166', 'HP:0001083', 'HP:0002616', 'HP:0000098'];

let ctx: ApiContext;
const { ok, failure } = apiCaller(() => ctx);

/** Records the differential's first suggested finding as present or absent, as the screen does. */
async function addFirstSuggestion(caseId: number, excluded: boolean) {
  const before = await ok('getDifferential', { caseId });
  const suggestion = before.nextSteps.phenotypes[0]!;
  const detail = await ok('getCase', { id: caseId });
  await ok('updateCase', {
    id: caseId,
    phenotypes: [
      ...detail.phenotypes.map((p) => ({ id: p.id, excluded: p.excluded })),
      { id: suggestion.id, excluded },
    ],
  });
  return { before, suggestion };
}

beforeAll(() => {
  ctx = new ApiContext({ home: tempDir('odyssey-ddx-api-home-'), actor: 'ddx-api-test' });
});
afterAll(() => ctx.close());

describe('the differential operations', () => {
  let caseId: number;
  let first: ResponseOf<'getDifferential'>;

  it('says plainly that no differential has been drawn yet', async () => {
    const c = await ok('createCase', {
      label: 'Marfan-like',
      phenotypes: MARFAN_TERMS.map((id) => ({ id })),
    });
    caseId = c.case.id;
    const e = await failure('getDifferential', { caseId });
    expect(e.code).toBe('differential-missing');
    expect(e.message).toMatch(/No differential diagnosis has been drawn for case \d+ yet/);
    expect(e.hint).toMatch(/Run differential/);
  });

  it('draws the differential of a stored case and keeps it as an analysis', async () => {
    const r = await ok('runDifferential', { caseId });
    expect(r.outcome).toBe('analysed');
    first = r.differential;
    expect(first).toMatchObject({
      caseId,
      budget: 'standard',
      engine: 'knowledge',
      upToDate: true,
    });
    expect(first.versions).toMatchObject({ hpo: expect.any(String), journey: 'knowledge 1' });
    // Observations: every finding under an organ system, with its IC.
    const findings = first.observations.systems.flatMap((s) => s.findings.map((f) => f.id));
    for (const id of MARFAN_TERMS) expect(findings).toContain(id);
    expect(first.observations.systems.flatMap((s) => s.findings).every((f) => f.ic > 0)).toBe(true);
    // Hypotheses and their tests: Marfan syndrome leads, with evidence for that carries IC.
    expect(first.hypotheses.candidates.length).toBe(20);
    const lead = first.conclusion.entries[0]!;
    expect(lead.genes).toContain('FBN1');
    const leadTest = first.tests.find((t) => t.diseaseId === lead.diseaseId)!;
    expect(leadTest.outcome).toMatchObject({ kind: 'in-differential', rank: 1 });
    expect(leadTest.evidenceFor.length).toBeGreaterThanOrEqual(3);
    expect(leadTest.evidenceFor.every((e) => e.ic > 0 && e.text.length > 0)).toBe(true);
    expect(leadTest.genes).toContain('FBN1');
    expect(first.tests.length).toBeGreaterThanOrEqual(20);
    // Reflection: one step per round of the standard budget.
    expect(first.reflection.map((s) => s.round)).toEqual([1, 2]);
    // Conclusion: probabilities that sum to one with the rest, and a confidence.
    const total =
      first.conclusion.entries.reduce((s, e) => s + e.probability, 0) +
      first.conclusion.otherProbability;
    expect(total).toBeCloseTo(1, 2);
    expect(first.conclusion.insufficientEvidence).toBe(
      first.conclusion.confidence === 'insufficient',
    );
    expect(first.conclusion.text.length).toBeGreaterThan(20);
    // Next steps: findings to examine, none recorded yet, and genes to test.
    expect(first.nextSteps.phenotypes.length).toBeGreaterThan(0);
    expect(first.nextSteps.phenotypes.every((p) => p.recorded === null && p.expectedGain > 0)).toBe(
      true,
    );
    expect(first.nextSteps.genes.map((g) => g.symbol)).toContain('FBN1');
  });

  it('shows exactly the stored journey, not a recomputation', async () => {
    const stored = ctx.store.analyses.get(first.analysisId, { result: true })!;
    const j = stored.result!.differential!;
    expect(first.conclusion.entries).toEqual(
      j.differential.map(({ diseaseId, name, genes, probability }) => ({
        diseaseId,
        name,
        genes,
        probability,
      })),
    );
    expect(first.nextSteps.phenotypes.map((p) => p.id)).toEqual(
      j.nextSteps.phenotypes.map((p) => p.id),
    );
    expect(first.tests.map((t) => t.diseaseId)).toEqual(
      j.steps.flatMap((s) => (s.kind === 'test' ? [s.diseaseId] : [])),
    );
    expect(await ok('getDifferential', { caseId })).toEqual(first);
  });

  it('returns the stored differential when nothing changed, and draws a new one when asked', async () => {
    const again = await ok('runDifferential', { caseId, budget: 'standard' });
    expect(again.outcome).toBe('skipped');
    expect(again.reason).toMatch(new RegExp(`analysis ${first.analysisId}`));
    expect(again.differential.analysisId).toBe(first.analysisId);
    // Another budget is another computation.
    const quick = await ok('runDifferential', { caseId, budget: 'quick' });
    expect(quick.outcome).toBe('analysed');
    expect(quick.differential.budget).toBe('quick');
    expect(quick.differential.hypotheses.candidates.length).toBe(5);
    expect((await ok('getDifferential', { caseId })).analysisId).toBe(
      quick.differential.analysisId,
    );
    expect((await ok('getDifferential', { caseId, analysisId: first.analysisId })).budget).toBe(
      'standard',
    );
    const forced = await ok('runDifferential', { caseId, force: true });
    expect(forced.outcome).toBe('analysed');
    expect(forced.differential.analysisId).toBeGreaterThan(quick.differential.analysisId);
    // The same findings give the same journey.
    expect(forced.differential.conclusion).toEqual(first.conclusion);
  });

  it('adds a suggested finding as present, then draws the differential and gene ranking again', async () => {
    const { before, suggestion } = await addFirstSuggestion(caseId, false);
    // The stored differential now says it is out of date and marks the term as recorded.
    const stale = await ok('getDifferential', { caseId });
    expect(stale.upToDate).toBe(false);
    expect(stale.nextSteps.phenotypes.find((p) => p.id === suggestion.id)?.recorded).toBe(
      'observed',
    );
    const rerun = await ok('runDifferential', { caseId });
    expect(rerun.outcome).toBe('analysed');
    expect(rerun.differential.analysisId).toBeGreaterThan(before.analysisId);
    expect(rerun.differential.upToDate).toBe(true);
    const seen = [
      ...rerun.differential.observations.systems.flatMap((s) => s.findings),
      ...rerun.differential.observations.other,
    ].map((f) => f.id);
    expect(seen).toContain(suggestion.id);
    // A finding now settled is not asked about again.
    expect(rerun.differential.nextSteps.phenotypes.map((p) => p.id)).not.toContain(suggestion.id);
    const genes = await ok('runAnalysis', { caseId, ranker: 'knowledge' });
    expect(genes.outcome).toBe('analysed');
    expect(genes.analysis.grid.terms.map((t) => t.id)).toContain(suggestion.id);
  });

  it('adds a suggested finding as absent: it becomes a pertinent negative', async () => {
    const { suggestion } = await addFirstSuggestion(caseId, true);
    const rerun = await ok('runDifferential', { caseId });
    expect(rerun.outcome).toBe('analysed');
    expect(rerun.differential.observations.pertinentNegatives.map((t) => t.id)).toContain(
      suggestion.id,
    );
  });

  it('refuses an analysis that has no differential, and one of another case', async () => {
    const plain = await ok('runAnalysis', { caseId, ranker: 'knowledge', force: true });
    const e = await failure('getDifferential', { caseId, analysisId: plain.analysis.id });
    expect(e.code).toBe('differential-missing');
    expect(e.message).toMatch(/gene ranking without a differential diagnosis/);
    const other = await ok('createCase', { label: 'Other', phenotypes: [{ id: 'HP:0001250' }] });
    const e2 = await failure('getDifferential', {
      caseId: other.case.id,
      analysisId: first.analysisId,
    });
    expect(e2.code).toBe('analysis-missing');
  });

  it('refuses an unknown case and a case without observed findings, naming the fix', async () => {
    expect((await failure('runDifferential', { caseId: 9999 })).code).toBe('case-not-found');
    expect((await failure('getDifferential', { caseId: 9999 })).code).toBe('case-not-found');
    const empty = await ok('createCase', {
      label: 'Only absent findings',
      phenotypes: [{ id: 'HP:0000365', excluded: true }],
    });
    const e = await failure('runDifferential', { caseId: empty.case.id });
    expect(e.code).toBe('no-findings');
    expect(e.hint).toMatch(/Add at least one observed HPO term/);
    expect((await failure('runDifferential', { caseId, budget: 'huge' as never })).code).toBe(
      'bad-request',
    );
  });
});
