// Term search quality and speed on the real HPO release (issue 2's targets).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadHpo } from '../core/hpo/hpo-cache.js';
import { TermSearch } from '../core/hpo/search/term-search.js';
import { seededRandom, sample } from '../core/util/random.js';
import { median, quantile } from '../core/util/stats.js';

const SEED = 20261125;

function probe(mode: string, runs: number): { ms: number[]; maxRssMb: number[] } {
  const script = fileURLToPath(new URL('./load-probe.js', import.meta.url));
  const ms: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, [script, mode], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(r.stderr);
    const o = JSON.parse(r.stdout) as { ms: number; maxRssMb: number };
    ms.push(o.ms);
    rss.push(o.maxRssMb);
  }
  return { ms, maxRssMb: rss };
}

export async function searchBench(): Promise<Record<string, unknown>> {
  const hpo = await loadHpo();
  const buildStart = performance.now();
  const search = new TermSearch(hpo.ontology);
  const indexMs = performance.now() - buildStart;
  const random = seededRandom(SEED);
  const live = hpo.ontology.terms.filter((t) => !t.obsolete);
  const picked = sample(live, 500, random);

  let nameFirst = 0;
  const nameMisses: string[] = [];
  let synTotal = 0;
  let synTop3 = 0;
  const synMisses: string[] = [];
  for (const t of picked) {
    const r = search.search(t.name, { limit: 3 });
    if (r[0]?.id === t.id) nameFirst++;
    else nameMisses.push(`${t.id} "${t.name}" → ${r[0]?.id}`);
    for (const s of t.synonyms.filter((x) => x.scope === 'EXACT' && x.type !== 'obsolete_synonym')) {
      synTotal++;
      const rs = search.search(s.text, { limit: 3 });
      if (rs.some((x) => x.id === t.id)) synTop3++;
      else synMisses.push(`${t.id} "${s.text}" → ${rs.map((x) => x.id).join(',')}`);
    }
  }

  // Realistic typing: a prefix (3–12 characters) of a random term's name or synonym.
  const labels = live.flatMap((t) => [t.name, ...t.synonyms.map((s) => s.text)]);
  const prefixes = sample(labels, 1000, random).map((l) => l.slice(0, 3 + Math.floor(random() * 10)).trimEnd()).filter((p) => p.trim().length >= 3);
  for (const p of prefixes.slice(0, 200)) search.search(p); // warm-up
  const times: number[] = [];
  for (const p of prefixes) {
    const t0 = performance.now();
    search.search(p);
    times.push(performance.now() - t0);
  }
  const typos = picked.slice(0, 200).map((t) => {
    const w = t.name;
    const i = 1 + Math.floor(random() * Math.max(1, w.length - 2));
    return { id: t.id, q: w.slice(0, i) + w.slice(i + 1) }; // one deleted character
  });
  let typoTop3 = 0;
  const typoTimes: number[] = [];
  for (const { id, q } of typos) {
    const t0 = performance.now();
    const r = search.search(q, { limit: 3 });
    typoTimes.push(performance.now() - t0);
    if (r.some((x) => x.id === id)) typoTop3++;
  }

  const cache = probe('cache', 7);
  const obo = probe('obo', 3);
  const source = probe('source', 3);
  return {
    seed: SEED,
    quality: {
      exactNameTop1: nameFirst / picked.length,
      exactNameCases: picked.length,
      exactSynonymTop3: synTop3 / synTotal,
      exactSynonymCases: synTotal,
      oneDeletionTypoTop3: typoTop3 / typos.length,
      nameMisses,
      synonymMisses: synMisses.slice(0, 20),
    },
    speed: {
      prefixQueries: prefixes.length,
      prefixMs: { median: median(times), p95: quantile(times, 0.95), p99: quantile(times, 0.99), max: Math.max(...times) },
      typoMs: { median: median(typoTimes), p95: quantile(typoTimes, 0.95) },
      indexBuildMs: indexMs,
    },
    load: {
      fromCacheMs: { median: median(cache.ms), runs: cache.ms.length },
      parseOboMs: { median: median(obo.ms), runs: obo.ms.length },
      fromSourceMs: { median: median(source.ms), runs: source.ms.length, note: 'OBO + phenotype.hpoa + IC, then cache write' },
      peakRssMb: { cacheLoad: median(cache.maxRssMb), sourceLoad: median(source.maxRssMb), searchBench: process.resourceUsage().maxRSS / 1024 },
    },
  };
}
