// Do the journey's suggested next steps help? Per case: hide half of the observed findings (and
// half of the excluded ones) with a seeded shuffle, run the differential, then "ask" the full
// case about the three suggested phenotypes and rerun; compare with revealing three random
// hidden findings instead. Answers: present when the case records the phenotype or a more
// specific one; absent when the case excludes it or a more general one; otherwise unknown, and
// an unknown answer adds nothing (the question stays open, as it would in clinic). A present
// answer is added two ways, both reported: as the term asked ("yes"), and as the case's most
// specific hidden finding under it ("yes: focal motor seizures"), one finding per question, as a
// clinician answers and as the random reveal adds one finding per reveal.
import type { KnowledgeJourneyEngine } from '../core/agents/journey/knowledge-engine.js';
import type { KnowledgeBase } from '../core/genes/kb/knowledge-base.js';
import type { RankQuery } from '../core/genes/ranking/types.js';
import { seededRandom, shuffled } from '../core/util/random.js';
import type { CaseSource } from '../models/journey/case-source.js';
import type { DevCase } from '../models/journey/dev-cases.js';

const QUESTIONS = 3;

export async function nextStepExperiment(kb: KnowledgeBase, engine: KnowledgeJourneyEngine, cases: readonly DevCase[], seed: number, source: CaseSource): Promise<Record<string, unknown>> {
  const o = kb.hpo.ontology;
  const ic = (id: string): number => kb.hpo.ic[o.indexOf(o.get(id)!.id)!]!;
  const random = seededRandom(seed);
  let n = 0;
  let before = 0;
  let asked = 0;
  let askedSpecific = 0;
  let revealed = 0;
  const answers = { present: 0, absent: 0, unknown: 0 };
  const journeyOf = async (c: DevCase, q: RankQuery) => {
    const diseaseScores = await source.scores(c, q);
    return engine.runNow({ query: q, ...(diseaseScores ? { diseaseScores } : {}) }, { budget: 'standard' });
  };
  const top1 = async (c: DevCase, q: RankQuery): Promise<boolean> => {
    const first = (await journeyOf(c, q)).differential[0];
    return first !== undefined && c.truth.some((d) => kb.diseases[d]!.id === first.diseaseId);
  };
  for (const c of cases) {
    const observed = c.query.observed.filter((id) => o.get(id));
    if (observed.length < 2) continue;
    const excluded = (c.query.excluded ?? []).filter((id) => o.get(id));
    const obs = shuffled(observed, random);
    const exc = shuffled(excluded, random);
    const visible = obs.slice(0, Math.ceil(obs.length / 2));
    const hidden = obs.slice(visible.length);
    const base: RankQuery = { ...c.query, observed: visible, excluded: exc.slice(0, Math.ceil(exc.length / 2)) };
    let journey;
    try {
      journey = await journeyOf(c, base);
    } catch {
      continue; // every visible term was unusable (not a phenotypic abnormality)
    }
    n++;
    const first = journey.differential[0];
    if (first && c.truth.some((d) => kb.diseases[d]!.id === first.diseaseId)) before++;
    // The full case's answers.
    const closure = new Set<string>();
    for (const id of observed) for (const a of o.ancestors(id)) closure.add(a.id);
    for (const id of observed) closure.add(o.get(id)!.id);
    const excludedIds = new Set(excluded.map((id) => o.get(id)!.id));
    const askedQ: RankQuery = { ...base, observed: [...base.observed], excluded: [...(base.excluded ?? [])] };
    const specificQ: RankQuery = { ...base, observed: [...base.observed], excluded: [...(base.excluded ?? [])] };
    for (const p of journey.nextSteps.phenotypes.slice(0, QUESTIONS)) {
      if (closure.has(p.id)) {
        askedQ.observed.push(p.id);
        const under = hidden.filter((h) => o.get(h)!.id === p.id || o.ancestors(h).some((a) => a.id === p.id)).sort((a, b) => ic(b) - ic(a));
        specificQ.observed.push(under[0] ?? p.id);
        answers.present++;
      } else if (excludedIds.has(p.id) || o.ancestors(p.id).some((a) => excludedIds.has(a.id))) {
        askedQ.excluded!.push(p.id);
        specificQ.excluded!.push(p.id);
        answers.absent++;
      } else answers.unknown++;
    }
    if (await top1(c, askedQ)) asked++;
    if (await top1(c, specificQ)) askedSpecific++;
    const reveal = shuffled(hidden, random).slice(0, QUESTIONS);
    if (await top1(c, { ...base, observed: [...base.observed, ...reveal] })) revealed++;
  }
  const rate = (k: number): number => Math.round((1e4 * k) / Math.max(1, n)) / 1e4;
  const gainAsked = rate(asked) - rate(before);
  const gainRandom = rate(revealed) - rate(before);
  const gainSpecific = rate(askedSpecific) - rate(before);
  return {
    cases: n,
    top1Before: rate(before),
    top1AfterQuestions: rate(asked),
    top1AfterRandomReveal: rate(revealed),
    gainQuestions: Math.round(gainAsked * 1e4) / 1e4,
    gainRandom: Math.round(gainRandom * 1e4) / 1e4,
    ratio: gainRandom > 0 ? Math.round((gainAsked / gainRandom) * 100) / 100 : null,
    top1AfterQuestionsSpecific: rate(askedSpecific),
    gainQuestionsSpecific: Math.round(gainSpecific * 1e4) / 1e4,
    ratioSpecific: gainRandom > 0 ? Math.round((gainSpecific / gainRandom) * 100) / 100 : null,
    answers,
  };
}
