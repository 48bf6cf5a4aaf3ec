import type { Command } from 'commander';
import Table from 'cli-table3';
import { createLlmClient } from '../../core/agents/providers/client.js';
import {
  localOnlyMode,
  providersFilePath,
  resolveProvider,
  type ProviderEntry,
} from '../../core/agents/providers/config.js';
import { listProviders } from '../../core/agents/providers/provider-list.js';
import { UsageMeter } from '../../core/agents/providers/usage-meter.js';
import { type CliIO, printJson } from '../io.js';
import { positiveInt } from '../options.js';

/** The test prompt carries no patient data: it only checks that the endpoint answers. */
const PING = 'Reply with the single word: ok';

export function registerProviders(program: Command, io: CliIO): void {
  const providers = program
    .command('providers')
    .description('LLM providers: list them, and check that one answers');

  providers
    .command('list')
    .description(
      'built-in presets and the providers configured in providers.json (keys are never shown)',
    )
    .option(
      '--json',
      'print [{name, preset, baseURL, model, local, apiKeyEnv, keySet, configured}]',
    )
    .action((opts: { json?: boolean }) => {
      const list = listProviders();
      if (opts.json) {
        printJson(io, { localOnly: localOnlyMode(), providers: list });
        return;
      }
      const table = new Table({
        head: ['name', 'base URL', 'where', 'API key', 'model', 'about'],
        style: { head: [], border: [] },
      });
      for (const p of list) {
        const key = p.apiKeyEnv
          ? `${p.apiKeyEnv} ${p.keySet ? '(set)' : '(not set)'}`
          : 'none needed';
        table.push([
          p.name,
          p.baseURL || '(set in providers.json)',
          p.local ? 'local' : 'remote',
          key,
          p.model ?? '',
          p.about,
        ]);
      }
      io.out(table.toString());
      io.out(
        `Configuration: ${providersFilePath()}${localOnlyMode() ? '  (local-only mode: remote providers are refused)' : ''}`,
      );
    });

  providers
    .command('test')
    .description(
      'send one tiny chat request (no patient data) and report the model, latency and tokens',
    )
    .argument('<name>', 'provider name, e.g. ollama or openai')
    .option('--model <model>', 'model to ask, e.g. llama3.1 or gpt-4o-mini')
    .option('--base-url <url>', 'server address, e.g. http://127.0.0.1:11434/v1')
    .option('--timeout <seconds>', 'how long to wait for the answer')
    .option('--json', 'print {provider, model, baseURL, latencyMs, usage, reply, retries}')
    .action(
      async (
        name: string,
        opts: { model?: string; baseUrl?: string; timeout?: string; json?: boolean },
      ) => {
        const overrides: ProviderEntry = {};
        if (opts.model) overrides.model = opts.model;
        if (opts.baseUrl) overrides.baseURL = opts.baseUrl;
        if (opts.timeout) overrides.timeoutMs = positiveInt(opts.timeout, '--timeout', 3600) * 1000;
        const config = resolveProvider(name, overrides);
        // One retry at most: a check should answer quickly, yet survive a single 429 or blip.
        const meter = new UsageMeter();
        const client = createLlmClient(
          { ...config, maxRetries: Math.min(config.maxRetries, 1) },
          { localOnly: localOnlyMode(), meter },
        );
        const r = await client.chat({
          messages: [{ role: 'user', content: PING }],
          maxTokens: 64,
          temperature: 0,
        });
        const reply = r.content.trim().slice(0, 80);
        if (opts.json) {
          printJson(io, {
            provider: config.name,
            model: r.model,
            baseURL: config.baseURL,
            latencyMs: Math.round(r.latencyMs),
            usage: r.usage,
            reply,
            retries: r.retries,
            costUsd: meter.snapshot().costUsd,
          });
          return;
        }
        io.out(
          `ok: ${config.name} answered in ${Math.round(r.latencyMs)} ms${r.retries ? ` (after ${r.retries} retry)` : ''}`,
        );
        io.out(`  model:  ${r.model} at ${config.baseURL}`);
        io.out(`  tokens: ${r.usage.promptTokens} prompt + ${r.usage.completionTokens} completion`);
        io.out(`  reply:  ${reply ? JSON.stringify(reply) : '(empty)'}`);
      },
    );
}
