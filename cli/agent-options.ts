import type { Command } from 'commander';
import { AGGREGATION_METHODS, type AggregationMethod } from '../core/agents/ranker/rank-aggregation.js';
import type { DcConfig } from '../core/agents/ranker/dc-ranker.js';
import type { RankerOptions } from '../core/agents/rankers.js';
import { OdysseyError } from '../core/errors.js';
import { positiveInt } from './options.js';

export interface AgentFlags {
  chunk?: string;
  advance?: string;
  rounds?: string;
  pool?: string;
  agentSeed?: string;
  aggregation?: string;
  knowledgeWeight?: string;
  provider?: string;
  model?: string;
  baseUrl?: string;
  tools?: boolean;
  cache?: string;
}

const CACHE_MODES = ['use', 'refresh', 'replay', 'off'] as const;

/** The divide-and-conquer flags shared by `rank`, `bench` and `analyze`. */
export function addAgentOptions(cmd: Command): Command {
  return cmd
    .option('--chunk <k>', 'divide-and-conquer: genes an agent ranks at once (default 20; with --ranker onnx, switches divide-and-conquer on)')
    .option('--advance <m>', 'divide-and-conquer: genes each chunk sends to the next round (default 5)')
    .option('--rounds <r>', 'divide-and-conquer: shuffled repetitions merged at the end (default 3)')
    .option('--pool <n>', 'divide-and-conquer, genome-wide: how many of the knowledge ranker\'s top genes the agents rank (default 100)')
    .option('--agent-seed <s>', 'divide-and-conquer: seed of the shuffles (default 1)')
    .option('--aggregation <method>', `divide-and-conquer: how repetitions are merged: ${AGGREGATION_METHODS.join(' or ')} (default borda)`)
    .option('--knowledge-weight <w>', 'divide-and-conquer: weight of the base ranker in the final fusion, 0–1 (default 0 for onnx, 0.5 for llm)')
    .option('--provider <name>', 'llm/hybrid: LLM provider (openai, azure, ollama, llamacpp, vllm, lmstudio or one from providers.json)')
    .option('--model <model>', 'llm/hybrid: model name, e.g. gpt-4o-mini or llama3.1')
    .option('--base-url <url>', 'llm/hybrid: OpenAI-compatible endpoint, e.g. http://127.0.0.1:11434/v1')
    .option('--no-tools', 'llm/hybrid: do not offer the model the gene-annotation tool (for servers without tool calling)')
    .option('--cache <mode>', `llm/hybrid: response cache: ${CACHE_MODES.join(', ')} (replay answers only from the cache)`, 'use');
}

/** Ranker options from the command line flags. */
export function rankerOptionsFromFlags(o: AgentFlags, home?: string): RankerOptions {
  const options: RankerOptions = { dc: dcConfigFromFlags(o) };
  if (o.provider) {
    if (o.cache !== undefined && !(CACHE_MODES as readonly string[]).includes(o.cache)) {
      throw new OdysseyError('bad-option', `--cache must be one of ${CACHE_MODES.join(', ')}, not "${o.cache}".`, 'For example: --cache replay to rerun an analysis from its cached replies.');
    }
    options.llm = {
      provider: o.provider,
      overrides: { ...(o.model ? { model: o.model } : {}), ...(o.baseUrl ? { baseURL: o.baseUrl } : {}) },
      tools: o.tools !== false,
      cacheMode: (o.cache ?? 'use') as (typeof CACHE_MODES)[number],
      ...(home ? { home } : {}),
    };
  } else if (o.model || o.baseUrl) {
    throw new OdysseyError('bad-option', '--model and --base-url need --provider.', 'For example: --ranker llm --provider ollama --model llama3.1');
  }
  return options;
}

/** Only the flags given, so the rest keep their defaults. */
export function dcConfigFromFlags(o: AgentFlags): Partial<DcConfig> {
  const dc: Partial<DcConfig> = {};
  if (o.chunk !== undefined) dc.chunkSize = positiveInt(o.chunk, '--chunk', 200);
  if (o.advance !== undefined) dc.advance = positiveInt(o.advance, '--advance', 100);
  if (o.rounds !== undefined) dc.repetitions = positiveInt(o.rounds, '--rounds', 50);
  if (o.pool !== undefined) dc.poolSize = positiveInt(o.pool, '--pool', 20_000);
  if (o.agentSeed !== undefined) {
    const s = Number(o.agentSeed);
    if (!Number.isInteger(s)) throw new OdysseyError('bad-option', `--agent-seed must be a whole number, not "${o.agentSeed}".`, 'For example: --agent-seed 1');
    dc.seed = s;
  }
  if (o.aggregation !== undefined) {
    if (!(AGGREGATION_METHODS as readonly string[]).includes(o.aggregation)) {
      throw new OdysseyError('bad-option', `--aggregation must be ${AGGREGATION_METHODS.join(' or ')}, not "${o.aggregation}".`, 'For example: --aggregation borda');
    }
    dc.aggregation = o.aggregation as AggregationMethod;
  }
  if (o.knowledgeWeight !== undefined) {
    const w = Number(o.knowledgeWeight);
    if (!(w >= 0 && w <= 1)) throw new OdysseyError('bad-option', `--knowledge-weight must be a number from 0 to 1, not "${o.knowledgeWeight}".`, 'For example: --knowledge-weight 0.25');
    dc.knowledgeWeight = w;
  }
  return dc;
}
