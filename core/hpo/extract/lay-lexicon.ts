/**
 * Lay and clinic wording that the HPO release does not list as a synonym but that clinicians
 * and parents use all the time ("fits", "floppy", "late walker", "eyes far apart"). Each phrase
 * names the term it means and that term's label, so a test can check every id against the
 * installed release and catch a typo or a term that was renamed or made obsolete. Entries are
 * general clinical usage, not tuned to any set of notes.
 */

export interface LexiconEntry {
  phrase: string;
  id: string;
  /** The term's label in the release this table was checked against (HPO 2026-02-16). */
  name: string;
}

const e = (id: string, name: string, ...phrases: string[]): LexiconEntry[] => phrases.map((phrase) => ({ phrase, id, name }));

export const LAY_LEXICON: readonly LexiconEntry[] = [
  ...e('HP:0001250', 'Seizure', 'fits', 'fit', 'fitting', 'convulsions', 'convulsion', 'seizure episodes', 'seizure activity', 'epileptic fits'),
  ...e('HP:0002373', 'Febrile seizure (within the age range of 3 months to 6 years)', 'febrile fits', 'fever fits', 'fits with fevers', 'fits with fever', 'febrile seizures'),
  ...e('HP:0002121', 'Generalized non-motor (absence) seizure', 'staring spells', 'absence episodes', 'absence spells'),
  ...e('HP:0001252', 'Hypotonia', 'floppy', 'floppiness', 'hypotonic', 'low tone', 'reduced tone', 'decreased tone', 'poor tone', 'hypotonus', 'poor muscle tone', 'reduced muscle tone', 'decreased muscle tone', 'generally floppy'),
  ...e('HP:0008947', 'Floppy infant', 'floppy baby', 'floppy as a baby', 'floppy as a newborn', 'floppy neonate', 'floppy at birth'),
  ...e('HP:0000316', 'Hypertelorism', 'eyes far apart', 'eyes set far apart', 'far apart eyes', 'eyes wide apart', 'eyes set wide apart'),
  ...e('HP:0002317', 'Unsteady gait', 'wobbly', 'wobbly when walking', 'wobbly walking', 'wobbly gait', 'unsteady on his feet', 'unsteady on her feet', 'unsteady walking', 'unsteady when walking', 'falls a lot', 'falls over a lot', 'frequent falls'),
  ...e('HP:0001251', 'Ataxia', 'ataxic', 'incoordination', 'uncoordinated'),
  ...e('HP:0031936', 'Delayed ability to walk', 'late walker', 'walked late', 'late to walk', 'late walking', 'not yet walking', 'not walking yet', 'still not walking', 'not walking', 'not yet walking independently', 'slow to walk'),
  ...e('HP:0025336', 'Delayed ability to sit', 'late sitter', 'sat late', 'late to sit', 'delayed sitting', 'not yet sitting', 'not sitting', 'slow to sit'),
  ...e('HP:0000750', 'Delayed speech and language development', 'late talker', 'late to talk', 'talked late', 'slow to talk', 'language delay', 'speech and language delay', 'delayed talking', 'few words', 'limited speech', 'limited words', 'not yet talking', 'not talking yet', 'behind with his speech', 'behind with her speech', 'speech is behind'),
  ...e('HP:0001344', 'Absent speech', 'non-verbal', 'nonverbal', 'no words', 'no speech', 'not talking', 'no spoken words', 'has no words'),
  ...e('HP:0001263', 'Global developmental delay', 'behind with milestones', 'behind on milestones', 'behind with his milestones', 'behind with her milestones', 'slow development', 'developmentally delayed', 'globally delayed', 'development is delayed', 'delayed in all areas'),
  ...e('HP:0001270', 'Motor delay', 'slow motor development', 'motor milestones delayed', 'delayed motor skills'),
  ...e('HP:0002376', 'Developmental regression', 'lost skills', 'loss of skills', 'losing skills', 'lost words', 'lost his words', 'lost her words', 'regression', 'regressed', 'lost milestones'),
  ...e('HP:0011968', 'Feeding difficulties', 'poor feeder', 'difficulty feeding', 'difficult to feed', 'feeding issues', 'tube fed', 'tube feeding', 'tube feeds', 'ng fed', 'ng tube fed', 'ng tube feeds', 'nasogastric feeds', 'gastrostomy fed', 'peg fed', 'fed via gastrostomy', 'struggled to feed', 'struggles to feed'),
  ...e('HP:0001508', 'Failure to thrive', 'not gaining weight', 'slow weight gain', 'faltering growth', 'growth faltering', 'not thriving'),
  ...e('HP:0004322', 'Short stature', 'short for age', 'short for his age', 'short for her age', 'small for age', 'small for his age', 'small for her age', 'very short'),
  ...e('HP:0000098', 'Tall stature', 'tall', 'tall for age', 'tall for his age', 'tall for her age', 'very tall'),
  ...e('HP:0001513', 'Obesity', 'obese'),
  ...e('HP:0001382', 'Joint hypermobility', 'bendy joints', 'hypermobile joints', 'hypermobile', 'very flexible joints', 'loose joints'),
  ...e('HP:0000974', 'Hyperextensible skin', 'stretchy skin', 'skin is stretchy', 'very stretchy skin'),
  ...e('HP:0010442', 'Polydactyly', 'extra finger', 'extra fingers', 'extra digit', 'extra digits', 'extra toe', 'extra toes'),
  ...e('HP:0000508', 'Ptosis', 'droopy eyelid', 'droopy eyelids', 'droopy eyes', 'drooping eyelids', 'droopy lids'),
  ...e('HP:0002027', 'Abdominal pain', 'tummy pain', 'tummy ache', 'tummy aches', 'belly pain', 'sore tummy'),
  ...e('HP:0000545', 'Myopia', 'short-sighted', 'short sighted', 'shortsighted'),
  ...e('HP:0000540', 'Hypermetropia', 'long sighted', 'longsighted'),
  ...e('HP:0000505', 'Visual impairment', "can't see well", 'cannot see well', 'partially sighted', 'reduced vision', 'sight problems'),
  ...e('HP:0002360', 'Sleep disturbance', 'poor sleep', 'sleeps poorly', 'sleep problems', 'sleep difficulties', 'poor sleeper', 'wakes at night', 'wakes frequently at night', 'does not sleep'),
  ...e('HP:0030051', 'Tip-toe gait', 'walks on tiptoes', 'walks on his toes', 'walks on her toes', 'walks on tiptoe', 'tiptoe walking', 'tip-toe walking'),
  ...e('HP:0100023', 'Recurrent hand flapping', 'hand flapping', 'flaps his hands', 'flaps her hands', 'flapping'),
  ...e('HP:0000411', 'Protruding ear', 'sticking out ears', 'ears stick out', 'bat ears', 'sticky-out ears'),
  ...e('HP:0001999', 'Abnormal facial shape', 'dysmorphic features', 'dysmorphic', 'unusual facial features', 'facial features are unusual', 'distinctive facial features', 'dysmorphic facial appearance', 'dysmorphology'),
  ...e('HP:0002650', 'Scoliosis', 'curved spine', 'curve in the spine', 'curvature of the spine', 'spinal curvature', 'sideways curve of the spine'),
  ...e('HP:0025161', 'Frequent temper tantrums', 'tantrums', 'temper tantrums', 'meltdowns', 'frequent meltdowns'),
  ...e('HP:0100716', 'Self-injurious behavior', 'bites himself', 'bites herself', 'hits himself', 'hits herself'),
  ...e('HP:0000365', 'Hearing impairment', 'hard of hearing', "can't hear well", 'cannot hear well', 'hearing problems', 'poor hearing', 'reduced hearing', 'hearing aids', 'wears hearing aids', 'hearing difficulties', 'deaf'),
  ...e('HP:0002014', 'Diarrhea', 'loose stools', 'runny poos', 'loose poos'),
  ...e('HP:0002020', 'Gastroesophageal reflux', 'reflux', 'reflux disease', 'silent reflux', 'posseting'),
  ...e('HP:0001337', 'Tremor', 'shaky hands'),
  ...e('HP:0000752', 'Hyperactivity', 'hyperactive', 'always on the go', 'cannot sit still', "can't sit still"),
  ...e('HP:0000736', 'Short attention span', 'poor concentration', 'poor attention', 'short attention'),
  ...e('HP:0001671', 'Abnormal cardiac septum morphology', 'hole in the heart', 'hole in his heart', 'hole in her heart'),
  ...e('HP:0001627', 'Abnormal heart morphology', 'heart defect', 'heart defects', 'structural heart disease', 'congenital heart disease', 'heart problem'),
  ...e('HP:0001943', 'Hypoglycemia', 'hypos', 'low sugars', 'low blood sugars', 'low blood glucose', 'low glucose'),
  ...e('HP:0001622', 'Premature birth', 'born preterm', 'born prematurely', 'born premature', 'preterm', 'premature', 'prematurity', 'ex-preterm', 'ex-prem'),
  ...e('HP:0001276', 'Hypertonia', 'increased tone', 'high tone', 'stiff limbs'),
  ...e('HP:0030842', 'Choking episodes', 'chokes', 'choking', 'chokes on food', 'chokes when eating'),
  ...e('HP:0002540', 'Inability to walk', 'cannot walk', "can't walk", 'unable to walk', 'not able to walk', 'wheelchair user'),
  ...e('HP:0000639', 'Nystagmus', 'eyes wobble', 'wobbly eyes', 'wobbling eyes', 'eyes flicker', 'flickering eyes', 'dancing eyes'),
  ...e('HP:0000668', 'Hypodontia', 'missing teeth', 'teeth missing', 'few teeth'),
  ...e('HP:0002094', 'Dyspnea', 'out of breath', 'breathless', 'breathlessness', 'short of breath', 'breathing difficulties', 'difficulty breathing', 'struggles to breathe'),
  ...e('HP:0000739', 'Anxiety', 'anxious', 'worries a lot'),
  ...e('HP:0010535', 'Sleep apnea', 'stops breathing in his sleep', 'stops breathing in her sleep', 'stops breathing at night', 'pauses in breathing at night'),
  ...e('HP:0000504', 'Abnormality of vision', 'visual disturbance', 'visual disturbances', 'vision problems', 'problems with vision'),
  ...e('HP:0000012', 'Urinary urgency', 'bladder urgency'),
  ...e('HP:6000950', 'Breath-holding spell', 'breath holding', 'breath-holding', 'breath holding spells', 'breath-holding episodes', 'breath holding attacks'),
  ...e('HP:0002376', 'Developmental regression', 'loss of previously acquired skills', 'loss of acquired skills', 'lost previously acquired skills'),
  ...e('HP:0010819', 'Atonic seizure', 'drop seizures'),
  ...e('HP:0001336', 'Myoclonus', 'myoclonic jerks', 'jerks', 'jerky movements'),
  ...e('HP:0000718', 'Aggressive behavior', 'aggressive', 'hits other children', 'lashes out'),
  ...e('HP:0000729', 'Autistic behavior', 'autistic traits', 'autistic features', 'autism traits', 'autistic spectrum disorder', 'on the autistic spectrum', 'on the autism spectrum', 'autistic spectrum'),
  ...e('HP:0001249', 'Intellectual disability', 'learning disability', 'learning disabilities', 'intellectual impairment', 'cognitive impairment'),
  ...e('HP:0002307', 'Drooling', 'dribbles', 'dribbles a lot'),
  ...e('HP:0000252', 'Microcephaly', 'head is small', 'small head size', 'small head circumference'),
  ...e('HP:0000256', 'Macrocephaly', 'head is large', 'large head size', 'big head'),
  ...e('HP:0002019', 'Constipation', 'constipated'),
  ...e('HP:0012469', 'Infantile spasms', 'salaam attacks', 'jackknife spasms'),
  ...e('HP:0000486', 'Strabismus', 'squints', 'turn in the eye', 'turned eye'),
  ...e('HP:0001159', 'Syndactyly', 'webbed fingers', 'webbed toes', 'joined fingers', 'joined toes', 'fused fingers', 'fused toes'),
  ...e('HP:0000028', 'Cryptorchidism', 'undescended testicle', 'undescended testicles', 'undescended teste'),
  ...e('HP:0001762', 'Talipes equinovarus', 'club feet'),
  ...e('HP:0000369', 'Low-set ears', 'ears set low', 'ears are set low', 'low ears'),
];
