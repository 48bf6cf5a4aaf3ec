import type { Ontology } from '../../core/hpo/ontology.js';
import type { TermLabel } from '../../core/hpo/encoder/labels.js';
import { normalise, tokens } from '../../core/hpo/search/normalise.js';
import { seededRandom } from '../../core/util/random.js';

/** Edge words the extraction pipeline trims off a phrase before asking the encoder. */
const EDGE = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'to', 'with', 'is', 'are', 'was', 'by', 'for', 'at', 'as', 'be', 'that', 'which', 'this', 'it', 'its', 'from', 'than', 'into']);

/**
 * Phrases that name no HPO term, for calibration: runs of one to three words from term
 * definitions ("echo", "more than two", "during childhood") that are not a label and contain no
 * label. In a note, the stretches the dictionary leaves over are often just such words, and
 * the confidence must learn to stay low for them. Seeded, so each call is reproducible.
 */
export function nonFindingPhrases(ontology: Ontology, labels: readonly TermLabel[], n: number, seed: number): string[] {
  const known = new Set(labels.map((l) => normalise(l.text)));
  const definitions = ontology.terms.filter((t) => !t.obsolete && t.definition).map((t) => tokens(normalise(t.definition!)));
  const random = seededRandom(seed);
  const out = new Set<string>();
  for (let tries = 0; out.size < n && tries < n * 50; tries++) {
    const words = definitions[Math.floor(random() * definitions.length)]!;
    const r = random();
    const len = r < 0.5 ? 1 : r < 0.8 ? 2 : 3;
    if (words.length < len) continue;
    const start = Math.floor(random() * (words.length - len + 1));
    const run = words.slice(start, start + len);
    if (EDGE.has(run[0]!) || EDGE.has(run[run.length - 1]!) || run.some((w) => /^\d+$/.test(w))) continue;
    let namesTerm = false;
    for (let a = 0; a < run.length && !namesTerm; a++) for (let b = a + 1; b <= run.length && !namesTerm; b++) namesTerm = known.has(run.slice(a, b).join(' '));
    if (!namesTerm) out.add(run.join(' '));
  }
  return Array.from(out);
}
