import type { Command } from 'commander';
import { loadHpo } from '../../core/hpo/hpo-cache.js';
import { TermSearch } from '../../core/hpo/search/term-search.js';
import { positiveInt } from '../options.js';
import { type CliIO, printJson } from '../io.js';

export function registerSearch(program: Command, io: CliIO): void {
  program
    .command('search')
    .description('find HPO terms by name, synonym, id or alt id (typos tolerated)')
    .argument('<text>', 'what to look for, e.g. "seizure" or HP:0001250')
    .option('--limit <n>', 'how many results', '10')
    .option('--json', 'print [{id, name, score, matched, categories}] best first')
    .action(async (text: string, opts: { limit: string; json?: boolean }) => {
      const limit = positiveInt(opts.limit, '--limit', 500);
      const hpo = await loadHpo();
      const results = new TermSearch(hpo.ontology).search(text, { limit });
      for (const r of results) if (r.warning) io.err(`warning: ${r.warning}`);
      if (opts.json) {
        printJson(
          io,
          results.map((r) => ({ id: r.id, name: r.name, score: r.score, matched: r.matched, matchKind: r.matchKind, categories: r.categories.map((c) => c.name) })),
        );
        return;
      }
      if (results.length === 0) {
        io.out(`No HPO term matches "${text}".`);
        return;
      }
      results.forEach((r, i) => {
        const via = r.matched === r.name ? '' : `  (matched ${r.matchKind === 'synonym' ? 'synonym' : r.matchKind} "${r.matched}")`;
        io.out(`${String(i + 1).padStart(3)}. ${r.id}  ${r.name}${via}`);
        if (r.categories.length) io.out(`      ${r.categories.map((c) => c.name).join('; ')}`);
      });
    });
}
