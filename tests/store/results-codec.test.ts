import { describe, expect, it } from 'vitest';
import { readCases } from '../../core/cases/sources.js';
import { requireDataFile } from '../../core/data/installed.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { createRanker } from '../../core/genes/ranking/registry.js';
import type { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import { rankForStore } from '../../core/store/engine.js';
import { RESULT_FORMAT, decodeResult, decodeTranscripts, encodeResult, encodeTranscripts } from '../../core/store/results-codec.js';
import { miniKb } from '../helpers.js';
import { KnowledgeJourneyEngine } from '../../core/agents/journey/knowledge-engine.js';
import { PhenotypeRanker, KNOWLEDGE_RANKER } from '../../core/genes/ranking/phenotype-ranker.js';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

async function roundTrips(kb: KnowledgeBase, queries: { observed: string[]; excluded?: string[] }[]): Promise<number[]> {
  const sizes: number[] = [];
  for (const name of ['knowledge', 'resnik']) {
    const ranker = createRanker(name, kb);
    for (const q of queries) {
      const { result } = await rankForStore(kb, ranker, q);
      const packed = encodeResult(result);
      // Equal as JSON: the only difference JSON allows is -0 read back as 0.
      expect(decodeResult(packed, RESULT_FORMAT)).toEqual(JSON.parse(JSON.stringify(result)));
      sizes.push(packed.length);
    }
  }
  return sizes;
}

const inflate = (b: Buffer): string => inflateRawSync(b).toString('utf8');

describe('results codec', () => {
  it('decodes exactly what it encoded (mini knowledge base, with conflicts and unmatched terms)', async () => {
    const kb = await miniKb();
    await roundTrips(kb, [{ observed: ['HP:0001250', 'HP:0000252'], excluded: ['HP:0001252'] }, { observed: ['HP:0020219', 'HP:0001252'] }, { observed: ['HP:0002373'] }]);
  });

  it('decodes exactly what it encoded on real genome-wide results, in about 10 kB per analysis', async () => {
    const { kb } = await loadKnowledgeBase();
    const queries: { observed: string[]; excluded: string[] }[] = [];
    for await (const item of readCases(requireDataFile('cases'))) {
      if (item.case) queries.push({ observed: item.case.observed.map((t) => t.id), excluded: item.case.excluded.map((t) => t.id) });
      if (queries.length === 8) break;
    }
    const sizes = await roundTrips(kb, queries);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    console.info(`packed result: mean ${(mean / 1024).toFixed(1)} kB, max ${(Math.max(...sizes) / 1024).toFixed(1)} kB (100 genes + 100 diseases with evidence)`);
    expect(mean).toBeLessThan(30_000);
  });

  it('keeps the journey-style differential, and reads results stored before it existed', async () => {
    const kb = await miniKb();
    const ranker = new PhenotypeRanker(kb, KNOWLEDGE_RANKER);
    const calibration = { format: 1 as const, budgets: { quick: { temperature: 1, platt: [1, 0, 0] as [number, number, number] }, standard: { temperature: 1, platt: [1, 0, 0] as [number, number, number] }, deep: { temperature: 1, platt: [1, 0, 0] as [number, number, number] } }, recordRate: 0.3, insufficientBelow: 0.2, fit: {} };
    const query = { observed: ['HP:0001252', 'HP:0000252'], excluded: ['HP:0001250'] };
    const journey = new KnowledgeJourneyEngine(kb, { ranker, calibration }).runNow({ query }, { budget: 'standard' });
    const { result } = await rankForStore(kb, ranker, query);
    const withJourney = { ...result, differential: journey };
    expect(decodeResult(encodeResult(withJourney), RESULT_FORMAT)).toEqual(JSON.parse(JSON.stringify(withJourney)));
    // A payload written by the encoder before journeys existed: the same packed shape without the field.
    const old = JSON.parse(inflate(encodeResult(result))) as Record<string, unknown>;
    expect(old).not.toHaveProperty('journey');
    const decoded = decodeResult(deflateRawSync(JSON.stringify(old)), 1);
    expect(decoded).not.toHaveProperty('differential');
    expect(decoded.genes).toEqual(JSON.parse(JSON.stringify(result.genes)));
  });

  it('keeps agent transcripts', () => {
    const t = [{ agent: 'differential', messages: [{ role: 'user', content: 'Seizures, microcephaly' }, { role: 'assistant', content: 'Consider KCNT1 …' }] }];
    expect(decodeTranscripts(encodeTranscripts(t))).toEqual(t);
  });

  it('refuses a format it does not know', () => {
    expect(() => decodeResult(Buffer.from([]), RESULT_FORMAT + 1)).toThrow(/Unknown analysis result format/);
  });
});
