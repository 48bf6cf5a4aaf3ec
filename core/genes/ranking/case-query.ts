import type { PatientCase } from '../../cases/types.js';
import type { RankQuery } from './types.js';

/** What the rankers use of a case: findings and the demographics that bear on them. */
export function queryFromCase(c: Pick<PatientCase, 'observed' | 'excluded' | 'sex' | 'ageYears' | 'onsetYears' | 'onsetTerm'>): RankQuery {
  const q: RankQuery = { observed: c.observed.map((t) => t.id), excluded: c.excluded.map((t) => t.id) };
  if (c.sex) q.sex = c.sex;
  if (c.ageYears !== undefined) q.ageYears = c.ageYears;
  if (c.onsetYears !== undefined) q.onsetYears = c.onsetYears;
  if (c.onsetTerm) q.onsetTerm = c.onsetTerm;
  return q;
}
