/**
 * A journey for a stored case, kept with the case's history: the case's findings, demographics
 * and latest gene set are read from the store, and the journey is recorded as an analysis with
 * the ranking it started from, so reports and later reanalyses see it.
 */
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import { sentPayloadsTranscript } from '../../genes/ranking/agent-report.js';
import { rankForStore, STORED_TOP } from '../../store/engine.js';
import { queryForCase } from '../../store/reanalyze.js';
import type { Store } from '../../store/store.js';
import type { AnalysisRecord } from '../../store/types.js';
import type { JourneyOptions } from './engine.js';
import type { KnowledgeJourneyEngine } from './knowledge-engine.js';
import type { LlmJourneyEngine, LlmJourneyRecord } from './llm-engine.js';
import type { Journey } from './schema.js';

export interface StoredJourney {
  journey: Journey;
  analysis: AnalysisRecord;
}

/**
 * With `llm`, the LLM engine writes the journey over the knowledge engine's deliberation, and the
 * analysis also keeps its model, prompt versions, transcripts and every payload exactly as sent.
 */
export async function journeyForStoredCase(store: Store, kb: KnowledgeBase, engine: KnowledgeJourneyEngine, caseId: number, options: JourneyOptions & { excludeDiseases?: string[] }, llm?: LlmJourneyEngine): Promise<StoredJourney> {
  const input = queryForCase(store, caseId);
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const journeyInput = { query: input.query, ...(options.excludeDiseases ? { excludeDiseases: options.excludeDiseases } : {}) };
  const rec: LlmJourneyRecord | undefined = llm ? await llm.runWithRecord(journeyInput, options) : undefined;
  const journey = rec ? rec.journey : await engine.run(journeyInput, options);
  // The gene ranking stored beside the journey comes from the ranker the hypotheses came from.
  const ranker = engine.hypothesisRanker;
  const ranked = await rankForStore(kb, ranker, input.query, options.signal);
  const analysis = store.analyses.record({
    caseId,
    status: 'done',
    startedAt,
    durationMs: Math.round((performance.now() - t0) * 10) / 10,
    ranker: ranker.info,
    knowledge: kb.versions,
    // The journey's engine and calibration make it a different computation from a plain ranking.
    promptVersions: { journey: journey.versions.journey ?? engine.name, calibration: journey.versions.calibration ?? '', ...rec?.promptVersions },
    ...(rec && llm ? { model: llm.model, provider: llm.provider, transcripts: [...rec.transcripts, ...sentPayloadsTranscript(rec.payloads)] } : {}),
    parameters: {
      top: STORED_TOP,
      explain: STORED_TOP,
      candidates: input.geneSetId !== undefined ? 'geneSet' : 'genome',
      differential: { engine: journey.engine, budget: journey.budget, excludeDiseases: journey.excludedDiseases, ...(rec ? { usage: rec.usage } : {}) },
    },
    ...(input.geneSetId !== undefined ? { geneSetId: input.geneSetId } : {}),
    inputHash: input.inputHash,
    result: { ...ranked.result, differential: journey },
  });
  return { journey, analysis };
}
