/** A stored journey shown in a report: built on the mini knowledge base, rendered as HTML. */
import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../core/agents/journey/calibration.js';
import { KnowledgeJourneyEngine } from '../../core/agents/journey/knowledge-engine.js';
import { PhenotypeRanker, KNOWLEDGE_RANKER } from '../../core/genes/ranking/phenotype-ranker.js';
import { rankCase } from '../../core/genes/ranking/rank.js';
import { buildReportInput } from '../../core/reports/build.js';
import { reportDifferential } from '../../core/reports/differential.js';
import { renderHtml } from '../../core/reports/render-html.js';
import { renderTsv } from '../../core/reports/render-tsv.js';
import { miniKb } from '../helpers.js';

const platt: [number, number, number] = [1, 0, 0];
const CALIBRATION: Calibration = { format: 1, budgets: { quick: { temperature: 1, platt }, standard: { temperature: 1, platt }, deep: { temperature: 1, platt } }, recordRate: 0.3, insufficientBelow: 0.2, fit: {} };

describe('the differential in reports', () => {
  it('turns a journey into entries with probabilities, evidence sentences, reflection and next steps', async () => {
    const kb = await miniKb();
    const ranker = new PhenotypeRanker(kb, KNOWLEDGE_RANKER);
    const query = { observed: ['HP:0001252', 'HP:0002373'], excluded: ['HP:0000252'] };
    const journey = new KnowledgeJourneyEngine(kb, { ranker, calibration: CALIBRATION, params: { dropMargin: 0.1 } }).runNow({ query }, { budget: 'standard' });
    const dd = reportDifferential(journey);
    expect(dd.entries.map((e) => [e.diseaseId, e.probability])).toEqual(journey.differential.map((e) => [e.diseaseId, e.probability]));
    expect(dd.entries[0]!.evidenceFor[0]).toBe(journey.differential[0]!.evidenceFor[0]!.text);
    expect(dd.confidence).toBe(journey.confidence);
    expect(dd.source).toBe('knowledge engine v1, standard budget');
    expect(dd.conclusion).toMatch(/^(Most likely|Insufficient evidence)/);
    expect(dd.reflection!.some((r) => /dropped/.test(r))).toBe(true);
    expect(dd.nextSteps!.at(-1)).toMatch(/^Genes to test: /);

    const c = { id: 'mini-1', observed: query.observed.map((id) => ({ id })), excluded: query.excluded.map((id) => ({ id })), pmids: [] };
    const ranking = await rankCase(kb, ranker, query);
    const input = buildReportInput(kb, c, ranking, { analysedAt: '2026-03-02T09:15:00.000Z', generatedAt: '2026-03-02T09:20:00.000Z', journey });
    expect(input.differential).toEqual(dd);
    const page = renderHtml(input);
    expect(page).toContain('<section class="major" id="differential">');
    expect(page).toContain('Reflection: hypotheses dropped or re-ranked');
    expect(page).toContain('Next steps');
    expect(page).toContain(journey.differential[0]!.name);
    // The gene table is unchanged by the differential.
    expect(renderTsv(input).split('\n')[0]).toMatch(/^case_id\trank\tgene/);
    // Without a journey there is no differential section.
    expect(renderHtml(buildReportInput(kb, c, ranking, { analysedAt: '2026-03-02T09:15:00.000Z' }))).not.toContain('id="differential"');
  });
});
