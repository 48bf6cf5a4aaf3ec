/**
 * What to examine next: the phenotypes whose presence or absence would best separate the
 * leading hypotheses, by expected information gain over their posterior, using the annotation
 * frequencies; and the genes (a panel) the leading hypotheses point to.
 */
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import type { PreparedQuery } from '../../genes/ranking/types.js';
import type { NextSteps, PhenotypeQuestion } from './schema.js';

export interface Lead {
  disease: number;
  probability: number;
}

export interface NextStepOptions {
  /** Frequency assumed for annotations that state none. */
  unknownFrequency: number;
  /**
   * Chance that a feature the patient has is found and reported when asked about (1: always).
   * Below 1 it favours questions likely to get a definite answer.
   */
  reportRate: number;
  /**
   * Chance that a feature the patient lacks is reported absent when asked (1: always). Below 1
   * a "no" is mostly "not known", which tells nothing, so questions are valued mainly for what
   * a "yes" would settle.
   */
  absentReportRate: number;
  /** Phenotypes to suggest. */
  questions: number;
}

const clamp = (x: number): number => Math.min(0.99, Math.max(0.01, x));

/**
 * Per disease, the probability that a patient has each term or something more specific: one
 * minus the chance of having none of the disease's annotations at or below it (taken as
 * independent). A broad term ("abnormality of the eye") is then likely in a disease with many
 * eye features, which is what makes a review of an organ system worth suggesting.
 */
function presence(kb: KnowledgeBase, d: number, unknownFrequency: number, reportRate: number): Map<number, number> {
  const o = kb.hpo.ontology;
  const absent = new Map<number, number>();
  for (const ann of kb.diseases[d]!.phenotypes) {
    const t = o.indexOf(ann.id);
    if (t === undefined) continue;
    const f = reportRate * (ann.frequency ?? unknownFrequency);
    for (const a of o.ancestorIndexes(t, true)) absent.set(a, (absent.get(a) ?? 1) * (1 - f));
  }
  return new Map([...absent].map(([t, q]) => [t, 1 - q]));
}

/** Kullback-Leibler divergence (bits) of `post` from `prior`. */
const divergence = (post: readonly number[], prior: readonly number[]): number => {
  let d = 0;
  for (let i = 0; i < post.length; i++) if (post[i]! > 0) d += post[i]! * Math.log2(post[i]! / prior[i]!);
  return d;
};

/**
 * Expected information (bits) about the hypotheses from asking whether a finding is present:
 * the mutual information, written as each answer's probability times how far it moves the
 * posterior. With `absentReportRate` below 1 only that share of the "no" answers is given; the
 * rest are "not known" and move nothing. At 1 this is the plain expected entropy reduction.
 */
export function expectedGain(prior: readonly number[], present: readonly number[], absentReportRate = 1): number {
  const pYes = prior.reduce((s, p, i) => s + p * present[i]!, 0);
  const pNo = 1 - pYes;
  const post = (yes: boolean): number[] => prior.map((p, i) => (p * (yes ? present[i]! : 1 - present[i]!)) / (yes ? pYes : pNo));
  return (pYes > 0 ? pYes * divergence(post(true), prior) : 0) + (pNo > 0 ? absentReportRate * pNo * divergence(post(false), prior) : 0);
}

/**
 * Candidate questions are the leading diseases' annotated terms (and their ancestors up to the
 * organ system) that the findings do not already settle: not reached by an observed finding and
 * not excluded. A disease without the term has it at its background rate: the share of all
 * diseases annotated with it, exp(−IC). The posterior includes the remaining probability mass
 * ("another diagnosis") at the background rate too.
 */
export function nextSteps(kb: KnowledgeBase, q: PreparedQuery, leads: readonly Lead[], other: number, options: NextStepOptions): NextSteps {
  const { ontology: o, ic } = kb.hpo;
  const closure = new Set<number>();
  for (const t of q.observed) for (const a of o.ancestorIndexes(t, true)) closure.add(a);
  const excluded = new Set(q.excluded);
  const settled = (t: number): boolean => closure.has(t) || excluded.has(t) || o.ancestorIndexes(t).some((a) => excluded.has(a));
  const maps = leads.map((l) => presence(kb, l.disease, options.unknownFrequency, options.reportRate));
  const total = leads.reduce((s, l) => s + l.probability, 0) + other;
  const prior = [...leads.map((l) => l.probability / total), other / total];
  const candidates = new Set<number>();
  for (const m of maps) for (const t of m.keys()) if (ic[t]! > 0 && !settled(t)) candidates.add(t);
  const scored: { t: number; gain: number; present: number[] }[] = [];
  for (const t of candidates) {
    const bg = options.reportRate * Math.exp(-ic[t]!);
    const present = [...maps.map((m) => clamp(m.get(t) ?? bg)), clamp(bg)];
    scored.push({ t, gain: expectedGain(prior, present, options.absentReportRate), present });
  }
  scored.sort((a, b) => b.gain - a.gain || ic[b.t]! - ic[a.t]! || a.t - b.t);
  // Three questions about the same feature at different depths would ask one thing thrice.
  const chosen: typeof scored = [];
  for (const s of scored) {
    if (chosen.length >= options.questions) break;
    if (chosen.some((c) => o.ancestorIndexes(c.t).includes(s.t) || o.ancestorIndexes(s.t).includes(c.t))) continue;
    chosen.push(s);
  }
  const phenotypes: PhenotypeQuestion[] = chosen.map(({ t, gain, present }) => {
    const pYes = prior.reduce((s, p, i) => s + p * present[i]!, 0);
    const favoured = (yes: boolean): string[] =>
      leads.filter((_, i) => (yes ? present[i]! / pYes : (1 - present[i]!) / (1 - pYes)) > 1.2).map((l) => kb.diseases[l.disease]!.id);
    return { id: o.terms[t]!.id, name: o.terms[t]!.name, expectedGain: Math.round(gain * 1000) / 1000, ifPresent: favoured(true), ifAbsent: favoured(false) };
  });
  const genes = new Map<string, { probability: number; diseases: string[] }>();
  for (const l of leads) {
    const d = kb.diseases[l.disease]!;
    for (const g of d.genes) {
      const e = genes.get(g) ?? { probability: 0, diseases: [] };
      e.probability += l.probability;
      e.diseases.push(d.id);
      genes.set(g, e);
    }
  }
  return {
    phenotypes,
    genes: [...genes].map(([symbol, e]) => ({ symbol, probability: Math.round(Math.min(1, e.probability) * 1000) / 1000, diseases: e.diseases })).sort((a, b) => b.probability - a.probability || a.symbol.localeCompare(b.symbol)),
  };
}
