import type { TokenisedText } from './text-units.js';
import { TriggerList } from './trigger-phrases.js';

/**
 * Finds the stretches of text that talk about relatives rather than the patient: "her mother
 * has epilepsy", "family history of deafness", "FHx: …", "hearing loss in a maternal uncle".
 * A relative is only a trigger as the subject of a finding: "mother reports he has fits" and
 * "lives with his father" are about the patient. A forward scope runs to the end of the sentence
 * unless the patient becomes the subject again ("…; he has hypotonia", "but she …").
 */

export interface FamilyScope {
  first: number;
  last: number;
}

const RELATIVES = [
  'mother', 'father', 'mum', 'mom', 'mummy', 'dad', 'daddy', 'parent', 'parents', 'sister', 'sisters', 'brother',
  'brothers', 'sibling', 'siblings', 'sib', 'sibs', 'twin', 'aunt', 'aunts', 'uncle', 'uncles', 'cousin', 'cousins',
  'grandmother', 'grandfather', 'grandparent', 'grandparents', 'granny', 'grandma', 'grandpa', 'niece', 'nephew',
  'son', 'daughter', 'relative', 'relatives', 'half-brother', 'half-sister',
];
const RELATIVE = new Set(RELATIVES);

/** Verbs that make a relative the reporter of the patient's findings, not their bearer. */
const REPORTING = new Set([
  'report', 'reports', 'reported', 'reporting', 'say', 'says', 'said', 'notice', 'notices', 'noticed', 'feel', 'feels',
  'felt', 'describe', 'describes', 'described', 'note', 'notes', 'noted', 'state', 'states', 'stated', 'think',
  'thinks', 'thought', 'mention', 'mentions', 'mentioned', 'observe', 'observes', 'observed', 'explain', 'explains',
  'explained', 'bring', 'brings', 'brought', 'ask', 'asks', 'asked', 'request', 'requests', 'requested', 'want',
  'wants', 'would', 'consent', 'consented', 'declined', 'attend', 'attended', 'present', 'accompanied', 'concerned',
  'worried', 'worry', 'worries', 'concern', 'concerns', 'keen', 'first', 'became', 'became', 'wonder', 'wonders',
  'recall', 'recalls', 'remember', 'remembers', 'confirm', 'confirms', 'confirmed', 'deny', 'denies', 'denied',
  'filmed', 'videoed', 'saw', 'sees', 'seen', 'found', 'finds', 'called', 'raised', 'raises', 'struggle',
  'struggles', 'manage', 'manages', 'pregnancy', 'antenatal', 'age', 'ages',
]);
/** Words before a relative that make it an object ("lives with his mother", "seen by dad"). */
const OBJECT_MARKERS = new Set(['with', 'by', 'to', 'from', 'per', 'via', 'for', 'and', 'as', 'in', 'on', 'of', 'like', 'than', 'unlike', 'born']);
/** The patient becomes the subject again. */
const PATIENT = new Set(['he', 'she', 'patient', 'proband', 'child', 'baby', 'infant', 'boy', 'girl', 'our', 'index', 'himself', 'herself', 'this', 'pt', 'they', 'whereas', 'while', 'but', 'however']);
const MODIFIERS = new Set(['maternal', 'paternal', 'older', 'younger', 'elder', 'half', 'twin', 'great', 'affected', 'his', 'her', 'their', 'the', 'a', 'an', 'one', 'two', 'both', 'first', 'second', "mother's", "father's", '-']);

type Kind = 'family' | 'post';
const triggers = new TriggerList<Kind>([
  ...['family history', 'family hx', 'fam hx', 'fhx', 'fh', 'family members', 'family member', 'familial history', 'in the family', 'runs in the family', 'family is notable for', 'family:'].map(
    (p): [string, Kind] => [p, 'family'],
  ),
  ...['in his', 'in her', 'in their', 'in the', 'in a', 'in an', 'in one', 'in two', 'in both', 'on the maternal side', 'on the paternal side', "on mother's side", "on father's side", 'on his', 'on her'].map(
    (p): [string, Kind] => [p, 'post'],
  ),
]);

export function familyScopes(doc: TokenisedText): FamilyScope[] {
  const scopes: FamilyScope[] = [];
  const { tokens } = doc;
  for (const s of doc.sentences) {
    const clauseEnd = (from: number): number => {
      let j = from;
      while (j < s.last && tokens[j]!.text !== ';' && !PATIENT.has(tokens[j]!.lower)) j++;
      return j;
    };
    for (let i = s.first; i < s.last; i++) {
      const t = tokens[i]!;
      const hit = triggers.at(tokens, i, s.last);
      if (hit?.kind === 'family') {
        // "FH" only in capitals: "fh" in lower case is too short to trust.
        if (t.lower === 'fh' && t.text !== 'FH') continue;
        const end = clauseEnd(hit.last);
        scopes.push({ first: hit.first, last: end });
        i = end - 1;
        continue;
      }
      if (hit?.kind === 'post') {
        // "… in a maternal uncle": the relative must follow the preposition within a few modifiers.
        let k = hit.last;
        if (hit.last - hit.first > 2 && /side$/.test(tokens[hit.last - 1]!.lower)) k = -1;
        else while (k < s.last && MODIFIERS.has(tokens[k]!.lower)) k++;
        if (k === -1 || (k < s.last && RELATIVE.has(tokens[k]!.lower.replace(/'s$/, '')))) {
          let j = i - 1;
          while (j >= s.first && ![';', ',', ':', '.'].includes(tokens[j]!.text) && !PATIENT.has(tokens[j]!.lower)) j--;
          if (j + 1 < i) scopes.push({ first: j + 1, last: i });
        }
        continue;
      }
      const noun = t.lower.replace(/'s$/, '');
      if (!RELATIVE.has(noun)) continue;
      if (isSubjectRelative(doc, i, s.first, s.last)) {
        const end = clauseEnd(i + 1);
        scopes.push({ first: i, last: end });
        i = end - 1;
      }
    }
  }
  return scopes;
}

function isSubjectRelative(doc: TokenisedText, i: number, sentenceFirst: number, sentenceLast: number): boolean {
  const { tokens } = doc;
  // "my son has fits", "our daughter is floppy": a parent describing the patient.
  const before = tokens[i - 1]?.lower;
  if ((before === 'my' || before === 'our') && /^(son|daughter|twin)$/.test(tokens[i]!.lower)) return false;
  // "a sibling with ASD", "an uncle who had seizures": the relative carries what follows.
  const after = tokens[i + 1]?.lower;
  if (after === 'with' || after === 'who') return true;
  // "lives with mum", "born to non-consanguineous parents": a relative as the object of a
  // preposition a few words back is not the subject of anything.
  for (let p = i - 1; p >= Math.max(sentenceFirst, i - 4); p--) {
    if (OBJECT_MARKERS.has(tokens[p]!.lower)) return false;
    if (!tokens[p]!.word && tokens[p]!.text !== '-') break;
  }
  // "mother's pregnancy", "mother reports": look at the next two words, past "also" and "'s".
  for (let n = i + 1, seen = 0; n < sentenceLast && seen < 2; n++) {
    const w = tokens[n]!.lower;
    if (w === 'also' || w === 'and' || w === 'both' || w === 'has' || w === 'is' || w === 'are' || w === 'was' || w === 'were' || w === 'have') {
      if (REPORTING.has(w)) return false;
      seen++;
      continue;
    }
    if (REPORTING.has(w)) return false;
    if (RELATIVE.has(w.replace(/'s$/, ''))) continue;
    break;
  }
  return true;
}

/** True when the span [first, last) starts inside a family scope. */
export function inFamilyScope(scopes: readonly FamilyScope[], first: number): boolean {
  return scopes.some((s) => s.first <= first && first < s.last);
}
