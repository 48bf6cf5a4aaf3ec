/**
 * Which findings each analysis of a case used. An analysis stores only a hash of its inputs, but
 * every change to a case's terms is in the audit log, written in the same transaction as the
 * change, so replaying the log up to each analysis gives the terms it ranked. The replay is
 * trusted only when it ends at exactly the terms the case has now; otherwise (a case from before
 * the log, or a gap) the findings are reported as unknown rather than guessed.
 */
import { z } from 'zod';
import type { Store } from '../store/store.js';

export interface FindingKey {
  id: string;
  excluded: boolean;
}

/** What the audit entries that change a case's terms carry (see store/phenotypes.ts). */
const Entry = z.object({ id: z.string(), excluded: z.boolean() });
const Added = z.object({ added: z.array(Entry) });
const Removed = z.object({ removed: z.array(Entry) });

const keyOf = (f: FindingKey): string => `${f.id}:${f.excluded}`;

export interface CaseFindingTrail {
  /** The terms each analysis (by id) used; absent when they cannot be known. */
  at: Map<number, FindingKey[]>;
  /** The case's terms now. */
  current: FindingKey[];
}

/** Every entry of the case's audit trail, oldest first (a case's trail is short: one per edit). */
function trail(store: Store, caseId: number) {
  return store.audit.list({ caseId, limit: Number.MAX_SAFE_INTEGER }).reverse();
}

export function findingTrail(store: Store, caseId: number): CaseFindingTrail {
  const current = store.phenotypes.list(caseId).map((p) => ({ id: p.id, excluded: p.excluded }));
  // undefined: the terms are not known at this point of the log (before the case's creation).
  let terms: Map<string, FindingKey> | undefined;
  const at = new Map<number, FindingKey[]>();
  for (const e of trail(store, caseId)) {
    if (e.action === 'case.create') terms = new Map();
    else if (e.action === 'case.delete') terms = undefined;
    else if (e.action === 'phenotypes.add' && terms) {
      const d = Added.safeParse(e.details);
      if (!d.success) terms = undefined;
      else for (const f of d.data.added) terms.set(keyOf(f), { id: f.id, excluded: f.excluded });
    } else if (e.action === 'phenotypes.remove' && terms) {
      const d = Removed.safeParse(e.details);
      if (!d.success) terms = undefined;
      else for (const f of d.data.removed) terms.delete(keyOf(f));
    } else if (e.action === 'analysis.create' && terms && e.entityId !== undefined) {
      at.set(e.entityId, [...terms.values()]);
    }
  }
  const replayed = new Set(terms?.keys() ?? []);
  const consistent =
    terms !== undefined &&
    replayed.size === current.length &&
    current.every((f) => replayed.has(keyOf(f)));
  return { at: consistent ? at : new Map(), current };
}

export function sameFindings(a: readonly FindingKey[], b: readonly FindingKey[]): boolean {
  const keys = new Set(a.map(keyOf));
  return keys.size === new Set(b.map(keyOf)).size && b.every((f) => keys.has(keyOf(f)));
}

export interface FindingChanges {
  added: FindingKey[];
  removed: FindingKey[];
  /** Terms in both, observed in one and excluded in the other; `excluded` is the state in `to`. */
  flipped: FindingKey[];
}

/** What changed in the findings from one analysis to another. */
export function findingChanges(
  from: readonly FindingKey[],
  to: readonly FindingKey[],
): FindingChanges {
  const before = new Set(from.map(keyOf));
  const after = new Set(to.map(keyOf));
  const added = to.filter((f) => !before.has(keyOf(f)));
  const removed = from.filter((f) => !after.has(keyOf(f)));
  const flippedIds = new Set(
    added.filter((a) => removed.some((r) => r.id === a.id)).map((a) => a.id),
  );
  return {
    added: added.filter((f) => !flippedIds.has(f.id)),
    removed: removed.filter((f) => !flippedIds.has(f.id)),
    flipped: added.filter((f) => flippedIds.has(f.id)),
  };
}
