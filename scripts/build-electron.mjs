// Bundles the Electron main process (ES module) and its sandboxed preload (one CommonJS file,
// as sandboxed preloads cannot import other files) into dist-electron/ with esbuild. Core is
// bundled in; npm packages (better-sqlite3, onnxruntime-node, ...) stay in node_modules.
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist-electron');
rmSync(out, { recursive: true, force: true });

const common = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  sourcemap: 'linked',
  logLevel: 'warning',
};
await esbuild.build({
  ...common,
  entryPoints: [join(root, 'electron', 'main.ts')],
  outfile: join(out, 'main.mjs'),
  format: 'esm',
  packages: 'external',
});
await esbuild.build({
  ...common,
  entryPoints: [join(root, 'electron', 'preload.ts')],
  outfile: join(out, 'preload.cjs'),
  format: 'cjs',
  external: ['electron'],
});
console.log('Electron main and preload built into dist-electron/.');
