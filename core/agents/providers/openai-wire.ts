/**
 * Translation between our provider-neutral chat shapes and the OpenAI chat-completions wire
 * format, including putting a streamed reply back together.
 */
import type OpenAI from 'openai';
import type { ChatMessage, ChatRequest, ProviderConfig, ToolCall, Usage } from './types.js';

type Params = OpenAI.Chat.Completions.ChatCompletionCreateParams;
type MessageParam = OpenAI.Chat.Completions.ChatCompletionMessageParam;

export function toWireMessage(m: ChatMessage): MessageParam {
  switch (m.role) {
    case 'system':
      return { role: 'system', content: m.content };
    case 'user':
      return { role: 'user', content: m.content };
    case 'tool':
      return { role: 'tool', content: m.content, tool_call_id: m.toolCallId ?? '' };
    case 'assistant':
      return m.toolCalls?.length
        ? {
            role: 'assistant',
            content: m.content || null,
            tool_calls: m.toolCalls.map((t) => ({
              id: t.id,
              type: 'function' as const,
              function: { name: t.name, arguments: t.arguments },
            })),
          }
        : { role: 'assistant', content: m.content };
  }
}

/** The effective sampling parameters: the request's, else the provider's defaults. */
export function effectiveParams(
  config: ProviderConfig,
  req: ChatRequest,
): { temperature: number; maxTokens: number } {
  return {
    temperature: req.temperature ?? config.temperature,
    maxTokens: req.maxTokens ?? config.maxTokens,
  };
}

/** The request body; the SDK serialises it with JSON.stringify exactly as built here. */
export function buildParams(config: ProviderConfig, req: ChatRequest): Params {
  const { temperature, maxTokens } = effectiveParams(config, req);
  const params: Record<string, unknown> = {
    model: config.model,
    messages: req.messages.map(toWireMessage),
    temperature,
    [config.maxTokensParam ?? 'max_tokens']: maxTokens,
  };
  if (req.seed !== undefined) params.seed = req.seed;
  if (req.tools?.length)
    params.tools = req.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.parameters },
    }));
  if (req.json) params.response_format = { type: 'json_object' };
  if (req.stream) {
    params.stream = true;
    params.stream_options = { include_usage: true };
  }
  return params as unknown as Params;
}

export interface WireReply {
  content: string;
  toolCalls: ToolCall[];
  usage: Usage;
  model: string;
  finishReason: string | null;
}

function usageOf(u: OpenAI.Completions.CompletionUsage | null | undefined): Usage {
  return { promptTokens: u?.prompt_tokens ?? 0, completionTokens: u?.completion_tokens ?? 0 };
}

export function fromCompletion(
  c: OpenAI.Chat.Completions.ChatCompletion,
  fallbackModel: string,
): WireReply {
  const choice = c.choices?.[0];
  // Some servers answer 200 with {"error": ...}; an empty reply must not pass as an answer.
  if (!choice) throw new Error(`the reply has no choices: ${JSON.stringify(c).slice(0, 200)}`);
  const toolCalls: ToolCall[] = [];
  for (const t of choice?.message?.tool_calls ?? []) {
    if (t.type === 'function')
      toolCalls.push({ id: t.id, name: t.function.name, arguments: t.function.arguments ?? '' });
  }
  return {
    content: choice?.message?.content ?? '',
    toolCalls,
    usage: usageOf(c.usage),
    model: c.model || fallbackModel,
    finishReason: choice?.finish_reason ?? null,
  };
}

/** Rebuilds one reply from stream chunks; tool-call fragments arrive keyed by index. */
export class StreamAccumulator {
  private content = '';
  private model = '';
  private finishReason: string | null = null;
  private usage: Usage = { promptTokens: 0, completionTokens: 0 };
  private readonly calls = new Map<number, ToolCall>();

  add(chunk: OpenAI.Chat.Completions.ChatCompletionChunk): void {
    if (chunk.model) this.model = chunk.model;
    if (chunk.usage) this.usage = usageOf(chunk.usage);
    const choice = chunk.choices?.[0];
    if (!choice) return;
    if (choice.delta?.content) this.content += choice.delta.content;
    for (const d of choice.delta?.tool_calls ?? []) {
      const call = this.calls.get(d.index) ?? { id: '', name: '', arguments: '' };
      if (d.id) call.id = d.id;
      if (d.function?.name) call.name += d.function.name;
      if (d.function?.arguments) call.arguments += d.function.arguments;
      this.calls.set(d.index, call);
    }
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
  }

  /** A stream that ended without a finish reason was cut off; its content is not an answer. */
  get complete(): boolean {
    return this.finishReason !== null;
  }

  reply(fallbackModel: string): WireReply {
    const toolCalls = [...this.calls.entries()].sort(([a], [b]) => a - b).map(([, c]) => c);
    return {
      content: this.content,
      toolCalls,
      usage: this.usage,
      model: this.model || fallbackModel,
      finishReason: this.finishReason,
    };
  }
}
