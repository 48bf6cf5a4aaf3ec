// One cold load in a fresh process, so the benchmark measures what a user waits for at start-up.
import { loadHpo } from '../core/hpo/hpo-cache.js';
import { parseObo } from '../core/hpo/obo-parser.js';
import { requireDataFile } from '../core/data/installed.js';

const mode = process.argv[2] ?? 'cache';
const t0 = performance.now();
if (mode === 'obo') {
  await parseObo(requireDataFile('hp.obo'));
} else {
  const r = await loadHpo({ useCache: mode !== 'source' });
  if (mode === 'cache' && r.from !== 'cache') throw new Error('expected a cache hit');
}
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ mode, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
