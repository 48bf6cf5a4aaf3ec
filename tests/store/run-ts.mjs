// Runs a TypeScript file from tests/ in a plain Node process (for child processes a test must be
// able to kill), through Vite's module runner, the same transform Vitest uses.
// Usage: node tests/store/run-ts.mjs FILE.ts [args...]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, createServerModuleRunner } from 'vite';

const root = fileURLToPath(new URL('../../', import.meta.url));
const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, include: [] },
  ssr: { external: true },
});
const runner = createServerModuleRunner(server.environments.ssr, { hmr: false });
try {
  await runner.import(resolve(process.argv[2]));
} finally {
  await runner.close();
  await server.close();
}
