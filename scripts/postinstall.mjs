// Runs after `npm install`: compiles the CLI and installs the reference data. A failure to get
// the data must not fail `npm install` itself; `npm start` and `npm test` then say what is missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env }).status;

const tsc = 'node_modules/typescript/bin/tsc';
if (existsSync(`${root}/${tsc}`)) {
  if (run([tsc, '-p', 'tsconfig.build.json']) !== 0) {
    console.error('odyssey: compiling the CLI failed (see above).');
    process.exit(1);
  }
}

if (process.env.ODYSSEY_SKIP_DATA === '1') {
  console.error('odyssey: ODYSSEY_SKIP_DATA=1, not installing reference data.');
  process.exit(0);
}
const status = run(['bin/odyssey.js', 'data', 'install']);
if (status !== 0) {
  console.error(
    '\nodyssey: the package is installed, but the reference data is not (see the message above).\n' +
      '  `npm start` and `npm test` will list what is missing. To install it later:\n' +
      '  ODYSSEY_DATA_MIRROR=/path/to/mirror npx odyssey data install\n',
  );
  process.exit(0);
}

// The local models (phrase encoder, organ-system classifier) are trained from the installed HPO
// release: only once the data is there, and only what is missing or stale (a few minutes the
// first time). A failure is reported, not fatal: everything but free-text matching still works.
if (process.env.ODYSSEY_SKIP_MODELS === '1') {
  console.error('odyssey: ODYSSEY_SKIP_MODELS=1, not building the local models.');
} else if (run(['dist/models/build-models.js']) !== 0) {
  console.error(
    '\nodyssey: the local models could not be built (see the message above). Free-text matching\n' +
      '  needs them; everything else works. To build them later: node dist/models/build-models.js\n',
  );
}
process.exit(0);
