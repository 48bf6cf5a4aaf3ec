import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../data/paths.js';
import { OdysseyError } from '../../errors.js';

export interface PromptFile {
  name: string;
  /** "<name>@<file version>+<first 12 hex of the text's SHA-256>": an edit without a new file still shows. */
  version: string;
  text: string;
}

const cache = new Map<string, PromptFile>();

/**
 * Loads a versioned prompt, core/agents/prompts/<name>.v<N>.md. Prompts are files rather than
 * strings in code so each analysis can record exactly which text its agents were given.
 */
export function loadPrompt(name: string, fileVersion: number): PromptFile {
  const key = `${name}.v${fileVersion}`;
  let p = cache.get(key);
  if (!p) {
    const path = join(packageRoot(), 'core', 'agents', 'prompts', `${key}.md`);
    let text: string;
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch (e) {
      throw new OdysseyError('prompt-missing', `The prompt file ${path} is missing.`, 'Reinstall Odyssey or restore core/agents/prompts/ from the repository.', { cause: e });
    }
    p = { name, version: `${name}@${fileVersion}+${createHash('sha256').update(text).digest('hex').slice(0, 12)}`, text };
    cache.set(key, p);
  }
  return p;
}
