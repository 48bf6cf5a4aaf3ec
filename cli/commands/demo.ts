import type { Command } from 'commander';
import { loadHpo } from '../../core/hpo/hpo-cache.js';
import { TermSearch } from '../../core/hpo/search/term-search.js';
import { categoryProfile } from '../../core/hpo/category-profile.js';
import { hpoAcknowledgement } from '../../core/data/installed.js';
import type { CliIO } from '../io.js';

/** A short tour on real data, used by `npm start` until the desktop UI exists. */
export function registerDemo(program: Command, io: CliIO): void {
  program
    .command('demo')
    .description('a short tour: load the ontology, search terms, profile a sample case')
    .action(async () => {
      const hpo = await loadHpo();
      io.out(`Loaded HPO ${hpo.versions.hpo} (${hpo.ontology.size} terms) from ${hpo.from} in ${hpo.ms.toFixed(0)} ms; IC over ${hpo.diseaseCount} diseases (annotations ${hpo.versions.annotations}).`);
      const search = new TermSearch(hpo.ontology);
      const phrases = ['seizure', 'wide-set eyes', 'hypotonia', 'microcefaly', 'HP:0001250'];
      const picked: string[] = [];
      for (const p of phrases) {
        const [top] = search.search(p, { limit: 1 });
        io.out(`search "${p}" → ${top ? `${top.id} ${top.name} (matched "${top.matched}")` : 'nothing'}`);
        if (top && !picked.includes(top.id)) picked.push(top.id);
      }
      const profile = categoryProfile(hpo.ontology, hpo.ic, picked);
      io.out('\nOrgan systems involved in these findings:');
      for (const c of profile.categories) {
        io.out(`  ${c.name.padEnd(45)} ${String(c.count).padStart(2)} term(s), max IC ${c.maxIc.toFixed(2)}`);
      }
      io.out(`\n${hpoAcknowledgement(hpo.versions.hpo)}`);
    });
}
