import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractJsonl } from '../../../core/hpo/extract/jsonl-batch.js';
import { TermExtractor } from '../../../core/hpo/extract/term-extractor.js';
import { fixture } from '../../helpers.js';
import { miniOntology } from './fixtures.js';

let ex: TermExtractor;
beforeAll(async () => {
  ex = new TermExtractor(await miniOntology(), { maxInputBytes: 200 });
});

async function collect(lines: Iterable<string>): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const l of extractJsonl(lines, ex)) out.push(JSON.parse(l) as Record<string, unknown>);
  return out;
}

const ids = (r: Record<string, unknown>): string[] => ((r.terms as { id: string; negated: boolean }[]) ?? []).map((t) => `${t.id}${t.negated ? '-' : ''}`);

describe('extractJsonl', () => {
  it('writes one line per input line, in order, with an error line for each bad one', async () => {
    const lines = readFileSync(fixture('extract', 'notes.jsonl'), 'utf8').replace(/\n$/, '').split('\n');
    const out = await collect(lines);
    expect(out).toHaveLength(lines.length);
    expect(out.map((o) => o.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(out[0]).toMatchObject({ id: 'a' });
    expect(ids(out[0]!)).toEqual(['HP:0008947', 'HP:0001250']);
    expect(ids(out[1]!)).toEqual(['HP:0000365-', 'HP:0000316']);
    expect(out[2]).toMatchObject({ error: 'Line 3 is not valid JSON.' });
    expect(out[2]!.fix).toMatch(/one JSON object per line/);
    expect(out[3]).toMatchObject({ error: 'Line 4 has no "text" string.' });
    expect(out[4]).toMatchObject({ error: 'Line 5 is not valid JSON.' });
    expect(out[5]).toEqual({ line: 6, id: 7, terms: [], familyHistory: [] });
    expect(ids(out[6]!)).toEqual(['HP:0000252']);
    expect((out[6]!.familyHistory as { id: string }[]).map((t) => t.id)).toEqual(['HP:0001250']);
  });

  it('reports a line over the size limit without stopping the batch', async () => {
    const out = await collect([JSON.stringify({ text: 'seizures '.repeat(40) }), JSON.stringify({ text: 'hypotonia' })]);
    expect(out[0]).toMatchObject({ line: 1, error: expect.stringMatching(/at most 200 bytes/) });
    expect(out[0]!.fix).toMatch(/Split/);
    expect(ids(out[1]!)).toEqual(['HP:0001252']);
  });
});
