import type { Scores } from '../../genes/ranking/types.js';
import type { OnnxRanker } from '../onnx-ranker/onnx-ranker.js';
import type { ChunkAgent, ChunkAgentRun, ChunkOutcome, ChunkTask } from './types.js';

/**
 * The offline ranking agent: orders a chunk with the learning-to-rank ONNX model, its features
 * computed within the chunk. It makes divide-and-conquer work with no LLM at all.
 */
export class OnnxChunkAgent implements ChunkAgent {
  readonly name = 'onnx';
  readonly version: string;
  readonly promptVersions = {};

  constructor(private readonly onnx: OnnxRanker) {
    this.version = onnx.info.version;
  }

  begin(): ChunkAgentRun {
    const model = this.onnx;
    let calls = 0;
    // Resnik scores for the case are computed once and shared by all its chunks.
    const base = new WeakMap<Scores, { knowledge: Scores; resnik: Scores }>();
    return {
      async rankChunk(task: ChunkTask, signal?: AbortSignal): Promise<ChunkOutcome> {
        calls++;
        let b = base.get(task.knowledge);
        if (!b) base.set(task.knowledge, (b = { knowledge: task.knowledge, resnik: model.resnikScores(task.query) }));
        const { genes, scores } = await model.scoreSet(task.query, task.genes, b, signal);
        const order = genes.map((g, i) => ({ g, s: scores[i]! })).sort((a, b) => b.s - a.s).map((x) => x.g);
        // Genes the knowledge base cannot score at all keep their place at the end.
        for (const g of task.genes) if (!order.includes(g)) order.push(g);
        return { order, claims: [], notes: [] };
      },
      stats: () => ({ calls, cachedCalls: 0, retries: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 }),
      payloads: () => [],
    };
  }
}
