/**
 * Analyses with the agent rankers, as the app runs them: a preview of exactly what an LLM
 * analysis would send (before the user confirms), the analysis itself as a job with progress and
 * cancel, and the agents' report and transcripts read back from the store. A remote provider is
 * refused unless the request says the user confirmed after seeing the preview.
 */
import { isLoopback, resolveProvider } from '../agents/providers/index.js';
import type { ProviderConfig } from '../agents/providers/types.js';
import { casePromptHead } from '../agents/ranker/llm-chunk-agent.js';
import { DC_DEFAULTS, LLM_DC_DEFAULTS, type DcProgress } from '../agents/ranker/dc-ranker.js';
import { plannedCalls } from '../agents/ranker/tournament.js';
import { loadRanker, type RankerOptions } from '../agents/rankers.js';
import { OdysseyError } from '../errors.js';
import { prepareQuery } from '../genes/ranking/prepare-query.js';
import { InlineEngine, type RankEngine } from '../store/engine.js';
import { queryForCase, reanalyze } from '../store/reanalyze.js';
import { toApiError } from './api-error.js';
import { AgentReportView, type ParsedRequestOf, type ResponseOf } from './contract.js';
import type { ApiContext } from './context.js';
import { AGENT_RANKERS, PROVIDER_RANKERS, UI_RANKERS } from './engine.js';
import type { Job, JobStage } from './jobs.js';
import { requireAnalysis } from './report-export.js';

export interface JobOutcome {
  analysisId: number;
  outcome: 'analysed' | 'skipped';
  reason?: string;
}

type Choice = ParsedRequestOf<'previewAnalysis'>;
type JobView = ResponseOf<'analysisJob'>;

function requireUiRanker(name: string): void {
  if (!UI_RANKERS.includes(name))
    throw new OdysseyError(
      'unknown-ranker',
      `The app has no ranking method called "${name}".`,
      `Choose one of: ${UI_RANKERS.join(', ')}.`,
    );
}

const noFindings = (): OdysseyError =>
  new OdysseyError(
    'no-findings',
    'This case has no observed phenotypes yet, so there is nothing to rank.',
    'Add at least one observed HPO term in the case editor, then run the analysis again.',
  );

/** The provider settings the run will use; refused here under local-only mode. */
function providerFor(ctx: ApiContext, r: Choice): ProviderConfig | undefined {
  if (!PROVIDER_RANKERS.includes(r.ranker)) return undefined;
  if (!r.provider)
    throw new OdysseyError(
      'provider-missing',
      'This method needs an LLM provider, and none was chosen.',
      'Choose a provider below, or add one in Settings → Providers.',
    );
  return resolveProvider(
    r.provider,
    r.model ? { model: r.model } : {},
    ctx.home,
    ctx.providerEnv(),
  );
}

function rankerOptions(
  ctx: ApiContext,
  r: Choice,
  onProgress: (p: DcProgress) => void,
): RankerOptions {
  return {
    onProgress,
    ...(PROVIDER_RANKERS.includes(r.ranker) && r.provider
      ? {
          llm: {
            provider: r.provider,
            overrides: r.model ? { model: r.model } : {},
            ...(ctx.home ? { home: ctx.home } : {}),
            env: ctx.providerEnv(),
            cacheMode: 'use',
          },
        }
      : {}),
  };
}

export async function previewAnalysis(
  ctx: ApiContext,
  r: Choice,
): Promise<ResponseOf<'previewAnalysis'>> {
  requireUiRanker(r.ranker);
  const input = queryForCase(ctx.store, r.caseId);
  if (!input.query.observed.length) throw noFindings();
  const config = providerFor(ctx, r);
  const kb = await ctx.kb();
  const prepared = prepareQuery(kb, input.query);
  const dc = config ? LLM_DC_DEFAULTS : DC_DEFAULTS;
  const list = prepared.candidateGenes?.map((g) => kb.genes[g]!.symbol);
  const pool = list ? list.length : dc.poolSize;
  const notes: string[] = [];
  const remote = config ? !isLoopback(config.baseURL) : false;
  const keySet = Boolean(config?.apiKeyEnv && ctx.providerEnv()[config.apiKeyEnv]?.trim());
  if (!config) notes.push('This method runs on this computer: nothing is sent anywhere.');
  else if (!remote)
    notes.push(`${config.name} runs on this computer (${config.baseURL}): nothing leaves it.`);
  if (config && remote && config.apiKeyEnv && !keySet)
    notes.push(
      `No API key is set (${config.apiKeyEnv}); ${config.name} will refuse the requests. Set it in Settings → Providers or in the environment.`,
    );
  if (r.ranker === 'hybrid')
    notes.push(
      'The local agents rank first; if they are confident about the case, the LLM is not consulted and nothing is sent.',
    );
  return {
    ranker: r.ranker,
    ...(config
      ? {
          provider: {
            name: config.name,
            model: config.model,
            baseURL: config.baseURL,
            remote,
            ...(config.apiKeyEnv ? { apiKeyEnv: config.apiKeyEnv } : {}),
            keySet,
          },
        }
      : {}),
    patient: casePromptHead(kb, prepared),
    candidates:
      r.ranker === 'hybrid'
        ? {
            kind: 'onnx-top',
            count: pool,
            description: `The local ONNX agents' top ${pool} genes${list ? ' from the candidate list' : ''}.`,
          }
        : list
          ? {
              kind: 'candidate-list',
              count: list.length,
              genes: list,
              description: `The case's ${list.length} candidate genes.`,
            }
          : {
              kind: 'knowledge-top',
              count: pool,
              description: `The knowledge ranker's top ${pool} genes for these findings.`,
            },
    perGene:
      "Each prompt lists some of these gene symbols with the knowledge base's evidence for each (its diseases and their annotated phenotypes); the model may ask for a gene's annotations.",
    plannedCalls: plannedCalls(pool, dc) * dc.repetitions,
    notes,
  };
}

/** Reports which stage a run is in as reanalysis describes (loads) and ranks. */
function reporting(engine: RankEngine, report: (s: JobStage) => void): RankEngine {
  return {
    describe: (name) => {
      report({ stage: 'loading', label: 'Loading the ranking method' });
      return engine.describe(name);
    },
    rank: (name, query, signal) => {
      report({ stage: 'ranking', label: 'Ranking the genes against the findings' });
      return engine.rank(name, query, signal);
    },
    close: () => engine.close(),
  };
}

/** Stage labels from the agents' call counts; hybrid runs the local agents, then the LLM's. */
function agentProgress(
  ranker: string,
  provider: string | undefined,
  report: (s: JobStage) => void,
) {
  let run = 0;
  return (p: DcProgress): void => {
    if (p.done === 1) run++;
    const llm = ranker === 'llm' || (ranker === 'hybrid' && run > 1);
    report({
      stage: llm ? 'llm-agents' : 'local-agents',
      label: llm
        ? `LLM agents ranking gene chunks with ${provider ?? 'the provider'}`
        : 'Local ONNX agents ranking gene chunks',
      calls: { done: p.done, planned: p.planned },
    });
  };
}

async function runJob(
  ctx: ApiContext,
  r: ParsedRequestOf<'startAnalysis'>,
  signal: AbortSignal,
  report: (s: JobStage) => void,
): Promise<JobOutcome> {
  report({ stage: 'loading', label: 'Loading the knowledge base' });
  const kb = await ctx.kb();
  const progress = agentProgress(r.ranker, r.provider, report);
  const engine = AGENT_RANKERS.includes(r.ranker)
    ? new InlineEngine(kb, (name, k) => loadRanker(name, k, rankerOptions(ctx, r, progress)))
    : await ctx.engine();
  const { outcomes } = await reanalyze(ctx.store, reporting(engine, report), [r.caseId], {
    ranker: r.ranker,
    force: r.force,
    signal,
  });
  signal.throwIfAborted();
  const o = outcomes[0];
  if (o?.status === 'failed')
    throw new OdysseyError(
      'analysis-failed',
      `The analysis did not finish: ${o.reason ?? 'no reason was given'}`,
      'Check the provider under Settings → Providers (address, model, key), then run it again. The failed attempt is kept in the case history.',
    );
  if (o?.analysisId === undefined) throw noFindings();
  report({ stage: 'done', label: 'Finished' });
  return {
    analysisId: o.analysisId,
    outcome: o.status === 'analysed' ? 'analysed' : 'skipped',
    ...(o.status === 'skipped' && o.reason
      ? { reason: `Nothing changed since the last analysis: ${o.reason}.` }
      : {}),
  };
}

export async function startAnalysis(
  ctx: ApiContext,
  r: ParsedRequestOf<'startAnalysis'>,
): Promise<JobView> {
  requireUiRanker(r.ranker);
  if (!queryForCase(ctx.store, r.caseId).query.observed.length) throw noFindings();
  const config = providerFor(ctx, r);
  if (config && !isLoopback(config.baseURL) && !r.confirmRemote)
    throw new OdysseyError(
      'confirm-remote',
      `Nothing was sent: sending this case's findings to ${config.name} (${config.baseURL}) needs your confirmation.`,
      `Look at the preview of what would be sent, then choose "Send to ${config.name}".`,
    );
  const job = ctx.jobs.start({ caseId: r.caseId, ranker: r.ranker }, (signal, report) =>
    runJob(ctx, r, signal, report),
  );
  return jobView(job);
}

export function jobView(job: Job<JobOutcome>): JobView {
  const base = {
    jobId: job.id,
    caseId: job.caseId,
    ranker: job.ranker,
    state: job.state,
    elapsedMs: (job.finishedAt ?? Date.now()) - job.startedAt,
    ...(job.progress.calls ? { calls: job.progress.calls } : {}),
  };
  if (job.state === 'cancelled')
    return {
      ...base,
      stage: 'cancelled',
      label: 'Cancelled',
      error: {
        code: 'cancelled',
        message:
          'You cancelled the analysis. Calls in flight were stopped and nothing more was sent.',
        hint: 'Run it again when you are ready; earlier analyses are unchanged.',
      },
    };
  if (job.state === 'failed')
    return { ...base, stage: 'failed', label: 'Failed', error: toApiError(job.error) };
  return {
    ...base,
    stage: job.progress.stage,
    label: job.progress.label,
    ...(job.result ?? {}),
  };
}

export const analysisJob = (ctx: ApiContext, r: ParsedRequestOf<'analysisJob'>): JobView =>
  jobView(ctx.jobs.get(r.jobId));

export async function cancelAnalysis(
  ctx: ApiContext,
  r: ParsedRequestOf<'cancelAnalysis'>,
): Promise<JobView> {
  return jobView(await ctx.jobs.cancel(r.jobId));
}

export async function analysisJobResult(
  ctx: ApiContext,
  r: ParsedRequestOf<'analysisJobResult'>,
  view: (
    ctx: ApiContext,
    caseId: number,
    analysisId: number,
    top: number,
  ) => Promise<ResponseOf<'getAnalysis'>>,
): Promise<ResponseOf<'analysisJobResult'>> {
  const job = ctx.jobs.get(r.jobId);
  if (job.state === 'running')
    throw new OdysseyError(
      'job-running',
      'The analysis is still running.',
      'Wait for it to finish, or cancel it.',
    );
  const v = jobView(job);
  if (!job.result || v.error) {
    const e = v.error ?? { code: 'analysis-failed', message: 'The analysis did not finish.' };
    throw new OdysseyError(e.code, e.message, e.hint);
  }
  return {
    outcome: job.result.outcome,
    ...(job.result.reason ? { reason: job.result.reason } : {}),
    analysis: await view(ctx, job.caseId, job.result.analysisId, 50),
  };
}

const SENT = 'sent-payloads';

export function agentReport(
  ctx: ApiContext,
  r: ParsedRequestOf<'getAgentReport'>,
): ResponseOf<'getAgentReport'> {
  const a = requireAnalysis(ctx.store, r.caseId, r.analysisId);
  const parsed = AgentReportView.safeParse(a.parameters.agent);
  const transcripts = a.transcripts ?? [];
  return {
    analysisId: a.id,
    ranker: a.ranker.name,
    ...(a.provider ? { provider: a.provider } : {}),
    ...(a.model ? { model: a.model } : {}),
    promptVersions: a.promptVersions ?? {},
    agent: parsed.success ? parsed.data : null,
    transcripts: transcripts.filter((t) => t.agent !== SENT),
    sentPayloads: transcripts
      .filter((t) => t.agent === SENT)
      .flatMap((t) => t.messages.map((m) => ({ label: m.role, body: m.content }))),
  };
}
