import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// Runs against the real HPO release installed by `npm install` (CI: from the mirror).
describe('odyssey search (real HPO)', () => {
  it('puts HP:0001250 first for "seizure" in JSON output', async () => {
    const { code, out } = await runCli('search', 'seizure', '--json');
    expect(code).toBe(0);
    const results = JSON.parse(out) as { id: string; name: string; score: number; matched: string; categories: string[] }[];
    expect(results[0]).toMatchObject({ id: 'HP:0001250', name: 'Seizure', matched: 'Seizure' });
    expect(results[0]!.categories).toContain('Abnormality of the nervous system');
    expect(results.length).toBe(10);
    for (const r of results) expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'name', 'score', 'matched', 'categories']));
  });

  it('resolves HP:0001250 and its alt ids', async () => {
    const direct = await runCli('search', 'HP:0001250', '--json');
    expect(JSON.parse(direct.out)[0]).toMatchObject({ id: 'HP:0001250', matchKind: 'id' });
    for (const alt of ['HP:0001275', 'HP:0002279', 'HP:0002125']) {
      const { code, out } = await runCli('search', alt, '--json');
      expect(code).toBe(0);
      expect(JSON.parse(out)[0]).toMatchObject({ id: 'HP:0001250', matched: alt, matchKind: 'alt_id' });
    }
  });

  it('honours --limit and prints a readable table without --json', async () => {
    const { code, out } = await runCli('search', 'wide set eyes', '--limit', '3');
    expect(code).toBe(0);
    expect(out).toMatch(/1\. HP:0000316 {2}Hypertelorism {2}\(matched synonym "Wide-set eyes"\)/);
    const many = await runCli('search', 'seizure', '--limit', '3');
    expect(many.out.trim().split('\n').filter((l) => /^\s*\d+\./.test(l))).toHaveLength(3);
  });

  it('fails clearly on an empty query, an unknown id and a bad limit', async () => {
    const empty = await runCli('search', ' ');
    expect(empty.code).toBe(2);
    expect(empty.err).toMatch(/error: The search text is empty\.\n {2}fix: /);
    const unknown = await runCli('search', 'HP:9999999');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/HP:9999999 is not in HPO release 2026-02-16/);
    const limit = await runCli('search', 'seizure', '--limit', 'ten');
    expect(limit.code).toBe(2);
    expect(limit.err).toMatch(/--limit must be a whole number/);
    expect(empty.err + unknown.err + limit.err).not.toMatch(/\n\s+at /); // no stack traces
  });
});
