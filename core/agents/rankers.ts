import { OdysseyError } from '../errors.js';
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import { createRanker, RANKER_NAMES } from '../genes/ranking/registry.js';
import type { Ranker } from '../genes/ranking/types.js';
import { OnnxRanker } from './onnx-ranker/onnx-ranker.js';

/** Every ranker a user can choose: the knowledge-base ones and the model-backed agents. */
export const ALL_RANKERS = [...RANKER_NAMES, 'onnx'] as const;

export async function loadRanker(name: string, kb: KnowledgeBase): Promise<Ranker> {
  if (name === 'onnx') return OnnxRanker.load(kb);
  if ((RANKER_NAMES as readonly string[]).includes(name)) return createRanker(name, kb);
  throw new OdysseyError('unknown-ranker', `There is no ranker called "${name}".`, `Choose one of: ${ALL_RANKERS.join(', ')}.`);
}
