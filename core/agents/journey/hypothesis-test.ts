/**
 * Testing one hypothesis against the patient: the evidence for it (matched findings with their
 * information content) and against it (excluded findings the disease usually has, absent
 * hallmark features, observed findings the disease is annotated not to have, onset and sex
 * conflicts), and the score once the evidence against is counted.
 */
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import { explainDisease } from '../../genes/ranking/explain.js';
import type { PhenotypeRanker } from '../../genes/ranking/phenotype-ranker.js';
import type { PreparedQuery, TermRef } from '../../genes/ranking/types.js';
import type { EvidenceAgainst, EvidenceFor, StepOf } from './schema.js';

const X_LINKED_RECESSIVE = 'HP:0001419';
const Y_LINKED = 'HP:0001450';

/** Global parameters of the re-scoring (never per disease, gene or case). */
export interface TestParams {
  /** Excluded finding the disease has at stated frequency f costs log(1 − k·f). */
  exclusionStrength: number;
  /** A hallmark is an annotation with a stated frequency at least this ... */
  hallmarkFrequency: number;
  /** ... and at least this information content. */
  hallmarkIc: number;
  /**
   * How often a feature a patient has is recorded in a case: an absent hallmark costs
   * log(1 − r·f). Measured on the dev cases (models/journey/fit-calibration.ts), because
   * phenopackets list only part of a phenotype and absence is weak evidence.
   */
  recordRate: number;
  /** At most this many absent hallmarks count (the rest are listed only). */
  maxHallmarks: number;
  /**
   * A disease recorded with n genes is a clinical grouping rather than one diagnosis: its prior
   * is lowered by this times ln(n), as the gene ranker shares a disease's score among its genes.
   */
  groupingPrior: number;
  /** Cost of an X-linked recessive disease in a female patient (manifesting carriers exist). */
  xlrFemale: number;
  /** Cost of a Y-linked disease in a female patient. */
  yLinkedFemale: number;
}

export interface TestContext {
  kb: KnowledgeBase;
  ranker: PhenotypeRanker;
  query: PreparedQuery;
  params: TestParams;
  /** Every term at or above an observed finding (see patientClosure). */
  closure: Set<number>;
}

/** Every term at or above an observed finding: what the patient's findings reach. */
export function patientClosure(kb: KnowledgeBase, observed: readonly number[]): Set<number> {
  const s = new Set<number>();
  for (const t of observed) for (const a of kb.hpo.ontology.ancestorIndexes(t, true)) s.add(a);
  return s;
}

const pct = (f: number): string => `${Math.round(f * 100)}%`;

/** Information content of the most informative term shared by annotation t and the patient's findings. */
export function reflectedIc(kb: KnowledgeBase, closure: Set<number>, t: number): number {
  let best = 0;
  for (const a of kb.hpo.ontology.ancestorIndexes(t, true)) if (closure.has(a) && kb.hpo.ic[a]! > best) best = kb.hpo.ic[a]!;
  return best;
}

export function testHypothesis(ctx: TestContext, d: number, scoreBefore: number): StepOf<'test'> {
  const { kb, query, params: p } = ctx;
  const { ontology: o, ic } = kb.hpo;
  const disease = kb.diseases[d]!;
  const e = explainDisease(kb, disease, query, ctx.ranker.explanationParams);
  const ref = (i: number): TermRef => ({ id: o.terms[i]!.id, name: o.terms[i]!.name });

  const evidenceFor: EvidenceFor[] = e.matches.map((m) => {
    const f = m.diseaseTerm?.frequency;
    const via = m.kind === 'exact' ? '' : ` via ${m.diseaseTerm?.name ?? '?'}`;
    const item: EvidenceFor = {
      term: m.patientTerm,
      ic: m.commonAncestor?.ic ?? 0,
      text: `${m.patientTerm.name}${via} (IC ${(m.commonAncestor?.ic ?? 0).toFixed(1)}${f !== undefined ? `, in ${pct(f)} of patients` : ''})`,
      supported: true,
    };
    if (m.diseaseTerm) item.diseaseTerm = m.diseaseTerm;
    return item;
  });

  const against: EvidenceAgainst[] = [];
  const excludedHere = new Set<string>();
  for (const c of e.excludedConflicts) {
    const f = c.diseaseTerm.frequency;
    excludedHere.add(c.diseaseTerm.id);
    const weight = f !== undefined && p.exclusionStrength > 0 ? Math.log(1 - p.exclusionStrength * Math.min(f, 0.99)) : 0;
    against.push({
      kind: 'excluded-finding',
      term: c.excludedTerm,
      ...(f !== undefined ? { frequency: f } : {}),
      weight,
      text:
        c.excludedTerm.id === c.diseaseTerm.id
          ? `${c.excludedTerm.name} is recorded as absent, but ${f !== undefined ? `${pct(f)} of patients with the disease have it` : 'it is a feature of the disease'}`
          : `${c.excludedTerm.name} is recorded as absent, but ${f !== undefined ? `${pct(f)} of patients with the disease have` : 'the disease has'} ${c.diseaseTerm.name}`,
      supported: true,
    });
  }
  // Hallmarks: frequent, specific features of the disease that nothing in the patient reflects.
  const hallmarks: EvidenceAgainst[] = [];
  for (const ann of disease.phenotypes) {
    const f = ann.frequency;
    if (f === undefined || f < p.hallmarkFrequency || excludedHere.has(ann.id)) continue;
    const t = o.indexOf(ann.id);
    if (t === undefined || ic[t]! < p.hallmarkIc) continue;
    if (reflectedIc(kb, ctx.closure, t) >= 0.5 * ic[t]!) continue;
    hallmarks.push({
      kind: 'absent-hallmark',
      term: ref(t),
      frequency: f,
      weight: Math.log(1 - p.recordRate * Math.min(f, 0.99)),
      text: `${o.terms[t]!.name} (in ${pct(f)} of patients, IC ${ic[t]!.toFixed(1)}) is not recorded; cases record such a feature only about ${pct(p.recordRate)} of the time, so its absence counts for little`,
      supported: true,
    });
  }
  hallmarks.sort((a, b) => (b.frequency ?? 0) - (a.frequency ?? 0) || a.text.localeCompare(b.text));
  hallmarks.forEach((h, k) => {
    if (k >= p.maxHallmarks) h.weight = 0;
  });
  against.push(...hallmarks);
  for (const n of e.negatedConflicts) {
    against.push({ kind: 'negated-finding', term: n, weight: 0, text: `${n.name} is observed, but the disease is annotated not to have it (counted in the ranker's score)`, supported: true });
  }
  if (ctx.ranker.onsetConflict(query, d)) {
    against.push({ kind: 'onset', weight: 0, text: "The patient's age of onset is far outside the disease's annotated onset (counted in the ranker's score)", supported: true });
  }
  if (query.sex === 'FEMALE' && disease.inheritance.length > 0) {
    if (disease.inheritance.every((i) => i === Y_LINKED)) {
      against.push({ kind: 'sex', weight: -p.yLinkedFemale, text: 'The disease is Y-linked and the patient is female', supported: true });
    } else if (disease.inheritance.every((i) => i === X_LINKED_RECESSIVE)) {
      against.push({ kind: 'inheritance', weight: -p.xlrFemale, text: 'X-linked recessive inheritance in a female patient: only manifesting carriers or skewed X-inactivation would explain it', supported: true });
    }
  }
  against.sort((a, b) => a.weight - b.weight);
  const prior = -p.groupingPrior * Math.log(Math.max(1, disease.genes.length));
  const scoreAfter = scoreBefore + prior + against.reduce((s, x) => s + x.weight, 0);
  return {
    kind: 'test',
    diseaseId: disease.id,
    name: disease.name,
    evidenceFor,
    evidenceAgainst: against,
    unexplained: e.unmatched,
    scoreBefore: round(scoreBefore),
    prior: round(prior),
    scoreAfter: round(scoreAfter),
  };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
