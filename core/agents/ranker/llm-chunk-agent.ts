import { z } from 'zod';
import type { KnowledgeBase } from '../../genes/kb/knowledge-base.js';
import { explainDisease } from '../../genes/ranking/explain.js';
import { KNOWLEDGE_RANKER } from '../../genes/ranking/phenotype-ranker.js';
import type { PreparedQuery } from '../../genes/ranking/types.js';
import { loadPrompt } from '../prompts/prompt-files.js';
import { createLlmClient, type LlmClientOptions } from '../providers/client.js';
import { PayloadRecorder } from '../providers/payload-recorder.js';
import { privateCaseView } from '../providers/privacy.js';
import { structuredChat } from '../providers/structured-chat.js';
import { runToolLoop, type Tool } from '../providers/tool-loop.js';
import type { ChatMessage, LlmClient, ProviderConfig } from '../providers/types.js';
import { UsageMeter } from '../providers/usage-meter.js';
import { analysePhenotypes } from './phenotype-analyst.js';
import type { ChunkAgent, ChunkAgentRun, ChunkOutcome, ChunkTask, GeneClaim } from './types.js';

export const RANK_CHUNK_PROMPT = { name: 'rank-chunk', version: 1 } as const;

const ReplySchema = z.object({
  ranking: z
    .array(
      z.object({
        gene: z.string().min(1),
        disease: z.string().nullish(),
        phenotypes: z.array(z.string()).nullish(),
        reason: z.string().nullish(),
      }),
    )
    .min(1),
});

export interface LlmAgentSettings {
  config: ProviderConfig;
  /** Cache, local-only and environment shared by every analysis; meter and recorder are per analysis. */
  client: Omit<LlmClientOptions, 'meter' | 'recorder'>;
  /** Let the model look up a gene's annotations through a tool call (needs tool-calling support). */
  tools: boolean;
  /** Tool rounds allowed per chunk. */
  maxToolSteps: number;
}

const DISEASE_ID = /^(OMIM|ORPHA|DECIPHER):\d+$/;

/**
 * The LLM ranking agent: shows a model one chunk of genes with the patient's findings (through
 * the privacy filter: HPO terms, sex, age band, gene symbols — nothing else) and the knowledge
 * base's evidence per gene, and reads back an order. Genes it invents or drops are corrected
 * and noted, never trusted.
 */
export class LlmChunkAgent implements ChunkAgent {
  readonly name = 'llm';
  readonly version = '1';
  readonly provider: string;
  readonly model: string;
  readonly promptVersions: Record<string, string>;
  private readonly prompt = loadPrompt(RANK_CHUNK_PROMPT.name, RANK_CHUNK_PROMPT.version);
  // A case's chunks share its summary and each gene's evidence, and genes recur across rounds and
  // repetitions, so both are built once per case.
  private readonly perCase = new WeakMap<PreparedQuery, { head: Record<string, unknown>; genes: Map<number, unknown> }>();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly settings: LlmAgentSettings,
  ) {
    this.provider = settings.config.name;
    this.model = settings.config.model;
    this.promptVersions = { [this.prompt.name]: this.prompt.version };
  }

  begin(): ChunkAgentRun {
    const meter = new UsageMeter();
    const recorder = new PayloadRecorder();
    const client = createLlmClient(this.settings.config, { ...this.settings.client, meter, recorder });
    return {
      rankChunk: (task, signal) => this.rankChunk(client, task, signal),
      stats: () => {
        const s = meter.snapshot();
        return { calls: s.calls + s.cacheHits, cachedCalls: s.cacheHits, retries: s.retries, promptTokens: s.promptTokens, completionTokens: s.completionTokens, costUsd: s.costUsd };
      },
      payloads: () => recorder.entries().map(({ provider, model, url, body, at }) => ({ provider, model, url, body, at })),
    };
  }

  private async rankChunk(client: LlmClient, task: ChunkTask, signal?: AbortSignal): Promise<ChunkOutcome> {
    const symbols = task.genes.map((g) => this.kb.genes[g]!.symbol);
    const messages: ChatMessage[] = [
      { role: 'system', content: this.prompt.text },
      { role: 'user', content: JSON.stringify(this.userMessage(task, symbols)) },
    ];
    const toolMessages: ChatMessage[] = [];
    const asker = this.settings.tools ? this.withTools(client, toolMessages) : client;
    const result = await structuredChat(asker, { messages }, ReplySchema, signal);
    const notes: string[] = [];
    if (result.repaired) notes.push(`The ${this.model} reply needed a repair round to be valid JSON.`);
    const order: number[] = [];
    const claims: GeneClaim[] = [];
    for (const item of result.value.ranking) {
      const symbol = this.kb.annotatedSymbol(item.gene);
      const g = symbol === undefined ? undefined : this.kb.geneIndex(symbol);
      if (g === undefined || !task.genes.includes(g)) {
        notes.push(`The model named ${item.gene}, which was not among the genes given; it was ignored.`);
        if (item.disease || item.phenotypes?.length) claims.push(claim(item.gene, item));
        continue;
      }
      if (order.includes(g)) continue;
      order.push(g);
      claims.push(claim(symbol!, item));
    }
    const missing = task.genes.filter((g) => !order.includes(g)).sort((a, b) => task.knowledge.genes[b]! - task.knowledge.genes[a]! || a - b);
    if (missing.length) notes.push(`The model left out ${missing.map((g) => this.kb.genes[g]!.symbol).join(', ')}; they were placed after the genes it ranked, in the knowledge order.`);
    order.push(...missing);
    const transcriptMessages = [...result.messages.slice(0, 2), ...toolMessages, ...result.messages.slice(2)];
    return {
      order,
      claims,
      notes,
      transcript: { agent: `rank-chunk r${task.repetition + 1}.${task.round + 1}`, messages: transcriptMessages.map((m) => ({ role: m.role, content: m.toolCalls?.length ? `${m.content}\n[tool calls] ${JSON.stringify(m.toolCalls)}` : m.content })) },
    };
  }

  /** What the model is told about the case and the chunk; built from the privacy view only. */
  private userMessage(task: ChunkTask, symbols: string[]): unknown {
    let c = this.perCase.get(task.query);
    if (!c) {
      c = { head: casePromptHead(this.kb, task.query), genes: new Map() };
      this.perCase.set(task.query, c);
    }
    const evidence = (g: number): unknown => {
      let e = c.genes.get(g);
      if (e === undefined) c.genes.set(g, (e = this.geneEvidence(task, g)));
      return e;
    };
    return { ...c.head, candidates: task.genes.map((g, i) => ({ gene: symbols[i], knowledgeBase: evidence(g) })), task: `Rank all ${symbols.length} genes, best first.` };
  }

  private geneEvidence(task: ChunkTask, g: number): unknown {
    const query = task.query;
    const d = task.knowledge.geneBestDisease[g]!;
    if (d < 0) return { note: 'no annotated disease fits' };
    const disease = this.kb.diseases[d]!;
    const e = explainDisease(this.kb, disease, query, KNOWLEDGE_RANKER.scoring);
    return {
      bestDisease: `${disease.name} (${disease.id})`,
      inheritance: disease.inheritance.map((t) => this.kb.hpo.ontology.get(t)?.name ?? t),
      explains: e.matches.filter((m) => m.kind !== 'unmatched').map((m) => m.patientTerm.name),
      doesNotExplain: e.unmatched.map((t) => t.name),
    };
  }

  /** A client whose answers come after any tool calls the model makes; tool traffic is kept for the transcript. */
  private withTools(client: LlmClient, transcript: ChatMessage[]): LlmClient {
    const tools: Tool[] = [
      {
        spec: {
          name: 'gene_annotations',
          description: "A gene's annotated diseases with their inheritance and most specific phenotypes (HPO).",
          parameters: { type: 'object', properties: { symbol: { type: 'string', description: 'HGNC gene symbol' } }, required: ['symbol'] },
        },
        schema: z.object({ symbol: z.string() }),
        run: (args) => this.geneAnnotations((args as { symbol: string }).symbol),
      },
    ];
    return {
      config: client.config,
      chat: async (req, signal) => {
        const r = await runToolLoop(client, req, tools, { maxSteps: this.settings.maxToolSteps, signal });
        transcript.push(...r.messages.slice(req.messages.length, -1));
        return r.response;
      },
    };
  }

  geneAnnotations(symbol: string): unknown {
    const s = this.kb.annotatedSymbol(symbol);
    const gene = s ? this.kb.gene(s) : undefined;
    if (!gene) return { error: `${symbol} is not a gene the knowledge base annotates.` };
    const o = this.kb.hpo.ontology;
    return {
      gene: gene.symbol,
      diseases: gene.diseases.slice(0, 5).map((id) => {
        const d = this.kb.disease(id)!;
        const phenotypes = d.phenotypes
          .map((p) => ({ p, ic: this.kb.hpo.ic[o.indexOf(p.id) ?? -1] ?? 0 }))
          .sort((a, b) => b.ic - a.ic)
          .slice(0, 20)
          .map(({ p }) => ({ id: p.id, label: o.get(p.id)?.name ?? p.id, ...(p.frequency !== undefined ? { frequency: Math.round(p.frequency * 100) / 100 } : {}) }));
        return { id: d.id, name: d.name, inheritance: d.inheritance.map((t) => o.get(t)?.name ?? t), phenotypes };
      }),
    };
  }
}

function claim(gene: string, item: { disease?: string | null | undefined; phenotypes?: string[] | null | undefined }): GeneClaim {
  const c: GeneClaim = { gene };
  if (item.disease && DISEASE_ID.test(item.disease.trim())) c.diseaseId = item.disease.trim();
  if (item.phenotypes?.length) c.phenotypeIds = item.phenotypes;
  return c;
}

/**
 * The patient part of every ranking prompt: HPO terms with labels, sex, age band and the
 * analyst's summary, and nothing else. Exported so the app can show the user exactly what a
 * remote provider will receive about the patient before anything is sent.
 */
export function casePromptHead(kb: KnowledgeBase, query: PreparedQuery): Record<string, unknown> {
  const o = kb.hpo.ontology;
  const ref = (i: number): { id: string; label: string } => ({ id: o.terms[i]!.id, label: o.terms[i]!.name });
  const view = privateCaseView({ observed: query.observed.map(ref), excluded: query.excluded.map(ref), sex: query.sex, ageYears: query.ageYears }, { identifiers: false, freeText: false });
  const summary = analysePhenotypes(kb.hpo, query);
  return { patient: view, mostSpecificFindings: summary.mostSpecific.map((t) => t.name), organSystems: summary.systems.map((s) => `${s.name} (${s.terms.length})`) };
}
