import { beforeAll, describe, expect, it } from 'vitest';
import { loadHpo, type HpoLoadResult } from '../../core/hpo/hpo-cache.js';
import { categoryProfile } from '../../core/hpo/category-profile.js';

// The real HPO 2026-02-16 release with IC from the 2025-05-06 annotations.
let hpo: HpoLoadResult;
beforeAll(async () => {
  hpo = await loadHpo();
});

describe('real HPO release', () => {
  it('has every term, obsolete ones included, and the release version', () => {
    expect(hpo.ontology.version).toBe('2026-02-16');
    expect(hpo.ontology.size).toBe(19944);
    expect(hpo.ontology.terms.filter((t) => t.obsolete)).toHaveLength(555);
    expect(hpo.versions.annotations).toBe('2025-05-06');
    expect(hpo.diseaseCount).toBeGreaterThan(12000);
  });

  it('loads identically from the cache and from the release files', async () => {
    const fresh = await loadHpo({ useCache: false });
    const cached = await loadHpo();
    expect(cached.from).toBe('cache');
    expect(fresh.from).toBe('source');
    expect(cached.ontology.terms).toEqual(fresh.ontology.terms);
    expect(Array.from(cached.ic).every((v, i) => Math.abs(v - fresh.ic[i]!) < 1e-5)).toBe(true);
  });

  it('resolves alt ids and obsolete ids to current terms', () => {
    expect(hpo.ontology.resolve('HP:0002279').term?.id).toBe('HP:0001250');
    const obsolete = hpo.ontology.terms.find((t) => t.obsolete && t.replacedBy)!;
    const r = hpo.ontology.resolve(obsolete.id);
    expect(r.status).toBe('replaced');
    expect(r.term?.obsolete).toBe(false);
  });

  it('orders IC by specificity', () => {
    const ic = (id: string): number => hpo.ic[hpo.ontology.indexOf(id)!]!;
    expect(ic('HP:0000118')).toBeCloseTo(0, 2);
    expect(ic('HP:0001250')).toBeGreaterThan(ic('HP:0000707'));
    expect(ic('HP:0011153')).toBeGreaterThan(ic('HP:0001250')); // focal motor seizure
  });

  it('has the organ-system categories under Phenotypic abnormality', () => {
    expect(hpo.ontology.categoryIds.length).toBeGreaterThanOrEqual(20);
    expect(hpo.ontology.categoryIds).toContain('HP:0000707');
    expect(hpo.ontology.categoriesOf('HP:0000316')).toContain('HP:0000478');
    const multi = hpo.ontology.terms.filter((t) => !t.obsolete && hpo.ontology.categoriesOf(t.id).length > 1);
    expect(multi.length).toBeGreaterThan(1000); // many findings sit in several organ systems
    const p = categoryProfile(hpo.ontology, hpo.ic, ['HP:0001250', 'HP:0000316', 'HP:0001263']);
    expect(p.categories[0]?.categoryId).toBe('HP:0000707');
  });
});
