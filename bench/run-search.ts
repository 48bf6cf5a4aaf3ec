import { mkdirSync, writeFileSync } from 'node:fs';
import { searchBench } from './search-bench.js';

const result = await searchBench();
mkdirSync('bench/out', { recursive: true });
writeFileSync('bench/out/search.json', JSON.stringify(result, null, 2));
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
