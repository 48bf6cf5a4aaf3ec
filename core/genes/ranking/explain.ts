import type { KnowledgeBase } from '../kb/knowledge-base.js';
import type { Disease } from '../kb/types.js';
import type { ScoringParams } from './phenotype-scorer.js';
import type { Explanation, MatchKind, PreparedQuery, TermMatch, TermRef } from './types.js';

/**
 * The evidence behind one disease's score, recomputed term by term for display: for each patient
 * finding, the disease annotation it matched best, their most informative common ancestor and
 * its information content. Only called for the few results a user sees, so it can afford the
 * pairwise work the scorer avoids.
 */
export function explainDisease(kb: KnowledgeBase, disease: Disease, query: PreparedQuery, params: ScoringParams): Explanation {
  const { ontology: o, ic } = kb.hpo;
  const ref = (i: number): TermRef => ({ id: o.terms[i]!.id, name: o.terms[i]!.name });
  const annotations = disease.phenotypes
    .map((p) => ({ p, index: o.indexOf(p.id) }))
    .filter((x): x is { p: (typeof disease.phenotypes)[number]; index: number } => x.index !== undefined);
  const matches: TermMatch[] = [];
  const unmatched: TermRef[] = [];
  for (const p of query.observed) {
    const ancP = new Set(o.ancestorIndexes(p, true));
    let best: TermMatch | undefined;
    let bestScore = -Infinity;
    for (const { p: ann, index: t } of annotations) {
      let a = -1;
      for (const x of o.ancestorIndexes(t, true)) if (ancP.has(x) && (a < 0 || ic[x]! > ic[a]!)) a = x;
      if (a < 0) continue;
      const kind: MatchKind = a === p && t === p ? 'exact' : a === p ? 'disease-more-specific' : a === t ? 'patient-more-specific' : 'related';
      const lf = Math.log(Math.max(0.01, ann.frequency ?? params.unknownFrequency));
      const s = ic[a]! + params.frequencyWeight * lf - (kind === 'related' ? params.partialPenalty : 0);
      if (s > bestScore) {
        bestScore = s;
        best = {
          patientTerm: ref(p),
          kind,
          diseaseTerm: { ...ref(t), ...(ann.frequency !== undefined ? { frequency: ann.frequency } : {}) },
          commonAncestor: { ...ref(a), ic: round(ic[a]!) },
          contribution: round(Math.max(0, s - params.floor)),
        };
      }
    }
    if (best && best.contribution > 0) matches.push(best);
    else unmatched.push(ref(p));
  }
  const excludedConflicts = [];
  for (const e of query.excluded) {
    for (const { p: ann, index: t } of annotations) {
      // An annotation at 0% records the feature as absent in the disease: agreement, not conflict.
      if (ann.frequency === 0) continue;
      if (t === e || o.ancestorIndexes(t).includes(e)) {
        excludedConflicts.push({ excludedTerm: ref(e), diseaseTerm: { ...ref(t), ...(ann.frequency !== undefined ? { frequency: ann.frequency } : {}) } });
      }
    }
  }
  const negated = disease.negated.map((n) => o.indexOf(n)).filter((n): n is number => n !== undefined);
  const negatedConflicts = query.observed.filter((p) => negated.some((n) => n === p || o.ancestorIndexes(p).includes(n))).map(ref);
  matches.sort((x, y) => y.contribution - x.contribution);
  return { diseaseId: disease.id, matches, unmatched, excludedConflicts, negatedConflicts, annotationCount: disease.phenotypes.length };
}

export function round(x: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
