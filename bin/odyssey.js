#!/usr/bin/env node
// The CLI runs from the compiled dist/ (built by `npm install` or `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error('odyssey: the CLI is not built yet (dist/cli/main.js is missing).\n  fix: run `npm install` or `npm run build` in the Odyssey folder.');
  process.exit(2);
}
const { run } = await import(main);
process.exitCode = await run(process.argv);
