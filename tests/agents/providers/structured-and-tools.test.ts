import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlmClient } from '../../../core/agents/providers/client.js';
import {
  extractJsonObject,
  structuredChat,
} from '../../../core/agents/providers/structured-chat.js';
import { runToolLoop } from '../../../core/agents/providers/tool-loop.js';
import type { ChatRequest } from '../../../core/agents/providers/types.js';
import { OdysseyError } from '../../../core/errors.js';
import {
  content,
  jsonContent,
  scriptedConfig,
  startScriptedServer,
  toolCall,
  type Reply,
  type ScriptedServer,
} from './scripted-llm-server.js';

const Ranking = z.object({
  ranking: z.array(z.object({ symbol: z.string(), reason: z.string() })).min(1),
});
const ask: ChatRequest = { messages: [{ role: 'user', content: 'Rank the genes as JSON.' }] };
let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('extractJsonObject', () => {
  it('finds one object inside fences or prose, respecting braces in strings', () => {
    expect(extractJsonObject('```json\n{"a": 1}\n```')).toBe('{"a": 1}');
    expect(extractJsonObject('Here you go: {"a": "x}y", "b": {"c": "\\"}"}} Hope it helps.')).toBe(
      '{"a": "x}y", "b": {"c": "\\"}"}}',
    );
    expect(extractJsonObject('no json here')).toBeUndefined();
    expect(extractJsonObject('{"unclosed": 1')).toBeUndefined();
  });
});

describe('structuredChat', () => {
  it('accepts a valid reply wrapped in prose and fences, asking for JSON mode', async () => {
    server = await startScriptedServer([
      content('Sure!\n```json\n{"ranking":[{"symbol":"FBN1","reason":"aortic root"}]}\n```'),
    ]);
    const r = await structuredChat(
      createLlmClient(scriptedConfig(server.url), { env: {} }),
      ask,
      Ranking,
    );
    expect(r.value.ranking[0]!.symbol).toBe('FBN1');
    expect(r.repaired).toBe(false);
    expect(server.requests[0]!.body.response_format).toEqual({ type: 'json_object' });
  });

  it('repairs once after a malformed reply, quoting the validation errors', async () => {
    server = await startScriptedServer([
      jsonContent({ ranking: [{ symbol: 'FBN1' }] }),
      jsonContent({ ranking: [{ symbol: 'FBN1', reason: 'lens dislocation' }] }),
    ]);
    const r = await structuredChat(
      createLlmClient(scriptedConfig(server.url), { env: {} }),
      ask,
      Ranking,
    );
    expect(r.repaired).toBe(true);
    expect(r.value.ranking[0]!.reason).toBe('lens dislocation');
    const repair = server.requests[1]!.body.messages;
    expect(repair).toHaveLength(3);
    expect(repair[1]).toMatchObject({
      role: 'assistant',
      content: '{"ranking":[{"symbol":"FBN1"}]}',
    });
    expect(repair[2]!.role).toBe('user');
    expect(repair[2]!.content).toMatch(/ranking\[0\]\.reason|ranking\.0\.reason/);
    expect(r.messages).toHaveLength(4);
  });

  it('fails clearly after two bad replies and makes no third call', async () => {
    server = await startScriptedServer([
      content('{"ranking": [ {"symbol": "FBN1", '),
      content('I cannot answer that.'),
      content('unused'),
    ]);
    const e = await structuredChat(
      createLlmClient(scriptedConfig(server.url), { env: {} }),
      ask,
      Ranking,
    ).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(OdysseyError);
    expect((e as OdysseyError).code).toBe('llm-bad-output');
    expect((e as OdysseyError).message).toMatch(/even after one repair round.*no JSON object/s);
    expect(server.requests).toHaveLength(2);
    expect(server.requests[1]!.body.messages[2]!.content).toMatch(/no JSON object/);
  });
});

describe('runToolLoop', () => {
  const lookups: string[] = [];
  const tools = [
    {
      spec: {
        name: 'gene_phenotypes',
        description: 'HPO terms annotated to a gene',
        parameters: {
          type: 'object',
          properties: { symbol: { type: 'string' } },
          required: ['symbol'],
        },
      },
      schema: z.object({ symbol: z.string() }),
      run: (args: unknown) => {
        const { symbol } = args as { symbol: string };
        lookups.push(symbol);
        if (symbol === 'BOOM') throw new Error('database is closed');
        return { symbol, phenotypes: ['HP:0001166 Arachnodactyly'] };
      },
    },
  ];

  it('runs the tools the model calls and returns the final answer with the transcript', async () => {
    lookups.length = 0;
    server = await startScriptedServer([
      toolCall('gene_phenotypes', { symbol: 'FBN1' }),
      content('FBN1 fits.'),
    ]);
    const r = await runToolLoop(
      createLlmClient(scriptedConfig(server.url), { env: {} }),
      ask,
      tools,
      { maxSteps: 3 },
    );
    expect(lookups).toEqual(['FBN1']);
    expect(r).toMatchObject({ steps: 1, exhausted: false, response: { content: 'FBN1 fits.' } });
    expect(r.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    const second = server.requests[1]!.body;
    expect(second.tools).toHaveLength(1);
    expect(second.messages[1]).toMatchObject({
      role: 'assistant',
      tool_calls: [
        { id: 'call_gene_phenotypes', type: 'function', function: { name: 'gene_phenotypes' } },
      ],
    });
    expect(second.messages[2]).toMatchObject({
      role: 'tool',
      tool_call_id: 'call_gene_phenotypes',
    });
    expect(JSON.parse(second.messages[2]!.content!)).toEqual({
      symbol: 'FBN1',
      phenotypes: ['HP:0001166 Arachnodactyly'],
    });
  });

  it('turns unknown tools, bad arguments and failing tools into error messages for the model', async () => {
    const script: Reply[] = [
      toolCall('gene_diseases', { symbol: 'FBN1' }),
      toolCall('gene_phenotypes', '{"symbol": '),
      toolCall('gene_phenotypes', { gene: 'FBN1' }),
      toolCall('gene_phenotypes', { symbol: 'BOOM' }),
      content('done'),
    ];
    server = await startScriptedServer(script);
    const r = await runToolLoop(
      createLlmClient(scriptedConfig(server.url), { env: {} }),
      ask,
      tools,
      { maxSteps: 5 },
    );
    const errors = r.messages
      .filter((m) => m.role === 'tool')
      .map((m) => (JSON.parse(m.content) as { error: string }).error);
    expect(errors[0]).toMatch(/Unknown tool "gene_diseases"/);
    expect(errors[1]).toMatch(/not valid JSON/);
    expect(errors[2]).toMatch(/Bad arguments: symbol/);
    expect(errors[3]).toMatch(/database is closed/);
    expect(r.response.content).toBe('done');
  });

  it('stops after maxSteps tool rounds', async () => {
    server = await startScriptedServer(() => toolCall('gene_phenotypes', { symbol: 'FBN1' }));
    const r = await runToolLoop(
      createLlmClient(scriptedConfig(server.url), { env: {} }),
      ask,
      tools,
      { maxSteps: 2 },
    );
    expect(r).toMatchObject({ steps: 2, exhausted: true });
    expect(server.requests).toHaveLength(3);
  });
});
