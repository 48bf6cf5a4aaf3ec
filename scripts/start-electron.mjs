// `npm start`: runs the desktop app from this checkout. better-sqlite3 is a native module built
// for Node's ABI (the CLI and tests use it); Electron needs it built for Electron's ABI. So this
// rebuilds it for Electron, runs the app, and rebuilds it for Node again when the app closes.
// The first run downloads Electron's binary (node_modules/electron fetches it on first use).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) =>
  join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd, args) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' }).status;

if (run(bin('electron-builder'), ['install-app-deps']) !== 0) {
  console.error(
    'odyssey: could not build the native modules for Electron (see above); this needs internet or a C++ toolchain.',
  );
  process.exit(1);
}
const status = run(bin('electron'), ['.']);
console.error('odyssey: rebuilding better-sqlite3 for Node, so the CLI and tests work again.');
run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', 'better-sqlite3']);
process.exit(status ?? 1);
