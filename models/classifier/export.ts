import { embeddingBag, FLOAT, GraphBuilder, INT64 } from '../shared/onnx-writer.js';
import type { TrainedClassifier } from './train.js';

/**
 * The classifier's inference graph: embedding bag → Add(b1) → Tanh → MatMul(W2) → Add(b2) →
 * Sigmoid. Inputs ids int64 and weights float32 [batch, width]; output "probabilities"
 * [batch, categories], in the order of the metadata's categoryIds.
 */
export function classifierOnnx(m: TrainedClassifier, metadata: Record<string, string>): Uint8Array {
  const g = new GraphBuilder();
  const ids = g.input('ids', INT64, ['batch', 'width']);
  const weights = g.input('weights', FLOAT, ['batch', 'width']);
  const table = g.floats('embedding', [m.spec.buckets, m.hidden], m.table);
  const sum = embeddingBag(g, table, ids, weights);
  const hidden = g.node('Tanh', [g.node('Add', [sum, g.floats('b1', [m.hidden], m.b1)])]);
  const logits = g.node('Add', [g.node('MatMul', [hidden, g.floats('w2', [m.hidden, m.categories], m.w2)]), g.floats('b2', [m.categories], m.b2)]);
  g.node('Sigmoid', [logits], {}, 'probabilities');
  g.output('probabilities', FLOAT, ['batch', m.categories]);
  return g.encode('odyssey_category_classifier', 'Odyssey organ-system classifier: phrase → HPO categories (see models/classifier/MODEL_CARD.md).', metadata);
}
