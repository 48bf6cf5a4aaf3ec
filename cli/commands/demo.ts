import type { Command } from 'commander';
import { loadHpo } from '../../core/hpo/hpo-cache.js';
import { TermSearch } from '../../core/hpo/search/term-search.js';
import { categoryProfile } from '../../core/hpo/category-profile.js';
import { hpoAcknowledgement } from '../../core/data/installed.js';
import type { CliIO } from '../io.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import { createRanker } from '../../core/genes/ranking/registry.js';
import { rankCase } from '../../core/genes/ranking/rank.js';

/** A short tour on real data, used by `npm start` until the desktop UI exists. */
export function registerDemo(program: Command, io: CliIO): void {
  program
    .command('demo')
    .description('a short tour: search terms, profile a sample case by organ system, rank its candidate genes')
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
      const { kb } = await loadKnowledgeBase();
      const result = await rankCase(kb, createRanker('knowledge', kb), { observed: picked }, { top: 5 });
      io.out(`\nCandidate genes for these findings, genome-wide (${result.scored.genes} genes scored):`);
      for (const g of result.genes) {
        const e = g.explanation;
        io.out(`  ${String(g.rank).padStart(2)}. ${g.symbol.padEnd(9)} ${g.score.toFixed(2).padStart(6)}  ${g.diseases[0]?.name ?? ''} — ${e?.matches.length ?? 0} matched, ${e?.unmatched.length ?? 0} unmatched`);
      }
      io.out('Try: npx odyssey rank --hpo HP:0001250,HP:0001263 (add --json for the full evidence)');
      io.out(`\n${hpoAcknowledgement(hpo.versions.hpo)}`);
    });
}
