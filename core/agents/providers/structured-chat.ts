/**
 * Structured output: ask for a JSON object, validate it with a zod schema, and when the model
 * gets it wrong, send one repair round that quotes the exact validation errors. A second bad
 * reply is a clear failure, not a guess.
 */
import { z } from 'zod';
import { OdysseyError } from '../../errors.js';
import type { ChatMessage, ChatRequest, ChatResponse, LlmClient } from './types.js';

export interface StructuredResult<T> {
  value: T;
  response: ChatResponse;
  /** True when the first reply was invalid and the repair round fixed it. */
  repaired: boolean;
  /** The whole conversation, ending with the accepted reply. */
  messages: ChatMessage[];
}

/**
 * The one JSON object in a reply, tolerating ```json fences and prose around it. Scans for the
 * first balanced {...} (strings and escapes respected) rather than trusting the whole text.
 */
export function extractJsonObject(text: string): string | undefined {
  const fenced = /```(?:json)?\s*\n?([\s\S]*?)```/i.exec(text);
  const source = fenced?.[1] ?? text;
  const start = source.indexOf('{');
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  return undefined;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

export function parseStructured<T>(text: string, schema: z.ZodType<T>): Parsed<T> {
  const json = extractJsonObject(text);
  if (json === undefined) return { ok: false, problem: 'The reply contains no JSON object.' };
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    return { ok: false, problem: `The JSON does not parse: ${(e as Error).message}` };
  }
  const result = schema.safeParse(data);
  return result.success
    ? { ok: true, value: result.data }
    : {
        ok: false,
        problem: `The JSON does not match the required shape:\n${z.prettifyError(result.error)}`,
      };
}

function schemaText(schema: z.ZodType): string {
  try {
    return `\nThe required JSON schema:\n${JSON.stringify(z.toJSONSchema(schema))}`;
  } catch {
    return ''; // some schemas (transforms) have no JSON schema; the errors alone still guide the repair
  }
}

export async function structuredChat<T>(
  client: LlmClient,
  req: ChatRequest,
  schema: z.ZodType<T>,
  signal?: AbortSignal,
): Promise<StructuredResult<T>> {
  const first = await client.chat({ ...req, json: true }, signal);
  const messages: ChatMessage[] = [...req.messages, { role: 'assistant', content: first.content }];
  const firstParse = parseStructured(first.content, schema);
  if (firstParse.ok) return { value: firstParse.value, response: first, repaired: false, messages };

  messages.push({
    role: 'user',
    content: `Your reply was not valid. ${firstParse.problem}${schemaText(schema)}\nReply again with only the corrected JSON object, nothing else.`,
  });
  const second = await client.chat({ ...req, messages: [...messages], json: true }, signal);
  messages.push({ role: 'assistant', content: second.content });
  const secondParse = parseStructured(second.content, schema);
  if (secondParse.ok)
    return { value: secondParse.value, response: second, repaired: true, messages };
  throw new OdysseyError(
    'llm-bad-output',
    `${client.config.name}/${client.config.model} did not give a valid answer, even after one repair round. ${secondParse.problem}`,
    'Try a larger or more capable model, or a lower temperature; small local models often struggle with strict JSON.',
  );
}
