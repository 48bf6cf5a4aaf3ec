/**
 * The LLM engine: a LongMonolog-style journey (think, hypothesise, verify, backtrack) written by
 * a model over the knowledge engine's own deliberation, parsed into the same steps. The model
 * sees the patient only through the privacy view and the candidates with their knowledge-base
 * evidence. Every claim it makes is checked against the knowledge base and marked; diagnoses it
 * names that the knowledge base does not hold are shown but never enter the differential.
 *
 * Inference-time scaling: the budget sets how many independent samples are drawn (majority
 * vote over their rankings, i.e. self-consistency) and whether a reflection round asks the model
 * to review and backtrack on its own answer.
 */
import { z } from 'zod';
import type { AgentTranscript, SentPayload } from '../../genes/ranking/agent-report.js';
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import { loadPrompt } from '../prompts/prompt-files.js';
import { createLlmClient, type LlmClientOptions } from '../providers/client.js';
import { PayloadRecorder } from '../providers/payload-recorder.js';
import { structuredChat, type StructuredResult } from '../providers/structured-chat.js';
import type { ChatMessage, LlmClient, ProviderConfig } from '../providers/types.js';
import { UsageMeter, type UsageSnapshot } from '../providers/usage-meter.js';
import { casePromptHead } from '../ranker/llm-chunk-agent.js';
import { annotatedNear } from '../ranker/verifier.js';
import { aggregate } from '../ranker/rank-aggregation.js';
import { loadCalibration } from './calibration.js';
import { conclusionStep, confidenceOf } from './conclusion.js';
import type { JourneyEngine, JourneyInput, JourneyOptions } from './engine.js';
import type { Deliberation, KnowledgeJourneyEngine } from './knowledge-engine.js';
import type { Budget, Change, DifferentialEntry, EvidenceFor, Journey, Step } from './schema.js';

export const JOURNEY_PROMPT = { name: 'journey', version: 1 } as const;
export const LLM_ENGINE_VERSION = '1';

/** Samples drawn and whether the model is asked to reflect on its answer, per budget. */
export const LLM_BUDGETS: Record<Budget, { samples: number; reflect: boolean; candidates: number }> = {
  quick: { samples: 1, reflect: false, candidates: 5 },
  standard: { samples: 3, reflect: false, candidates: 10 },
  deep: { samples: 5, reflect: true, candidates: 10 },
};

/**
 * Weight of the model's vote against the calibrated knowledge probabilities. The knowledge
 * probabilities are calibrated on the dev cases; the vote is not (no model could be run on the
 * build machine), so it may move the order but only half the probability.
 */
export const LLM_VOTE_WEIGHT = 0.5;

const ReplySchema = z.object({
  monologue: z.string(),
  hypotheses: z
    .array(
      z.object({
        diseaseId: z.string(),
        verdict: z.enum(['keep', 'drop']),
        evidenceFor: z.array(z.string()).nullish(),
        evidenceAgainst: z.array(z.string()).nullish(),
        reason: z.string().nullish(),
      }),
    )
    .default([]),
  ranking: z.array(z.string()).default([]),
  confident: z.boolean().nullish(),
});
type Reply = z.infer<typeof ReplySchema>;

export interface LlmJourneySettings {
  config: ProviderConfig;
  client: Omit<LlmClientOptions, 'meter' | 'recorder'>;
  /** Top-1 probability below which the conclusion is "insufficient evidence" (default: the knowledge calibration's). */
  insufficientBelow?: number;
}

export interface LlmJourneyRecord {
  journey: Journey;
  transcripts: AgentTranscript[];
  payloads: SentPayload[];
  usage: UsageSnapshot;
  promptVersions: Record<string, string>;
}

export class LlmJourneyEngine implements JourneyEngine {
  readonly name = 'llm' as const;
  readonly version = LLM_ENGINE_VERSION;
  private readonly prompt = loadPrompt(JOURNEY_PROMPT.name, JOURNEY_PROMPT.version);

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly knowledge: KnowledgeJourneyEngine,
    private readonly settings: LlmJourneySettings,
  ) {}

  get provider(): string {
    return this.settings.config.name;
  }

  get model(): string {
    return this.settings.config.model;
  }

  get promptVersions(): Record<string, string> {
    return { [this.prompt.name]: this.prompt.version };
  }

  async run(input: JourneyInput, options: JourneyOptions): Promise<Journey> {
    return (await this.runWithRecord(input, options)).journey;
  }

  async runWithRecord(input: JourneyInput, options: JourneyOptions): Promise<LlmJourneyRecord> {
    const meter = new UsageMeter();
    const recorder = new PayloadRecorder();
    const client = createLlmClient(this.settings.config, { ...this.settings.client, meter, recorder });
    const plan = LLM_BUDGETS[options.budget];
    const deliberation = this.knowledge.deliberate(await this.knowledge.withSourceScores(input, options.signal), options);
    const base = this.knowledge.conclude(deliberation, options);
    const candidates = base.differential.slice(0, plan.candidates);
    const messages: ChatMessage[] = [
      { role: 'system', content: this.prompt.text },
      { role: 'user', content: JSON.stringify(this.userMessage(deliberation, candidates)) },
    ];
    options.onProgress?.({ stage: 'reflection', done: 0, total: plan.samples });
    let done = 0;
    const samples = await Promise.all(
      Array.from({ length: plan.samples }, async (_, i) => {
        // Distinct samples need some randomness; one sample keeps the provider's temperature.
        const req = plan.samples > 1 ? { messages, temperature: Math.max(0.7, client.config.temperature), seed: i + 1 } : { messages };
        let r = await structuredChat(client, req, ReplySchema, options.signal);
        if (plan.reflect) r = await this.reflect(client, r.messages, options.signal);
        options.onProgress?.({ stage: 'reflection', done: ++done, total: plan.samples });
        return r;
      }),
    );
    const journey = this.merge(base, candidates, samples.map((s) => s.value), options.budget);
    return {
      journey,
      transcripts: samples.map((s, i) => ({ agent: `journey sample ${i + 1}`, messages: s.messages.map((m) => ({ role: m.role, content: m.content })) })),
      payloads: recorder.entries().map(({ provider, model, url, body, at }) => ({ provider, model, url, body, at })),
      usage: meter.snapshot(),
      promptVersions: this.promptVersions,
    };
  }

  /** The reflection round of the deep budget: the model reviews its own answer and may backtrack. */
  private async reflect(client: LlmClient, history: ChatMessage[], signal?: AbortSignal): Promise<StructuredResult<Reply>> {
    const messages: ChatMessage[] = [
      ...history,
      { role: 'user', content: 'Review your differential critically. Which hypothesis did you accept too quickly, which finding is unexplained, what did you overlook? Backtrack where needed and give the corrected JSON object in the same format.' },
    ];
    return structuredChat(client, { messages }, ReplySchema, signal);
  }

  private userMessage(r: Deliberation, candidates: DifferentialEntry[]): unknown {
    return {
      ...casePromptHead(this.kb, r.query),
      candidates: candidates.map((e) => ({
        diseaseId: e.diseaseId,
        name: e.name,
        genes: e.genes,
        explains: e.evidenceFor.map((f) => `${f.term.name} (${f.term.id})`),
        against: e.evidenceAgainst.map((a) => a.text),
      })),
    };
  }

  /** The knowledge journey, re-ordered by the model's vote, with its reasoning and verified claims added. */
  private merge(base: Journey, candidates: DifferentialEntry[], replies: Reply[], budget: Budget): Journey {
    const kb = this.kb;
    const shownIds = new Set(base.differential.map((e) => e.diseaseId));
    const index = new Map(base.differential.map((e, i) => [e.diseaseId, i]));
    const observed = new Set(base.steps.flatMap((s) => (s.kind === 'observations' ? s.systems.flatMap((c) => c.findings.map((f) => f.id)) : [])));
    const warnings = [...base.warnings];
    const changes: Change[] = [];
    const newHypotheses = new Map<string, { supported: boolean; name: string; genes: string[] }>();
    const orders: number[][] = [];
    const llmFor = new Map<string, EvidenceFor[]>();

    for (const reply of replies) {
      const ids = reply.ranking.map((id) => id.trim().toUpperCase());
      for (const id of ids) {
        if (shownIds.has(id) || newHypotheses.has(id)) continue;
        const d = kb.disease(id);
        newHypotheses.set(id, d ? { supported: true, name: d.name, genes: d.genes } : { supported: false, name: id, genes: [] });
      }
      // The vote covers the differential: diseases the model dropped or did not rank go last, in the knowledge order.
      const ranked = ids.filter((id) => index.has(id)).map((id) => index.get(id)!);
      const uniq = [...new Set(ranked)];
      orders.push([...uniq, ...base.differential.map((_, i) => i).filter((i) => !uniq.includes(i))]);
      for (const h of reply.hypotheses) {
        const id = h.diseaseId.trim().toUpperCase();
        const disease = kb.disease(id);
        if (h.verdict === 'drop' && index.has(id)) changes.push({ diseaseId: id, name: disease?.name ?? id, action: 'demoted', reason: `The model dropped it: ${h.reason ?? 'no reason given'}` });
        for (const raw of h.evidenceFor ?? []) {
          const term = kb.hpo.ontology.resolve(raw).term;
          const t = term ? kb.hpo.ontology.indexOf(term.id) : undefined;
          const supported = Boolean(term && t !== undefined && disease && observed.has(term.id) && annotatedNear(kb, [disease], t));
          const list = llmFor.get(id) ?? [];
          if (!list.some((e) => e.term.id === (term?.id ?? raw))) {
            list.push({ term: { id: term?.id ?? raw, name: term?.name ?? raw }, ic: term && t !== undefined ? Math.round((kb.hpo.ic[t] ?? 0) * 100) / 100 : 0, text: `Cited by the model${supported ? '' : ' — not supported: the patient does not have it, or the disease is not annotated with it'}.`, supported });
          }
          llmFor.set(id, list);
        }
      }
    }
    for (const [id, h] of newHypotheses) {
      changes.push({ diseaseId: id, name: h.name, action: 'added', reason: h.supported ? 'Proposed by the model; it is in the knowledge base but was not among the tested candidates, so it is listed, not scored.' : 'Proposed by the model, but the knowledge base has no such disease: treated as unsupported.' });
    }

    // Self-consistency: a Borda vote over the samples, fused with the calibrated probabilities.
    const votes = aggregate(orders, 'borda');
    const voteSum = [...votes.values()].reduce((a, b) => a + b, 0) || 1;
    const mass = base.differential.reduce((s, e) => s + e.probability, 0);
    const differential = base.differential
      .map((e, i) => ({ ...e, probability: round((1 - LLM_VOTE_WEIGHT) * e.probability + LLM_VOTE_WEIGHT * mass * ((votes.get(i) ?? 0) / voteSum)), evidenceFor: [...e.evidenceFor, ...(llmFor.get(e.diseaseId) ?? [])] }))
      .sort((a, b) => b.probability - a.probability);
    const before = new Map(base.differential.map((e, i) => [e.diseaseId, i + 1]));
    differential.forEach((e, i) => {
      const from = before.get(e.diseaseId)!;
      if (from !== i + 1 && !changes.some((c) => c.diseaseId === e.diseaseId)) changes.push({ diseaseId: e.diseaseId, name: e.name, action: from > i + 1 ? 'promoted' : 'demoted', from, to: i + 1, reason: 'Moved by the model\'s vote across samples.' });
    });
    const unsupported = [...newHypotheses.values()].filter((h) => !h.supported).length + [...llmFor.values()].flat().filter((e) => !e.supported).length;
    if (unsupported) warnings.push(`${unsupported} statement(s) of the model are not supported by the knowledge base; they are marked.`);

    const confidence = confidenceOf(differential[0]?.probability ?? 0, this.settings.insufficientBelow ?? loadCalibration().insufficientBelow);
    const otherProbability = round(Math.max(0, 1 - differential.reduce((s, e) => s + e.probability, 0)));
    const kept = base.steps.filter((s) => s.kind !== 'conclusion' && s.kind !== 'next-steps');
    const hypotheses = kept.map((s): Step => (s.kind === 'hypotheses' ? { ...s, candidates: [...s.candidates, ...[...newHypotheses].map(([id, h]) => ({ diseaseId: id, name: h.name, genes: h.genes, source: 'llm' as const, initialRank: 0, score: 0, supported: h.supported }))] } : s));
    const rounds = base.steps.filter((s) => s.kind === 'reflection').length;
    const steps: Step[] = [
      ...hypotheses,
      { kind: 'reflection', round: rounds + 1, changes, summary: `The model's reasoning (${replies.length} sample${replies.length === 1 ? '' : 's'}): ${replies[0]?.monologue ?? ''}` },
      conclusionStep(differential, confidence, otherProbability, undefined),
      { kind: 'next-steps', ...base.nextSteps },
    ];
    return {
      ...base,
      engine: 'llm',
      engineVersion: LLM_ENGINE_VERSION,
      budget,
      differential,
      confidence,
      steps,
      versions: { ...base.versions, journey: `llm ${LLM_ENGINE_VERSION} over ${base.versions.journey ?? 'knowledge'}`, model: `${this.settings.config.name}/${this.settings.config.model}`, prompt: this.prompt.version },
      warnings,
    };
  }
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
