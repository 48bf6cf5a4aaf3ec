import { FLOAT, GraphBuilder } from '../shared/onnx-writer.js';
import type { MlpWeights } from '../../core/agents/onnx-ranker/mlp.js';

/** The MLP as an ONNX graph: features [n, F] → standardise → Gemm → Relu → Gemm → score [n, 1]. */
export function mlpToOnnx(m: MlpWeights, metadata: Record<string, string>): Uint8Array {
  const g = new GraphBuilder();
  const x = g.input('features', FLOAT, ['n', m.inputs]);
  const centred = g.node('Sub', [x, g.floats('mean', [m.inputs], m.mean)]);
  const scaled = g.node('Div', [centred, g.floats('std', [m.inputs], m.std)]);
  const hidden = g.node('Relu', [g.node('Gemm', [scaled, g.floats('w1', [m.inputs, m.hidden], m.w1), g.floats('b1', [m.hidden], m.b1)])]);
  g.node('Gemm', [hidden, g.floats('w2', [m.hidden, 1], m.w2), g.floats('b2', [1], Float32Array.of(m.b2))], {}, 'score');
  g.output('score', FLOAT, ['n', 1]);
  return g.encode('odyssey_gene_ranker', 'Learning-to-rank over knowledge-base features of (case, gene) pairs', metadata);
}
