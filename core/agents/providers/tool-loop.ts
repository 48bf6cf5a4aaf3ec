/**
 * The tool loop: let the model call our functions (e.g. "what phenotypes is GENE annotated
 * with?") until it answers or runs out of steps. A bad call (unknown tool, arguments that do
 * not parse or validate, a tool that throws) goes back to the model as an error message, so
 * one confused reply does not end the analysis. Cancellation still ends it at once.
 */
import type { z } from 'zod';
import { isAbortError } from './abort.js';
import type {
  ChatMessage,
  ChatRequest,
  ChatResponse,
  LlmClient,
  ToolCall,
  ToolSpec,
} from './types.js';

export interface Tool {
  spec: ToolSpec;
  /** Optional check of the parsed arguments before run(); its errors are shown to the model. */
  schema?: z.ZodType;
  run(args: unknown): Promise<unknown> | unknown;
}

export interface ToolLoopOptions {
  /** Most model turns that may call tools; the turn after the last is returned as it is. */
  maxSteps: number;
  signal?: AbortSignal | undefined;
}

export interface ToolLoopResult {
  response: ChatResponse;
  messages: ChatMessage[];
  /** Tool rounds executed. */
  steps: number;
  /** True when the model still wanted tools after maxSteps rounds (its last calls were not run). */
  exhausted: boolean;
}

async function runOne(
  call: ToolCall,
  tools: Map<string, Tool>,
  signal?: AbortSignal,
): Promise<string> {
  const tool = tools.get(call.name);
  if (!tool)
    return JSON.stringify({
      error: `Unknown tool "${call.name}". Available: ${[...tools.keys()].join(', ')}.`,
    });
  let args: unknown;
  try {
    args = call.arguments.trim() === '' ? {} : JSON.parse(call.arguments);
  } catch (e) {
    return JSON.stringify({ error: `The arguments are not valid JSON: ${(e as Error).message}` });
  }
  if (tool.schema) {
    const checked = tool.schema.safeParse(args);
    if (!checked.success)
      return JSON.stringify({
        error: `Bad arguments: ${checked.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
      });
    args = checked.data;
  }
  try {
    const result = await tool.run(args);
    return typeof result === 'string' ? result : JSON.stringify(result ?? null);
  } catch (e) {
    if (isAbortError(e) || signal?.aborted) throw e;
    return JSON.stringify({
      error: `The tool failed: ${e instanceof Error ? e.message : String(e)}`,
    });
  }
}

export async function runToolLoop(
  client: LlmClient,
  req: ChatRequest,
  tools: Tool[],
  options: ToolLoopOptions,
): Promise<ToolLoopResult> {
  const byName = new Map(tools.map((t) => [t.spec.name, t]));
  const specs = tools.map((t) => t.spec);
  const messages: ChatMessage[] = [...req.messages];
  for (let steps = 0; ; steps++) {
    const response = await client.chat(
      { ...req, messages: [...messages], tools: specs },
      options.signal,
    );
    messages.push(
      response.toolCalls.length
        ? { role: 'assistant', content: response.content, toolCalls: response.toolCalls }
        : { role: 'assistant', content: response.content },
    );
    if (response.toolCalls.length === 0) return { response, messages, steps, exhausted: false };
    if (steps >= options.maxSteps) return { response, messages, steps, exhausted: true };
    for (const call of response.toolCalls) {
      messages.push({
        role: 'tool',
        toolCallId: call.id,
        content: await runOne(call, byName, options.signal),
      });
    }
  }
}
