import type { AgentReport } from '../../core/genes/ranking/agent-report.js';
import type { CliIO } from '../io.js';

/** The agents' account of a ranking, for the terminal: solvability, bias, cost, problems. */
export function printAgentReport(io: CliIO, a: AgentReport): void {
  io.out(`\nAgents (${a.method}, ${a.agent}${a.model ? ` ${a.provider}/${a.model}` : ''}): ${a.poolSize} genes, ${a.usage.calls} calls (planned ${a.plannedCalls}${a.usage.cachedCalls ? `, ${a.usage.cachedCalls} from cache` : ''}${a.usage.retries ? `, ${a.usage.retries} retries` : ''}), ${Math.round(a.wallMs)} ms`);
  if (a.usage.promptTokens || a.usage.completionTokens) {
    io.out(`  tokens: ${a.usage.promptTokens} prompt + ${a.usage.completionTokens} completion; cost ${a.usage.costUsd === null ? 'unknown (no prices configured for this provider)' : `$${a.usage.costUsd.toFixed(4)}`}`);
  }
  io.out(`  solvability: ${a.solvability.label.toUpperCase()} — ${a.solvability.reasons.join(' ')}`);
  const tau = a.bias.orderKendallTau;
  const pop = a.bias.popularityCorrelation;
  io.out(`  bias: input-order Kendall tau ${tau === null ? 'n/a (one run)' : tau.toFixed(2)}; rank vs annotation count (Spearman) ${pop === null ? 'n/a' : pop.toFixed(2)}`);
  const unsupported = a.claims.filter((c) => c.status !== 'supported');
  if (a.claims.length) io.out(`  verifier: ${a.claims.length - unsupported.length} of ${a.claims.length} claims supported by the knowledge base`);
  for (const c of unsupported.slice(0, 10)) io.out(`    ✗ ${c.note}`);
  for (const n of a.notes.slice(0, 10)) io.out(`  note: ${n}`);
  if (a.payloads.length) io.out(`  ${a.payloads.length} request(s) sent to ${a.provider}; --json shows each payload exactly as sent.`);
}
