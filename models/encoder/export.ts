import { embeddingBag, FLOAT, GraphBuilder, INT64 } from '../shared/onnx-writer.js';
import type { TrainedEncoder } from './train.js';

/**
 * The encoder's inference graph: embedding bag over the hashed features, then L2
 * normalisation (ReduceL2 → Max(ε) → Div, so an empty phrase gives a zero vector, not NaN).
 * Inputs ids int64 and weights float32, both [batch, width]; output "vector" [batch, dim].
 */
export function encoderOnnx(m: TrainedEncoder, metadata: Record<string, string>): Uint8Array {
  const g = new GraphBuilder();
  const ids = g.input('ids', INT64, ['batch', 'width']);
  const weights = g.input('weights', FLOAT, ['batch', 'width']);
  const table = g.floats('embedding', [m.spec.buckets, m.dim], m.table);
  const sum = embeddingBag(g, table, ids, weights);
  const norm = g.node('ReduceL2', [sum], { axes: [1], keepdims: 1 });
  const safe = g.node('Max', [norm, g.floats('epsilon', [1], Float32Array.of(1e-12))]);
  g.node('Div', [sum, safe], {}, 'vector');
  g.output('vector', FLOAT, ['batch', m.dim]);
  return g.encode('odyssey_phrase_encoder', 'Odyssey phrase encoder: hashed n-gram embedding bag trained on HPO labels (see models/encoder/MODEL_CARD.md).', metadata);
}
