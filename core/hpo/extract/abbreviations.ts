import type { Token } from './text-units.js';
import { foldWord } from './word-forms.js';

/**
 * Abbreviations common in genetics and paediatric clinics, matched only as written (case
 * sensitive, "VSDs" as well as "VSD") so "id", "cp" or "as" in ordinary prose never match.
 * Ambiguous ones list their senses with cue words; the sense whose cues occur most often near
 * the abbreviation (same sentence first, then the neighbouring sentences, then the whole text)
 * wins. Each sense names the term's label, so a test can check it against the installed
 * release.
 */

export interface AbbreviationSense {
  id: string;
  name: string;
  /** Folded words or abbreviations (as written) that point to this sense. */
  cues?: string[];
}

export interface Abbreviation {
  forms: string[];
  senses: AbbreviationSense[];
  /** With no cue for any sense: use the first sense (at lower confidence), or drop it. */
  needsCue?: boolean;
}

const CARDIAC = ['heart', 'cardiac', 'echo', 'echocardiogram', 'echocardiography', 'murmur', 'septal', 'septum', 'secundum', 'primum', 'shunt', 'cardiology', 'cardiologist', 'closure', 'device', 'atrial', 'ventricular', 'VSD', 'PDA', 'PFO', 'ToF', 'TOF', 'CHD', 'AVSD', 'CoA', 'valve', 'aortic', 'pulmonary', 'ECG', 'cyanosis', 'surgery', 'repair', 'repaired'];
const NEURODEVELOPMENT = ['autism', 'autistic', 'behaviour', 'behavior', 'behavioural', 'behavioral', 'social', 'communication', 'ADOS', 'spectrum', 'traits', 'stimming', 'eye', 'contact', 'ADHD', 'ID', 'GDD', 'DD', 'developmental', 'development', 'delay', 'speech', 'language', 'sensory', 'repetitive', 'diagnosis', 'diagnosed', 'camhs', 'CAMHS', 'paediatrician', 'pediatrician', 'psychologist', 'school', 'seizures', 'epilepsy', 'learning', 'OCD', 'anxiety', 'tantrums', 'routine', 'routines', 'nonverbal', 'verbal'];

const one = (id: string, name: string, ...forms: string[]): Abbreviation => ({ forms, senses: [{ id, name }] });

export const ABBREVIATIONS: readonly Abbreviation[] = [
  one('HP:0001249', 'Intellectual disability', 'ID'),
  one('HP:0001263', 'Global developmental delay', 'GDD', 'DD'),
  {
    forms: ['ASD'],
    senses: [
      { id: 'HP:0000729', name: 'Autistic behavior', cues: NEURODEVELOPMENT },
      { id: 'HP:0001631', name: 'Atrial septal defect', cues: CARDIAC },
    ],
  },
  one('HP:0001629', 'Ventricular septal defect', 'VSD'),
  one('HP:0001643', 'Patent ductus arteriosus', 'PDA'),
  one('HP:0001655', 'Patent foramen ovale', 'PFO'),
  one('HP:0001508', 'Failure to thrive', 'FTT'),
  one('HP:0001511', 'Intrauterine growth retardation', 'IUGR', 'FGR'),
  one('HP:0001518', 'Small for gestational age', 'SGA'),
  one('HP:0001520', 'Large for gestational age', 'LGA'),
  one('HP:0001627', 'Abnormal heart morphology', 'CHD'),
  {
    forms: ['ToF', 'TOF'],
    senses: [
      { id: 'HP:0001636', name: 'Tetralogy of Fallot', cues: CARDIAC },
      { id: 'HP:0002575', name: 'Tracheoesophageal fistula', cues: ['OA', 'EA', 'atresia', 'esophageal', 'fistula', 'tracheo', 'tracheoesophageal', 'nasogastric', 'feeding', 'VACTERL', 'anastomosis'] },
    ],
  },
  one('HP:0002575', 'Tracheoesophageal fistula', 'TEF'),
  { forms: ['OA', 'EA'], senses: [{ id: 'HP:0002032', name: 'Esophageal atresia', cues: ['TOF', 'ToF', 'TEF', 'fistula', 'esophageal', 'atresia', 'neonatal', 'nasogastric', 'VACTERL', 'anastomosis', 'repair'] }], needsCue: true },
  one('HP:0007018', 'Attention deficit hyperactivity disorder', 'ADHD', 'ADD'),
  one('HP:0000722', 'Compulsive behaviors', 'OCD'),
  one('HP:0000365', 'Hearing impairment', 'HL', 'HI'),
  one('HP:0000407', 'Sensorineural hearing impairment', 'SNHL', 'SNHI', 'SNSHL'),
  one('HP:0000405', 'Conductive hearing impairment', 'CHL'),
  one('HP:0100021', 'Cerebral palsy', 'CP'),
  one('HP:0002020', 'Gastroesophageal reflux', 'GERD', 'GORD', 'GOR', 'GER'),
  one('HP:0000076', 'Vesicoureteral reflux', 'VUR'),
  one('HP:0001385', 'Hip dysplasia', 'DDH'),
  one('HP:0000776', 'Congenital diaphragmatic hernia', 'CDH'),
  one('HP:0001274', 'Agenesis of corpus callosum', 'ACC'),
  one('HP:0002126', 'Polymicrogyria', 'PMG'),
  one('HP:0001305', 'Dandy-Walker malformation', 'DWM'),
  one('HP:0006695', 'Atrioventricular canal defect', 'AVSD'),
  one('HP:0004383', 'Hypoplastic left ventricle', 'HLHS'),
  one('HP:0001680', 'Coarctation of aorta', 'CoA'),
  { forms: ['PS'], senses: [{ id: 'HP:0001642', name: 'Pulmonic stenosis', cues: CARDIAC }], needsCue: true },
  one('HP:0002870', 'Obstructive sleep apnea', 'OSA'),
  one('HP:0001250', 'Seizure', 'Sz', 'SZ', 'sz', 'Szs', 'szs'),
  one('HP:0100651', 'Type I diabetes mellitus', 'T1DM', 'IDDM'),
  one('HP:0005978', 'Type II diabetes mellitus', 'T2DM'),
  one('HP:0000822', 'Hypertension', 'HTN'),
  one('HP:0000010', 'Recurrent urinary tract infections', 'UTIs'),
  one('HP:0002625', 'Deep venous thrombosis', 'DVT'),
  one('HP:0001716', 'Wolff-Parkinson-White syndrome', 'WPW'),
  one('HP:0001712', 'Left ventricular hypertrophy', 'LVH'),
  one('HP:0001657', 'Prolonged QT interval', 'LQTS'),
  one('HP:0002119', 'Ventriculomegaly', 'VM'),
];

/**
 * HPO's own one-word abbreviation synonyms that clash with everyday clinical shorthand and are
 * therefore never matched: LFT (liver function tests, not filum terminale lipoma), RA (right
 * atrium), BPD (bronchopulmonary dysplasia in neonatal notes), BO, RAD, CSU, DDN, LDD, CVI,
 * AOP, S3/S4 and the like.
 */
export const ABBREVIATION_DENY = new Set(['LFT', 'RA', 'BPD', 'BO', 'RAD', 'CSU', 'DDN', 'LDD', 'CVI', 'AOP', 'S3', 'S4', 'MI', 'CIU', 'OME', 'SUA', 'EUPD', 'RBD', 'TMD', 'CyN', 'UPD', 'GGO', 'AEA', 'VMA', 'VMT', 'DNT', 'MEMA']);

export interface AbbreviationHit {
  id: string;
  confidence: number;
}

/** Resolves an ambiguous abbreviation at token i from the cue words around it. */
export function resolveSense(abbr: Abbreviation, tokens: readonly Token[], i: number, sentenceOf: (n: number) => [number, number]): AbbreviationHit | undefined {
  if (abbr.senses.length === 1 && !abbr.needsCue) return { id: abbr.senses[0]!.id, confidence: 0.9 };
  const sentence = tokens[i]!.sentence;
  const windows: [number, number][] = [sentenceOf(sentence), [sentenceOf(sentence - 1)[0], sentenceOf(sentence + 1)[1]], [0, tokens.length]];
  for (const [w, [from, to]] of windows.entries()) {
    const counts = abbr.senses.map((s) => countCues(s.cues ?? [], tokens, from, to, i));
    const best = Math.max(...counts);
    if (best === 0) continue;
    const winners = counts.filter((c) => c === best).length;
    if (winners > 1) continue;
    return { id: abbr.senses[counts.indexOf(best)]!.id, confidence: w === 0 ? 0.85 : 0.75 };
  }
  return abbr.needsCue ? undefined : { id: abbr.senses[0]!.id, confidence: 0.5 };
}

const cueSets = new WeakMap<string[], { folded: Set<string>; exact: Set<string> }>();

function countCues(cues: string[], tokens: readonly Token[], from: number, to: number, self: number): number {
  let sets = cueSets.get(cues);
  if (!sets) {
    sets = { folded: new Set(cues.filter((c) => c === c.toLowerCase()).map(foldWord)), exact: new Set(cues.filter((c) => c !== c.toLowerCase())) };
    cueSets.set(cues, sets);
  }
  let n = 0;
  for (let j = Math.max(0, from); j < Math.min(tokens.length, to); j++) {
    if (j === self || !tokens[j]!.word) continue;
    const t = tokens[j]!;
    if (sets.exact.has(t.text) || sets.exact.has(t.text.replace(/s$/, '')) || sets.folded.has(foldWord(t.lower))) n++;
  }
  return n;
}
