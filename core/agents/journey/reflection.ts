/**
 * Reflection over the tested hypotheses: re-rank them by their score once the evidence against
 * is counted, drop those left far behind (saying why), and look for a dual diagnosis, i.e. two
 * diseases that explain disjoint sets of findings much better than any single disease does.
 */
import type { Change, DualDiagnosis, StepOf } from './schema.js';

export interface Tested {
  disease: number;
  genes: string[];
  /** 1-based rank in the ranker's list. */
  initialRank: number;
  test: StepOf<'test'>;
}

export interface ReflectionParams {
  /** A hypothesis this far (log-likelihood) behind the leader is dropped. */
  dropMargin: number;
  /** Prior cost (log odds) of two diagnoses instead of one. */
  dualCost: number;
  /** Each disease of a dual diagnosis must explain at least this many findings the other does not. */
  dualMinOwn: number;
}

const byScore = (a: Tested, b: Tested): number => b.test.scoreAfter - a.test.scoreAfter || a.initialRank - b.initialRank;

/** The strongest reason a hypothesis lost ground. */
function reason(t: Tested, leader: Tested): string {
  const worst = t.test.evidenceAgainst.find((e) => e.weight < 0);
  const gap = (leader.test.scoreAfter - t.test.scoreAfter).toFixed(1);
  if (worst) return `${worst.text}; ${gap} behind ${leader.test.name}`;
  const explained = t.test.evidenceFor.length;
  return `explains ${explained} finding${explained === 1 ? '' : 's'} against ${leader.test.evidenceFor.length} for ${leader.test.name}; ${gap} behind`;
}

/**
 * Re-ranks `active` (in their current order) in place; returns the changes worth telling: moves
 * within the first `shown` places, and drops.
 */
export function rerank(active: Tested[], params: ReflectionParams, shown: number): { kept: Tested[]; changes: Change[] } {
  const before = new Map(active.map((t, i) => [t.disease, i + 1]));
  const sorted = [...active].sort(byScore);
  const leader = sorted[0];
  const changes: Change[] = [];
  const kept: Tested[] = [];
  sorted.forEach((t) => {
    const from = before.get(t.disease)!;
    if (leader && t !== leader && leader.test.scoreAfter - t.test.scoreAfter > params.dropMargin) {
      if (from <= shown) changes.push({ diseaseId: t.test.diseaseId, name: t.test.name, action: 'dropped', from, reason: reason(t, leader) });
      return;
    }
    kept.push(t);
    const to = kept.length;
    if (to !== from && (to <= shown || from <= shown)) {
      const up = to < from;
      const why = up
        ? `fewer or weaker arguments against it than the hypotheses it passed${t.test.evidenceAgainst.some((e) => e.weight < 0) ? '' : ' (none found)'}`
        : leader && t !== leader ? reason(t, leader) : 'weaker evidence than the others';
      changes.push({ diseaseId: t.test.diseaseId, name: t.test.name, action: up ? 'promoted' : 'demoted', from, to, reason: why });
    }
  });
  return { kept, changes };
}

/** Per observed finding, what it contributes to a hypothesis (0 when unexplained). */
function contributions(t: Tested): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of t.test.evidenceFor) m.set(e.term.id, Math.max(m.get(e.term.id) ?? 0, e.ic));
  return m;
}

/**
 * The best pair among the first `pairs` hypotheses, when it beats the best single disease by
 * more than the prior cost of a second diagnosis and the two explain disjoint findings.
 */
export function findDualDiagnosis(tested: readonly Tested[], pairs: number, params: ReflectionParams): DualDiagnosis | undefined {
  const lead = tested.slice(0, pairs);
  const maps = lead.map(contributions);
  const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  const single = Math.max(0, ...maps.map(total));
  let best: { i: number; j: number; gain: number; own: [string[], string[]] } | undefined;
  for (let i = 0; i < lead.length; i++) {
    for (let j = i + 1; j < lead.length; j++) {
      const a = maps[i]!;
      const b = maps[j]!;
      // Two diseases of the same gene are one genetic diagnosis, not two.
      if (lead[i]!.genes.some((g) => lead[j]!.genes.includes(g))) continue;
      const ownA = [...a.keys()].filter((k) => !b.has(k));
      const ownB = [...b.keys()].filter((k) => !a.has(k));
      if (ownA.length < params.dualMinOwn || ownB.length < params.dualMinOwn) continue;
      const shared = [...a.keys()].filter((k) => b.has(k)).length;
      if (shared > Math.min(a.size, b.size) / 3) continue;
      let joint = 0;
      for (const k of new Set([...a.keys(), ...b.keys()])) joint += Math.max(a.get(k) ?? 0, b.get(k) ?? 0);
      const gain = joint - single - params.dualCost;
      if (gain > 0 && (!best || gain > best.gain)) best = { i, j, gain, own: [ownA, ownB] };
    }
  }
  if (!best) return undefined;
  const A = lead[best.i]!;
  const B = lead[best.j]!;
  const term = (t: Tested, id: string): { id: string; name: string } => t.test.evidenceFor.find((e) => e.term.id === id)!.term;
  return {
    diseases: [
      { id: A.test.diseaseId, name: A.test.name, genes: A.genes },
      { id: B.test.diseaseId, name: B.test.name, genes: B.genes },
    ],
    explainedBy: [best.own[0].map((id) => term(A, id)), best.own[1].map((id) => term(B, id))],
    gain: Math.round(best.gain * 100) / 100,
    reason: `${A.test.name} explains ${best.own[0].length} findings that ${B.test.name} does not, and the other way round for ${best.own[1].length}; together they explain the findings better than any single disease by ${best.gain.toFixed(1)} (information content, after the prior cost of a second diagnosis)`,
    supported: true,
  };
}
