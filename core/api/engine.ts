/**
 * The rank engine behind the UI: the local rankers (knowledge, resnik and the ONNX agents), each
 * loaded once, ranking in this process with the shared knowledge base. The LLM rankers are built
 * per analysis instead (agent-jobs.ts), with the provider and model the user chose.
 */
import { ALL_RANKERS, loadRanker } from '../agents/rankers.js';
import type { KnowledgeBase } from '../genes/kb/knowledge-base.js';
import { InlineEngine } from '../store/engine.js';

/** Names a clinician reads in the ranker choice; a ranker without one shows its own name. */
export const RANKER_LABELS: Record<string, { label: string; description: string }> = {
  knowledge: {
    label: 'Knowledge (ontology-based)',
    description:
      'Scores every gene by how well its diseases explain the findings, using the ontology and annotation frequencies. The deterministic baseline.',
  },
  resnik: {
    label: 'Resnik similarity (reference)',
    description: 'Classic best-match semantic similarity; a reference method for comparison.',
  },
  onnx: {
    label: 'ONNX agent (local model)',
    description:
      "A small local model re-orders the knowledge ranker's best genes; nothing leaves this computer.",
  },
  'onnx-dc': {
    label: 'ONNX agents, divide and conquer',
    description:
      'Local-model agents rank the candidate genes in chunks, then a tournament merges them; nothing leaves this computer.',
  },
  llm: {
    label: 'LLM agents, divide and conquer',
    description:
      'A language model ranks the candidate genes in small chunks over several shuffled runs, fused with the knowledge ranking. Choose the provider; you see what would be sent before anything leaves this computer.',
  },
  hybrid: {
    label: 'Hybrid: local agents, then the LLM when unsure',
    description:
      'The local ONNX agents rank first; only when they are not confident do the LLM agents re-rank their top genes (nothing is sent otherwise).',
  },
};

/** Rankers that call an LLM provider, so they need a provider and run only as jobs. */
export const PROVIDER_RANKERS: readonly string[] = ['llm', 'hybrid'];
/** Rankers whose agents report calls done and planned while they run. */
export const AGENT_RANKERS: readonly string[] = ['onnx-dc', ...PROVIDER_RANKERS];

export const ALL_RANKER_NAMES: readonly string[] = ALL_RANKERS;

/** Rankers the UI offers: those with a label above. */
export const UI_RANKERS: readonly string[] = ALL_RANKER_NAMES.filter((n) => n in RANKER_LABELS);
/** Rankers the one-call runAnalysis operation runs (no provider, no progress needed). */
export const LOCAL_RANKERS: readonly string[] = UI_RANKERS.filter(
  (n) => !PROVIDER_RANKERS.includes(n),
);

/** The app's engine: every ranker, the agents included, each loaded once. */
export class ApiEngine extends InlineEngine {
  constructor(kb: KnowledgeBase) {
    super(kb, (name, k) => loadRanker(name, k));
  }
}
