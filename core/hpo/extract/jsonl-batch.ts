import { z } from 'zod';
import { isOdysseyError } from '../../errors.js';
import type { TermExtractor } from './term-extractor.js';

const InputLine = z.object({ text: z.string(), id: z.union([z.string(), z.number()]).optional() });

/**
 * Extracts terms from JSONL: one `{"text": …}` object per line in, one result line per line
 * out, in the same order, with the extractor (and so the ontology) loaded once. A line that is
 * not valid JSON, has no text or is too long gives an error line naming the line and the fix,
 * and the batch goes on. Results carry the input's `id` when it has one.
 */
export async function* extractJsonl(lines: AsyncIterable<string> | Iterable<string>, extractor: TermExtractor): AsyncGenerator<string> {
  let n = 0;
  for await (const raw of lines) {
    n++;
    yield JSON.stringify(await extractLine(raw, n, extractor));
  }
}

async function extractLine(raw: string, line: number, extractor: TermExtractor): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { line, error: `Line ${line} is not valid JSON.`, fix: 'Write one JSON object per line, e.g. {"text": "floppy baby, fits since 6 months"}.' };
  }
  const input = InputLine.safeParse(parsed);
  if (!input.success) {
    return { line, error: `Line ${line} has no "text" string.`, fix: 'Give each line a "text" field holding the note, e.g. {"id": "p1", "text": "…"}.' };
  }
  const id = input.data.id === undefined ? {} : { id: input.data.id };
  try {
    return { line, ...id, ...(await extractor.extract(input.data.text)) };
  } catch (e) {
    if (!isOdysseyError(e)) throw e;
    return { line, ...id, error: e.message, fix: e.hint };
  }
}
