// Bundles the React renderer (renderer/src) into renderer/dist with esbuild: one ES module,
// one stylesheet and index.html. `--watch` rebuilds on change; `--dev` skips minifying.
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'renderer', 'dist');
const dev = process.argv.includes('--dev') || process.argv.includes('--watch');

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'assets'), { recursive: true });
copyFileSync(join(root, 'renderer', 'index.html'), join(out, 'index.html'));
copyFileSync(join(root, 'renderer', 'icon.svg'), join(out, 'assets', 'icon.svg'));

const options = {
  entryPoints: { main: join(root, 'renderer', 'src', 'main.tsx') },
  outdir: join(out, 'assets'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome120'],
  jsx: 'automatic',
  minify: !dev,
  sourcemap: dev ? 'inline' : 'linked',
  define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
  logLevel: 'warning',
  legalComments: 'linked',
};

if (process.argv.includes('--watch')) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('Watching renderer/src; bundles go to renderer/dist.');
} else {
  const started = Date.now();
  await esbuild.build(options);
  console.log(`Renderer built into renderer/dist in ${Date.now() - started} ms.`);
}
