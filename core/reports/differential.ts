/**
 * A stored journey (the journey-style differential diagnosis) as a report shows it: entries with
 * their probability and evidence as sentences, the conclusion, what reflection changed and the
 * next steps. Plain data, so a report can be re-rendered without the knowledge base.
 */
import type { Journey } from '../agents/journey/schema.js';
import type { ReportDifferential } from './types.js';

/** Evidence sentences per entry: enough to judge it, not the whole journey. */
const MAX_EVIDENCE = 6;

export function reportDifferential(j: Journey): ReportDifferential {
  const conclusion = j.steps.find((s) => s.kind === 'conclusion');
  const reflection: string[] = [];
  for (const s of j.steps) {
    if (s.kind !== 'reflection') continue;
    for (const c of s.changes) {
      if (c.action === 'dropped' || c.action === 'demoted' || c.action === 'promoted') {
        reflection.push(`${c.name}: ${c.action}${c.to !== undefined ? ` from ${c.from} to ${c.to}` : ''}, ${c.reason}`);
      }
    }
    if (s.dualDiagnosis) reflection.push(`Possible dual diagnosis: ${s.dualDiagnosis.reason}`);
  }
  const nextSteps = [
    ...j.nextSteps.phenotypes.map((p) => `Examine for ${p.name} (${p.id})${p.ifPresent.length ? `: if present, favours ${p.ifPresent.join(', ')}` : ''}`),
    ...(j.nextSteps.genes.length ? [`Genes to test: ${j.nextSteps.genes.slice(0, 10).map((g) => g.symbol).join(', ')}`] : []),
  ];
  return {
    entries: j.differential.map((e) => ({
      diseaseId: e.diseaseId,
      name: e.name,
      probability: e.probability,
      evidenceFor: e.evidenceFor.slice(0, MAX_EVIDENCE).map((x) => x.text + (x.supported === false ? ' (not supported by the knowledge base)' : '')),
      evidenceAgainst: e.evidenceAgainst.slice(0, MAX_EVIDENCE).map((x) => x.text + (x.supported === false ? ' (not supported by the knowledge base)' : '')),
    })),
    conclusion: conclusion?.kind === 'conclusion' ? conclusion.text : 'No conclusion was recorded.',
    confidence: j.confidence,
    source: `${j.engine} engine v${j.engineVersion}, ${j.budget} budget`,
    ...(reflection.length ? { reflection: reflection.slice(0, 12) } : {}),
    ...(nextSteps.length ? { nextSteps } : {}),
  };
}
