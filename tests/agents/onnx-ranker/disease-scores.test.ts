import { describe, expect, it } from 'vitest';
import { diseaseGeneIndex, shiftDiseaseScores } from '../../../core/agents/onnx-ranker/disease-scores.js';
import { miniKb } from '../../helpers.js';

describe('the ONNX gene verdict carried to diseases', () => {
  // Genes 0 and 1 scored 3 and 1 by the model: mean 2, so gene 0 moves +1, gene 1 and every gene
  // outside the list (the list's lowest) −1.
  const verdict = { genes: [0, 1], scores: [3, 1] };
  const knowledge = Float64Array.of(1, 2, -Infinity, 0.5, 1);
  const genes = [Int32Array.of(0), Int32Array.of(1), Int32Array.of(0), Int32Array.of(2, 0), Int32Array.of()];

  it('shifts each disease by its best gene’s move, times the weight', () => {
    expect([...shiftDiseaseScores(knowledge, genes, verdict, 2)]).toEqual([3, 0, -Infinity, 2.5, -1]);
  });

  it('leaves the scores as they were at weight 0 or without a verdict, and never edits its input', () => {
    expect([...shiftDiseaseScores(knowledge, genes, verdict, 0)]).toEqual([...knowledge]);
    expect([...shiftDiseaseScores(knowledge, genes, { genes: [], scores: [] }, 2)]).toEqual([...knowledge]);
    shiftDiseaseScores(knowledge, genes, verdict, 2);
    expect(knowledge[0]).toBe(1);
  });

  it('indexes each disease’s genes in the knowledge base', async () => {
    const kb = await miniKb();
    const index = diseaseGeneIndex(kb);
    kb.diseases.forEach((d, i) => expect([...index[i]!].map((g) => kb.genes[g]!.symbol)).toEqual(d.genes.filter((s) => kb.geneIndex(s) !== undefined)));
  });
});
