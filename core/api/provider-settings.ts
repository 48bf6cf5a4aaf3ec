/**
 * Settings → providers: the presets and the user's providers.json as the app shows them (never a
 * key), the local-only switch, and adding or changing a provider. Writes go through the same
 * schema the provider layer reads with, and replace the file atomically, so a bad entry is
 * refused by name and never leaves a half-written file. Keys are never written here.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import {
  envForcesLocalOnly,
  listProviders,
  loadProvidersFile,
  PRESETS,
  providersFilePath,
  type ProvidersFile,
} from '../agents/providers/index.js';
import { providersFileSchema } from '../agents/providers/config.js';
import { OdysseyError } from '../errors.js';
import type { ParsedRequestOf, ResponseOf } from './contract.js';
import type { ApiContext } from './context.js';

type Providers = ResponseOf<'listProviders'>;

export function providersView(ctx: ApiContext): Providers {
  const env = ctx.providerEnv();
  const file = loadProvidersFile(ctx.home);
  const keyStatus = ctx.keyStore?.status();
  return {
    providers: listProviders(ctx.home, env),
    presets: Object.entries(PRESETS).map(([name, p]) => ({
      name,
      about: p.about,
      baseURL: p.baseURL,
    })),
    localOnly: file.localOnly || envForcesLocalOnly(env),
    localOnlyForced: envForcesLocalOnly(env),
    ...(file.default ? { defaultProvider: file.default } : {}),
    providersFile: providersFilePath(ctx.home),
    keyStorage: keyStatus
      ? { mode: 'encrypted', ...keyStatus }
      : {
          mode: 'environment',
          available: false,
          reason:
            'In the browser, API keys come only from environment variables set before `odyssey serve` starts (for example OPENAI_API_KEY). The desktop app can keep them encrypted.',
        },
  };
}

/** The file as stored (validated), changed by `edit`, written back whole. */
function updateFile(ctx: ApiContext, edit: (f: ProvidersFile) => void): void {
  const path = providersFilePath(ctx.home);
  const file = loadProvidersFile(ctx.home);
  edit(file);
  const checked = providersFileSchema.safeParse(file);
  if (!checked.success)
    throw new OdysseyError(
      'provider-config',
      `These provider settings are not valid: ${z.prettifyError(checked.error)}`,
      'Correct the field named above; nothing was saved.',
    );
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(checked.data, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, path);
}

export function setLocalOnly(ctx: ApiContext, r: ParsedRequestOf<'setLocalOnly'>): Providers {
  if (!r.localOnly && envForcesLocalOnly(ctx.providerEnv()))
    throw new OdysseyError(
      'local-only-forced',
      'Local-only mode is switched on for this computer by the ODYSSEY_LOCAL_ONLY setting, so it cannot be turned off here.',
      'Ask whoever set up Odyssey to unset ODYSSEY_LOCAL_ONLY, then restart Odyssey.',
    );
  updateFile(ctx, (f) => {
    f.localOnly = r.localOnly;
  });
  return providersView(ctx);
}

const httpUrl = z.url({ protocol: /^https?$/ });

export function saveProvider(ctx: ApiContext, r: ParsedRequestOf<'saveProvider'>): Providers {
  const preset = r.preset || (PRESETS[r.name] ? r.name : undefined);
  if (preset !== undefined && !PRESETS[preset])
    throw new OdysseyError(
      'provider-config',
      `There is no provider type called "${preset}".`,
      `Choose one of: ${Object.keys(PRESETS).join(', ')}, or none for another OpenAI-compatible server.`,
    );
  const baseURL = r.baseURL || undefined;
  if (baseURL !== undefined && !httpUrl.safeParse(baseURL).success)
    throw new OdysseyError(
      'provider-config',
      `"${baseURL}" is not a web address Odyssey can call.`,
      'Give the server address starting with http:// or https://, such as http://127.0.0.1:11434/v1.',
    );
  const existing = loadProvidersFile(ctx.home).providers[r.name];
  if (!baseURL && !existing?.baseURL && !PRESETS[existing?.preset ?? preset ?? '']?.baseURL)
    throw new OdysseyError(
      'provider-config',
      `Provider ${r.name} needs a server address.`,
      'Fill in the base URL, such as https://RESOURCE.openai.azure.com/openai or http://127.0.0.1:8000/v1.',
    );
  updateFile(ctx, (f) => {
    const before = f.providers[r.name] ?? {};
    f.providers[r.name] = {
      ...before,
      ...(preset && preset !== r.name ? { preset } : {}),
      ...(baseURL ? { baseURL } : {}),
      ...(r.model ? { model: r.model } : {}),
      ...(r.apiKeyEnv ? { apiKeyEnv: r.apiKeyEnv } : {}),
    };
  });
  return providersView(ctx);
}

export function setProviderKey(ctx: ApiContext, r: ParsedRequestOf<'setProviderKey'>): Providers {
  const store = ctx.keyStore;
  if (!store)
    throw new OdysseyError(
      'keys-from-environment',
      'In the browser, Odyssey cannot keep API keys.',
      'Set the key in the environment variable shown for the provider before starting `odyssey serve`, or use the desktop app.',
    );
  const status = store.status();
  if (!status.available)
    throw new OdysseyError(
      'key-storage-unavailable',
      status.reason ?? 'This computer offers no encrypted storage for API keys.',
      'Set the key in the environment variable shown for the provider before starting Odyssey instead.',
    );
  const listed = providersView(ctx).providers.find((p) => p.name === r.provider);
  if (!listed)
    throw new OdysseyError(
      'provider-unknown',
      `There is no provider called "${r.provider}".`,
      'Add it under Providers first.',
    );
  if (!listed.apiKeyEnv)
    throw new OdysseyError(
      'provider-no-key-variable',
      `Provider ${r.provider} has no API key setting.`,
      'Edit the provider and fill in "Key variable" (for example LAB_LLM_API_KEY), then enter the key.',
    );
  store.save(listed.apiKeyEnv, r.key);
  ctx.reloadKeys();
  return providersView(ctx);
}
