import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../../helpers.js';
import { runCli } from '../../cli/run-cli.js';

// `odyssey extract` on the real HPO release.
describe('odyssey extract', () => {
  it('prints {terms, familyHistory} with every field for --text --json', async () => {
    const { code, out } = await runCli('extract', '--text', 'floppy baby, fits since 6 months, no hearing loss, wide-set eyes', '--json');
    expect(code).toBe(0);
    const r = JSON.parse(out) as { terms: Record<string, unknown>[]; familyHistory: unknown[] };
    expect(r.terms.map((t) => [t.id, t.negated])).toEqual([
      ['HP:0008947', false],
      ['HP:0001250', false],
      ['HP:0000365', true],
      ['HP:0000316', false],
    ]);
    for (const t of r.terms) expect(Object.keys(t).sort()).toEqual(['confidence', 'end', 'id', 'name', 'negated', 'source', 'start', 'text', 'uncertain']);
    expect(r.familyHistory).toEqual([]);
  });

  it('prints a readable summary without --json', async () => {
    const { code, out } = await runCli('extract', '--text', 'No seizures. Possible ADHD. Her mother has epilepsy. Hypotonia.');
    expect(code).toBe(0);
    expect(out).toMatch(/Present:\n {2}HP:0001252 {2}Hypotonia {2}"Hypotonia" at \d+–\d+, confidence 0\.\d\d/);
    expect(out).toMatch(/Absent \(negated\):\n {2}HP:0001250 {2}Seizure/);
    expect(out).toMatch(/Uncertain \(hedged\):\n {2}HP:0007018/);
    expect(out).toMatch(/Family history \(not the patient\):\n {2}HP:0001250/);
    const none = await runCli('extract', '--text', '');
    expect(none.out).toBe('No HPO terms found in the text.\n');
  });

  it('reads --file and refuses one over 100 kB before reading it', async () => {
    const dir = tempDir();
    const note = join(dir, 'note.txt');
    writeFileSync(note, 'Seizures and microcephaly.\nNo hypotonia.\n');
    const ok = await runCli('extract', '--file', note, '--json');
    expect(JSON.parse(ok.out).terms.map((t: { id: string }) => t.id)).toEqual(['HP:0001250', 'HP:0000252', 'HP:0001252']);
    const big = join(dir, 'big.txt');
    writeFileSync(big, 'x'.repeat(100_001));
    const tooBig = await runCli('extract', '--file', big);
    expect(tooBig.code).toBe(2);
    expect(tooBig.err).toMatch(/error: .*big\.txt is 100,001 bytes; extraction reads at most 100,000 bytes \(100 kB\)/);
    expect(tooBig.err).toMatch(/fix: Split it into smaller files/);
    const missing = await runCli('extract', '--file', join(dir, 'nope.txt'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no file at/);
  });

  it('writes one JSONL line per input line, in order, loading the ontology once', async () => {
    const { code, out } = await runCli('extract', '--jsonl', fixture('extract', 'notes.jsonl'));
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { line: number; id?: unknown; terms?: { id: string }[]; error?: string });
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(lines[0]).toMatchObject({ id: 'a' });
    expect(lines[0]!.terms!.map((t) => t.id)).toEqual(['HP:0008947', 'HP:0001250']);
    expect(lines.filter((l) => l.error).map((l) => l.line)).toEqual([3, 4, 5]);
    expect(lines[6]!.terms!.map((t) => t.id)).toEqual(['HP:0000252']);
  });

  it('asks for exactly one input', async () => {
    const none = await runCli('extract');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/Give exactly one of --text, --file or --jsonl/);
    const two = await runCli('extract', '--text', 'a', '--jsonl', 'b');
    expect(two.code).toBe(2);
  });
});
