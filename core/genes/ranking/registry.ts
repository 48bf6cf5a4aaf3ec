import { OdysseyError } from '../../errors.js';
import type { KnowledgeBase } from '../kb/knowledge-base.js';
import { KNOWLEDGE_RANKER, PhenotypeRanker, RESNIK_RANKER } from './phenotype-ranker.js';
import type { Ranker } from './types.js';

export const RANKER_NAMES = ['knowledge', 'resnik'] as const;

/** The rankers available offline, by name; agents register theirs beside these. */
export function createRanker(name: string, kb: KnowledgeBase): Ranker {
  switch (name) {
    case 'knowledge':
      return new PhenotypeRanker(kb, KNOWLEDGE_RANKER);
    case 'resnik':
      return new PhenotypeRanker(kb, RESNIK_RANKER);
    default:
      throw new OdysseyError('unknown-ranker', `There is no ranker called "${name}".`, `Choose one of: ${RANKER_NAMES.join(', ')}.`);
  }
}
