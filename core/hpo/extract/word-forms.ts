import { stemmer } from 'stemmer';

/**
 * Word-level folding shared by the dictionary and the text, so both sides always meet in the
 * same form. Folding only has to make variants of one word collide (British and American
 * spelling, plural and singular, noun and adjective); it may turn a word into a non-word, since
 * nothing but the matcher ever sees the folded form.
 */

/** Plurals the Porter stemmer does not bring together with their singular. */
const IRREGULAR: Record<string, string> = {
  teeth: 'tooth',
  feet: 'foot',
  children: 'child',
  women: 'woman',
  men: 'man',
  phalanges: 'phalanx',
  naevi: 'nevus',
  nevi: 'nevus',
  foci: 'focus',
  ova: 'ovum',
  fetuses: 'fetus',
  foetuses: 'fetus',
  digiti: 'digitus',
  halluces: 'hallux',
  pollices: 'pollex',
  apices: 'apex',
  cortices: 'cortex',
  indices: 'index',
  vertices: 'vertex',
  testes: 'testis',
  // Words clinical English uses interchangeably; HPO labels use one or the other.
  repeated: 'recurrent',
  recurring: 'recurrent',
  elevated: 'increased',
  raised: 'increased',
  reduced: 'decreased',
  diminished: 'decreased',
  dilatation: 'dilation',
  dilatations: 'dilation',
};

/** British → American spellings as they occur in clinical English. */
const SPELLING: [RegExp, string][] = [
  [/aesth/, 'esth'], // anaesthesia, hypoaesthesia
  [/^oe(?=[a-z])/, 'e'], // oedema, oesophagus, oestrogen
  [/([^aeiou])oe(?=[a-rt-z]|s[a-z])/g, '$1e'], // foetal, coeliac, diarrhoea, apnoea; not toes, shoes
  [/^ae(?=[^aeiou])/, 'e'], // aetiology
  [/([^aeiou])ae(?=[^aeiou])/g, '$1e'], // haem-, anaemia, paediatric, leukaemia, ischaemia, naevus, caecum
  [/(tum|behavi|col|hum|od|lab|vap|rig|harb|fav|flav|demean|vig|rum|hon|arm)our/, '$1or'], // tumour, behaviour, colour
  [/(cent|fib|lit|met|calib|somb|goit)re(s|d)?$/, '$1er$2'], // centre, fibre, goitre
  [/^disc(s?)$/, 'disk$1'],
  [/connexion/, 'connection'],
  [/(?<=[a-z]{3})isab(le|ly|ility)$/, 'izab$1'], // recognisable
  [/(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|ational)$/, 'iz$1'], // generalised, organisation
  [/(?<=[a-z]{3})ys(e|es|ed|ing)$/, 'yz$1'], // analysed
  [/^grey/, 'gray'],
  [/sulph/, 'sulf'],
  [/^mould/, 'mold'],
  [/ageing/, 'aging'],
  [/manoeuvre|maneuvre/, 'maneuver'],
  [/(?<=[a-z])ae$/, 'a'], // vertebrae, fibulae, bullae: Latin plurals
  [/(?<=[a-z]{3})oses$/, 'osis'], // stenoses, scolioses, exostoses
  [/(?<=[a-z]{3}(?:ect|t))ases$/, 'asis'], // bronchiectases, metastases
];

const folds = new Map<string, string>();

/** Lower case, accents off, apostrophes and possessives off, spelling and plurals folded. */
export function foldWord(word: string): string {
  let f = folds.get(word);
  if (f === undefined) {
    f = fold(word);
    // The vocabulary of labels and notes is a few tens of thousands of words; the cap only guards odd input.
    if (folds.size < 200_000) folds.set(word, f);
  }
  return f;
}

function fold(word: string): string {
  let w = word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/'s$|'$/, '')
    .replace(/'/g, '');
  const irregular = IRREGULAR[w];
  if (irregular) return irregular;
  for (const [re, to] of SPELLING) w = w.replace(re, to);
  return w;
}

const stems = new Map<string, string>();

/** The Porter stem of a folded word: "delayed"/"delay", "impaired"/"impairment" meet here. */
export function stemWord(folded: string): string {
  let s = stems.get(folded);
  if (s === undefined) {
    // Short words and numbers stem badly ("ear" and "early" must stay apart).
    s = folded.length <= 3 || /\d/.test(folded) ? folded : stemmer(folded);
    if (stems.size < 200_000) stems.set(folded, s);
  }
  return s;
}

/** Words that never carry meaning inside a term label and are skipped on both sides. */
export const ARTICLES = new Set(['a', 'an', 'the']);

/**
 * Function words that may sit between the words of a label when the words come in another
 * order ("eyes are widely spaced" for "Widely spaced eyes", "loss of hearing" for "Hearing loss").
 */
export const FILLERS = new Set([
  'a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'is', 'are', 'was', 'were', 'be', 'been', 'being', 'seem', 'seems',
  'appear', 'appears', 'appeared', 'looks', 'look', 'his', 'her', 'their', 'its', 'both', 'very', 'quite', 'rather',
  'somewhat', 'slightly', 'markedly', 'noted', 'noticed', 'seen', 'considered', 'thought', 'as',
  // Laboratory wording: "elevated lactate" for "Increased circulating lactate concentration".
  'circulating', 'concentration', 'concentrations', 'level', 'levels', 'serum', 'plasma',
]);
