import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { OdysseyError, isOdysseyError } from '../../core/errors.js';
import { OnnxPhraseMatcher } from '../../core/hpo/encoder/onnx-phrase-matcher.js';
import { loadHpo } from '../../core/hpo/hpo-cache.js';
import { extractJsonl } from '../../core/hpo/extract/jsonl-batch.js';
import { MAX_INPUT_BYTES, TermExtractor } from '../../core/hpo/extract/term-extractor.js';
import type { ExtractedTerm, ExtractionResult } from '../../core/hpo/extract/types.js';
import { type CliIO, printJson } from '../io.js';

interface ExtractOptions {
  text?: string;
  file?: string;
  jsonl?: string;
  json?: boolean;
  encoder: boolean;
}

export function registerExtract(program: Command, io: CliIO): void {
  program
    .command('extract')
    .description('find HPO terms in free text (clinical notes or lay descriptions), with negation and family history')
    .option('--text <text>', 'the note itself, e.g. "floppy baby, fits since 6 months, no hearing loss"')
    .option('--file <path>', 'a plain-text file holding one note')
    .option('--jsonl <path>', 'one {"text": …} object per line; prints one result line per input line')
    .option('--no-encoder', 'dictionary only: do not use the local ONNX phrase encoder for wording the dictionary misses')
    .option('--json', 'print {terms: [{id, name, negated, uncertain, start, end, text, confidence, source}], familyHistory}')
    .action(async (opts: ExtractOptions) => {
      const given = [opts.text !== undefined, opts.file !== undefined, opts.jsonl !== undefined].filter(Boolean).length;
      if (given !== 1) {
        throw new OdysseyError('bad-option', 'Give exactly one of --text, --file or --jsonl.', 'For example: odyssey extract --text "floppy baby, fits since 6 months"');
      }
      if (opts.jsonl !== undefined) {
        const path = mustExist(opts.jsonl, '--jsonl');
        const extractor = await makeExtractor(io, opts.encoder);
        const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
        for await (const line of extractJsonl(lines, extractor)) io.out(line);
        return;
      }
      const text = opts.text ?? readNote(opts.file!);
      const extractor = await makeExtractor(io, opts.encoder);
      const result = await extractor.extract(text);
      if (opts.json) printJson(io, result);
      else printReadable(io, result);
    });
}

/**
 * The dictionary pipeline, plus the ONNX phrase encoder for stretches the dictionary does not
 * cover when its model is built. Without the model, extraction still works and says so.
 */
async function makeExtractor(io: CliIO, useEncoder: boolean): Promise<TermExtractor> {
  const { ontology } = await loadHpo();
  if (!useEncoder) return new TermExtractor(ontology);
  try {
    return new TermExtractor(ontology, { matchers: [await OnnxPhraseMatcher.load(ontology)] });
  } catch (e) {
    if (!isOdysseyError(e) || !e.code.startsWith('model-')) throw e;
    io.err(`note: ${e.message} Using the dictionary only. ${e.hint ?? ''}`.trim());
    return new TermExtractor(ontology);
  }
}

function mustExist(path: string, option: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new OdysseyError('file-not-found', `${option}: no file at ${path}.`, 'Check the path; relative paths are read from the current folder.');
  }
  return path;
}

function readNote(path: string): string {
  mustExist(path, '--file');
  // Refuse before reading a huge file into memory; the extractor applies the same limit to text.
  const bytes = statSync(path).size;
  if (bytes > MAX_INPUT_BYTES) {
    throw new OdysseyError(
      'extract-input-too-large',
      `${path} is ${bytes.toLocaleString('en')} bytes; extraction reads at most ${MAX_INPUT_BYTES.toLocaleString('en')} bytes (${MAX_INPUT_BYTES / 1000} kB) at a time.`,
      'Split it into smaller files (e.g. one letter or visit each), or put one note per line in a JSONL file and use --jsonl.',
    );
  }
  return readFileSync(path, 'utf8');
}

function printReadable(io: CliIO, r: ExtractionResult): void {
  if (r.terms.length === 0 && r.familyHistory.length === 0) {
    io.out('No HPO terms found in the text.');
    return;
  }
  const present = r.terms.filter((t) => !t.negated && !t.uncertain);
  const absent = r.terms.filter((t) => t.negated && !t.uncertain);
  const hedged = r.terms.filter((t) => t.uncertain);
  section(io, 'Present', present);
  section(io, 'Absent (negated)', absent);
  section(io, 'Uncertain (hedged)', hedged);
  section(io, 'Family history (not the patient)', r.familyHistory);
}

function section(io: CliIO, title: string, terms: ExtractedTerm[]): void {
  if (!terms.length) return;
  io.out(`${title}:`);
  const width = Math.max(...terms.map((t) => t.name.length));
  for (const t of terms) io.out(`  ${t.id}  ${t.name.padEnd(width)}  "${t.text}" at ${t.start}–${t.end}, confidence ${t.confidence.toFixed(2)}${t.source === 'dictionary' ? '' : ` (${t.source})`}`);
}
