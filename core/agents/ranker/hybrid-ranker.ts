import type { PreparedQuery, Ranker, RankerInfo, Scores } from '../../genes/ranking/types.js';
import type { DivideAndConquerRanker } from './dc-ranker.js';

/**
 * Offline first, LLM only where it can help (after Neeley et al. 2025, where agents plus HPO
 * classification separate confidently solved cases from hard ones): the ONNX divide-and-conquer
 * run ranks the case; when the solvability assessor calls it confident the answer stands and no
 * patient data leaves the machine. Otherwise the LLM agents rank the ONNX run's top genes and
 * their order is fused with it.
 */
export class HybridRanker implements Ranker {
  readonly info: RankerInfo;
  readonly explanationParams;

  constructor(
    private readonly offline: DivideAndConquerRanker,
    private readonly llm: DivideAndConquerRanker,
  ) {
    this.explanationParams = offline.explanationParams;
    this.info = {
      name: 'hybrid',
      version: `1+${offline.info.version}+${llm.info.version}`,
      description: 'ONNX divide-and-conquer; cases it is not confident about go on to LLM divide-and-conquer over its top genes, fused with its order',
      params: Object.fromEntries([...Object.entries(offline.info.params).map(([k, v]) => [`offline.${k}`, v]), ...Object.entries(llm.info.params).map(([k, v]) => [`llm.${k}`, v])]),
    };
  }

  async score(query: PreparedQuery, signal?: AbortSignal): Promise<Scores> {
    const first = await this.offline.score(query, signal);
    const offlineReport = first.agent!;
    if (offlineReport.solvability.label === 'confident') {
      return { ...first, agent: { ...offlineReport, method: 'hybrid', notes: [...offlineReport.notes, 'The offline agents were confident, so the LLM was not consulted and nothing was sent.'] } };
    }
    const second = await this.llm.scoreOver(query, first, signal);
    const llmReport = second.agent!;
    return {
      ...second,
      agent: {
        ...llmReport,
        method: 'hybrid',
        notes: [`The offline agents labelled the case ${offlineReport.solvability.label}, so the LLM agents ranked their top ${llmReport.poolSize} genes.`, ...llmReport.notes],
      },
    };
  }
}
