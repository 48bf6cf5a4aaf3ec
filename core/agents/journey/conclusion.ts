/**
 * The journey's conclusion: how sure the differential is, in words a clinician can act on, and
 * "insufficient evidence" when the best hypothesis is too unlikely to be worth stating.
 */
import type { Confidence, DifferentialEntry, DualDiagnosis, StepOf } from './schema.js';

/** Top-1 probability at or above which the confidence is high / moderate. */
const HIGH = 0.7;
const MODERATE = 0.4;

export function confidenceOf(top1: number, insufficientBelow: number): Confidence {
  if (top1 < insufficientBelow) return 'insufficient';
  if (top1 >= HIGH) return 'high';
  return top1 >= MODERATE ? 'moderate' : 'low';
}

const pct = (p: number): string => `${Math.round(p * 100)}%`;
const withGenes = (e: DifferentialEntry): string => `${e.name} (${e.diseaseId}${e.genes.length ? `; ${e.genes.join(', ')}` : ''})`;

export function conclusionStep(differential: readonly DifferentialEntry[], confidence: Confidence, otherProbability: number, dual: DualDiagnosis | undefined): StepOf<'conclusion'> {
  const [first, ...rest] = differential;
  let text: string;
  if (!first) text = 'Insufficient evidence: no disease in the knowledge base matches these findings.';
  else if (confidence === 'insufficient') {
    text = `Insufficient evidence: no disease in the knowledge base fits these findings well enough to name one. The closest is ${withGenes(first)} at ${pct(first.probability)}; a diagnosis outside the knowledge base, or more findings, are more likely to settle it.`;
  } else {
    const others = rest.slice(0, 2).map((e) => `${e.name} (${pct(e.probability)})`);
    text = `Most likely ${withGenes(first)}, probability ${pct(first.probability)} (${confidence} confidence)${others.length ? `; then ${others.join(', ')}` : ''}. ${pct(otherProbability)} remains for a diagnosis outside this list.`;
  }
  if (dual) text += ` Consider a dual diagnosis: ${dual.diseases[0].name} with ${dual.diseases[1].name}.`;
  return { kind: 'conclusion', confidence, insufficientEvidence: confidence === 'insufficient', otherProbability, text };
}
