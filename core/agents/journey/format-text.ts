/**
 * A journey as plain text a clinician can follow: observations, hypotheses, the evidence for
 * and against each, what reflection changed, the conclusion and what to examine next.
 */
import type { Journey, Step, StepOf } from './schema.js';

const pct = (p: number): string => `${(p * 100).toFixed(p < 0.1 ? 1 : 0)}%`;

export interface FormatOptions {
  /** Tested hypotheses shown in full (the rest are summarised). */
  detailed?: number;
}

export function formatJourney(j: Journey, options: FormatOptions = {}): string {
  const detailed = options.detailed ?? 5;
  const lines: string[] = [];
  const steps = <K extends Step['kind']>(kind: K) => j.steps.filter((s): s is StepOf<K> => s.kind === kind);
  const obs = steps('observations')[0];
  if (obs) {
    lines.push('1. Observations', `   ${obs.summary}`);
    for (const s of obs.systems) lines.push(`   ${s.name}: ${s.findings.map((f) => `${f.name} (IC ${f.ic.toFixed(1)})`).join(', ')}`);
    if (obs.pertinentNegatives.length) lines.push(`   Absent: ${obs.pertinentNegatives.map((t) => t.name).join(', ')}`);
  }
  const hyp = steps('hypotheses')[0];
  if (hyp) {
    lines.push('', '2. Hypotheses', `   ${hyp.summary}`);
    hyp.candidates.slice(0, 10).forEach((c) => lines.push(`   ${String(c.initialRank).padStart(3)}. ${c.name} (${c.diseaseId}${c.genes.length ? `; ${c.genes.join(', ')}` : ''})`));
    if (hyp.candidates.length > 10) lines.push(`        … and ${hyp.candidates.length - 10} more`);
  }
  const leading = new Set(j.differential.slice(0, detailed).map((d) => d.diseaseId));
  const tests = steps('test').filter((t) => leading.has(t.diseaseId));
  if (tests.length) {
    lines.push('', '3. Testing the leading hypotheses');
    for (const t of tests) {
      lines.push(`   ${t.name} (${t.diseaseId}): score ${t.scoreBefore.toFixed(1)} → ${t.scoreAfter.toFixed(1)}`);
      for (const e of t.evidenceFor.slice(0, 6)) lines.push(`     + ${e.text}`);
      if (t.evidenceFor.length > 6) lines.push(`     + … ${t.evidenceFor.length - 6} more matched findings`);
      for (const e of t.evidenceAgainst.slice(0, 4)) lines.push(`     − ${e.text}${e.weight < 0 ? ` [${e.weight.toFixed(1)}]` : e.kind === 'excluded-finding' || e.kind === 'absent-hallmark' ? ' [shown, not scored]' : ''}`);
      if (t.evidenceAgainst.length > 4) lines.push(`     − … ${t.evidenceAgainst.length - 4} more`);
      if (t.unexplained.length) lines.push(`     ? not explained: ${t.unexplained.map((u) => u.name).join(', ')}`);
    }
  }
  const refl = steps('reflection');
  if (refl.length) {
    lines.push('', '4. Reflection and backtracking');
    for (const r of refl) {
      lines.push(`   Round ${r.round}: ${r.summary}`);
      for (const c of r.changes.slice(0, 8)) {
        const move = c.action === 'added' ? 'added' : c.action === 'dropped' ? `dropped (was ${c.from})` : `${c.action} ${c.from} → ${c.to}`;
        lines.push(`     ${c.name}: ${move}: ${c.reason}`);
      }
      if (r.dualDiagnosis) lines.push(`     Dual diagnosis? ${r.dualDiagnosis.reason}`);
    }
  }
  const concl = steps('conclusion')[0];
  lines.push('', '5. Conclusion');
  if (concl) lines.push(`   ${concl.text}`);
  j.differential.forEach((d, i) => lines.push(`   ${String(i + 1).padStart(2)}. ${pct(d.probability).padStart(5)}  ${d.name} (${d.diseaseId}${d.genes.length ? `; ${d.genes.join(', ')}` : ''})`));
  lines.push('', '6. Next steps');
  if (j.nextSteps.phenotypes.length) {
    lines.push('   Examine for:');
    for (const p of j.nextSteps.phenotypes) lines.push(`     ${p.name} (${p.id}): expected gain ${p.expectedGain.toFixed(2)} bits${p.ifPresent.length ? `; if present favours ${p.ifPresent.join(', ')}` : ''}`);
  }
  const genes = j.nextSteps.genes.slice(0, 10);
  if (genes.length) lines.push(`   Genes to test: ${genes.map((g) => `${g.symbol} (${pct(g.probability)})`).join(', ')}`);
  lines.push('', `Engine ${j.engine} v${j.engineVersion}, budget ${j.budget}: ${j.work.tested} hypotheses tested, ${j.work.rounds} reflection round${j.work.rounds === 1 ? '' : 's'}. HPO ${j.versions.hpo ?? '?'}, annotations ${j.versions.hpoAnnotations ?? '?'}.`);
  return lines.join('\n');
}
