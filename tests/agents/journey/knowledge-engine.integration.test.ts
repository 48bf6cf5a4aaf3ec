/** The knowledge journey on real phenopackets with the installed knowledge base and the committed calibration. */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCalibration } from '../../../core/agents/journey/calibration.js';
import { KnowledgeJourneyEngine } from '../../../core/agents/journey/knowledge-engine.js';
import { JourneySchema } from '../../../core/agents/journey/schema.js';
import { readCases } from '../../../core/cases/sources.js';
import type { PatientCase } from '../../../core/cases/types.js';
import { queryFromCase } from '../../../core/genes/ranking/case-query.js';
import { loadKnowledgeBase } from '../../../core/genes/kb/load.js';
import { fixture } from '../../helpers.js';

let engine: KnowledgeJourneyEngine;
let kcnt1: PatientCase;
beforeAll(async () => {
  const { kb } = await loadKnowledgeBase();
  engine = new KnowledgeJourneyEngine(kb, { calibration: loadCalibration() });
  for await (const item of readCases(fixture('cli', 'kcnt1-case.json'))) if (item.case) kcnt1 = item.case;
}, 60_000);

describe('knowledge journey on real data', () => {
  it('puts the KCNT1 encephalopathy first, with its evidence, and does more work on deeper budgets', () => {
    const query = queryFromCase(kcnt1);
    const quick = engine.runNow({ query }, { budget: 'quick' });
    const standard = engine.runNow({ query }, { budget: 'standard' });
    const deep = engine.runNow({ query }, { budget: 'deep' });
    for (const j of [quick, standard, deep]) {
      expect(JourneySchema.parse(j)).toEqual(j);
      expect(j.differential[0]).toMatchObject({ diseaseId: 'OMIM:614959', genes: ['KCNT1'] });
      expect(j.differential.reduce((s, d) => s + d.probability, 0)).toBeLessThanOrEqual(1.000001);
    }
    expect(standard.differential[0]!.evidenceFor.map((e) => e.term.name)).toContain('Focal motor seizure');
    // The case records Hypoplasia of the corpus callosum as absent; DEE14 has it in some patients.
    expect(standard.differential[0]!.evidenceAgainst.some((e) => e.kind === 'excluded-finding' && e.term?.name === 'Hypoplasia of the corpus callosum')).toBe(true);
    expect(quick.work.tested).toBeLessThan(standard.work.tested);
    expect(standard.work.tested).toBeLessThan(deep.work.tested);
    expect(deep.work.rounds).toBeGreaterThan(standard.work.rounds);
    expect(standard.nextSteps.phenotypes).toHaveLength(3);
    expect(standard.nextSteps.genes[0]!.symbol).toBe('KCNT1');
  });

  it("is less sure when the true disease and its gene's other diseases are ruled out", () => {
    const query = queryFromCase(kcnt1);
    const kb = engine.kb;
    const out = kb.gene('KCNT1')!.diseases;
    const j = engine.runNow({ query, excludeDiseases: out }, { budget: 'standard' });
    expect(j.differential.map((d) => d.diseaseId)).not.toContain('OMIM:614959');
    expect(j.differential[0]!.probability).toBeLessThan(engine.runNow({ query }, { budget: 'standard' }).differential[0]!.probability);
  });
});
