// `npm run bench`: runs every benchmark from the compiled dist/ and leaves JSON in bench/out/.
// Figures are copied into bench/RESULTS.md by hand with the date and the machine.
import { spawnSync } from 'node:child_process';

const only = process.argv.slice(2);
const benches = [
  ['search', 'dist/bench/run-search.js'],
  ['ranking', 'dist/bench/run-ranking.js'],
  ['extract', 'dist/bench/run-extract.js'],
  ['encoder', 'dist/bench/run-encoder.js'],
  ['store', 'dist/bench/run-store.js'],
  ['agents', 'dist/bench/run-agents.js'],
  ['ddx', 'dist/bench/run-ddx.js'],
  ['ui', 'bench/measure-ui.mjs'],
];
let failed = false;
for (const [name, script] of benches) {
  if (only.length && !only.includes(name)) continue;
  console.error(`== bench ${name}`);
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
