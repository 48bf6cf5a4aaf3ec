import type { Solvability } from '../../genes/ranking/agent-report.js';

/**
 * Thresholds of the solvability assessor, set from the dev phenopackets' distribution of the
 * three signals (bench/RESULTS.md, issue 6: how often each label's top gene is right) — not from
 * any single case.
 */
export const SOLVABILITY_THRESHOLDS = {
  /** Knowledge-score lead of the top gene over the next one that counts as clear. */
  clearMargin: 2,
  /** Below this lead the top two are practically tied. */
  tiedMargin: 0.25,
  /** Mean IC of the three most specific findings that makes a case specific enough. */
  specific: 5,
  /** Below this, the findings are too general to single out a gene. */
  vague: 3,
} as const;

/** Thresholds are numbers, not the literal defaults, so other cut-offs can be tried. */
export type SolvabilityThresholds = { readonly [K in keyof typeof SOLVABILITY_THRESHOLDS]: number };

export interface SolvabilitySignals {
  agreement: number;
  margin: number;
  specificity: number;
}

/**
 * Labels a case confident, possible or unsolved (after Neeley et al. 2025: agreement between
 * independent agent runs separates confidently solved cases from hard ones), and says why.
 */
export function assessSolvability(s: SolvabilitySignals, t: SolvabilityThresholds = SOLVABILITY_THRESHOLDS): Solvability {
  const reasons: string[] = [];
  const pct = Math.round(s.agreement * 100);
  reasons.push(s.agreement === 1 ? 'Every shuffled run put the same gene first.' : `${pct}% of shuffled runs put the final top gene first.`);
  if (s.margin >= t.clearMargin) reasons.push(`The top gene leads the next by a clear knowledge-score margin (${s.margin.toFixed(2)}).`);
  // The agents may put first a gene the knowledge base ranks lower: that is disagreement, not a tie.
  else if (s.margin < 0) reasons.push(`The knowledge evidence favours another gene over the top gene (by ${(-s.margin).toFixed(2)}).`);
  else if (s.margin < t.tiedMargin) reasons.push(`The top two genes are practically tied on the knowledge evidence (margin ${s.margin.toFixed(2)}).`);
  else reasons.push(`The top gene leads the next by a modest knowledge-score margin (${s.margin.toFixed(2)}).`);
  if (s.specificity >= t.specific) reasons.push(`The findings are specific (mean information content of the top three ${s.specificity.toFixed(2)}).`);
  else if (s.specificity < t.vague) reasons.push(`The findings are general (mean information content of the top three ${s.specificity.toFixed(2)}); more specific phenotyping would help.`);
  else reasons.push(`The findings are moderately specific (mean information content of the top three ${s.specificity.toFixed(2)}).`);

  let label: Solvability['label'] = 'possible';
  if (s.agreement === 1 && s.margin >= t.clearMargin && s.specificity >= t.specific) label = 'confident';
  else if (s.agreement < 0.5 || s.margin < t.tiedMargin || s.specificity < t.vague) label = 'unsolved';
  return { label, reasons, agreement: s.agreement, margin: Math.round(s.margin * 1000) / 1000, specificity: Math.round(s.specificity * 100) / 100 };
}
