/**
 * Local-only mode: when on (providers.json "localOnly": true, or ODYSSEY_LOCAL_ONLY=1), every
 * provider that is not on this machine is refused before anything touches the network.
 */
import { OdysseyError } from '../../errors.js';
import { isLoopback } from './privacy.js';
import type { ProviderConfig } from './types.js';

export function envForcesLocalOnly(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.ODYSSEY_LOCAL_ONLY?.trim().toLowerCase();
  return v === '1' || v === 'true' || v === 'yes';
}

/** Throws unless the provider may be used under local-only mode; runs before any network use. */
export function assertLocalAllowed(config: ProviderConfig, localOnly: boolean): void {
  if (localOnly && !isLoopback(config.baseURL)) {
    throw new OdysseyError(
      'llm-local-only',
      `Local-only mode is on, so ${config.name} at ${config.baseURL} may not be used: it is not on this machine.`,
      'Use a local server (ollama, llamacpp, vllm, lmstudio on 127.0.0.1), or turn local-only off: set "localOnly": false in providers.json and unset ODYSSEY_LOCAL_ONLY.',
    );
  }
}
