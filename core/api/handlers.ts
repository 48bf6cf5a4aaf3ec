/**
 * The one implementation of the API contract over core, shared by `odyssey serve` and the
 * Electron main process. Requests are validated with the contract's schemas at this boundary;
 * errors come back as {code, message, hint} a clinician can act on, never as a stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rankerModelDir } from '../agents/onnx-ranker/onnx-ranker.js';
import { dataStatus, hpoAcknowledgement, missingRequired } from '../data/installed.js';
import { packageRoot } from '../data/paths.js';
import { OdysseyError } from '../errors.js';
import { categoryProfile } from '../hpo/category-profile.js';
import { analyzeCase } from '../store/reanalyze.js';
import {
  OPERATIONS,
  isOperationName,
  type ApiResult,
  type OperationName,
  type ParsedRequestOf,
  type ResponseOf,
} from './contract.js';
import type { ApiContext } from './context.js';
import { createCase, getCase, listCases, updateCase } from './case-handlers.js';
import {
  ALL_RANKER_NAMES,
  LOCAL_RANKERS,
  PROVIDER_RANKERS,
  RANKER_LABELS,
  UI_RANKERS,
} from './engine.js';
import {
  agentReport,
  analysisJob,
  analysisJobResult,
  cancelAnalysis,
  previewAnalysis,
  startAnalysis,
} from './agent-jobs.js';
import { toApiError } from './api-error.js';
import { providersView, saveProvider, setLocalOnly, setProviderKey } from './provider-settings.js';
import { exportReport, requireAnalysis } from './report-export.js';
import { organSystemName } from '../reports/build.js';
import { analysisView } from './views.js';
import { caseIoHandlers } from './case-io-handlers.js';
import { differentialHandlers } from './differential-handlers.js';
import { historyHandlers } from './history-handlers.js';

export type Handlers = {
  [K in OperationName]: (ctx: ApiContext, request: ParsedRequestOf<K>) => Promise<ResponseOf<K>>;
};

function appVersion(): string {
  return (
    JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }
  ).version;
}

function rankerChoices(): ResponseOf<'appInfo'>['rankers'] {
  return ALL_RANKER_NAMES.map((name) => {
    const modelMissing =
      name.startsWith('onnx') && !existsSync(join(rankerModelDir(), 'ranker.json'));
    const why = !UI_RANKERS.includes(name)
      ? 'Not offered in the app; use `odyssey rank` for it.'
      : modelMissing && name !== 'llm'
        ? 'The ONNX ranker model is not installed on this computer.'
        : undefined;
    return {
      name,
      label: RANKER_LABELS[name]?.label ?? `${name} (needs an LLM provider)`,
      description: RANKER_LABELS[name]?.description ?? '',
      available: why === undefined,
      needsProvider: PROVIDER_RANKERS.includes(name),
      ...(why ? { unavailableReason: why } : {}),
    };
  });
}

async function analysis(
  ctx: ApiContext,
  caseId: number,
  analysisId: number | undefined,
  top: number,
): Promise<ResponseOf<'getAnalysis'>> {
  const kb = await ctx.kb();
  const a = requireAnalysis(ctx.store, caseId, analysisId);
  if (a.status === 'failed') return analysisView(kb, a, [], top);
  // The grid's rows are the terms the analysis ranked, read from its evidence (not today's list).
  const first = a.result?.genes.find((g) => g.explanation)?.explanation;
  const observed = first
    ? [...first.matches.map((m) => m.patientTerm.id), ...first.unmatched.map((t) => t.id)]
    : [];
  return analysisView(kb, a, observed, top);
}

export const handlers: Handlers = {
  appInfo: async (ctx) => ({
    appVersion: appVersion(),
    datasets: dataStatus().map(({ dataset: d, installed }) => ({
      id: d.id,
      title: d.title,
      version: d.version,
      installed: Boolean(installed),
      required: d.required,
    })),
    dataComplete: missingRequired().length === 0,
    hpoAcknowledgement: hpoAcknowledgement(),
    rankers: rankerChoices(),
    storePath: ctx.store.path,
    knowledgeReady: ctx.knowledgeReady(),
  }),

  searchTerms: async (ctx, r) => {
    const search = await ctx.termSearch();
    return {
      results: search
        .search(r.query, { limit: r.limit })
        .map(({ id, name, score, matched, matchKind, categories, warning }) => ({
          id,
          name,
          score,
          matched,
          matchKind,
          categories: categories.map((c) => ({ id: c.id, name: organSystemName(c.name) })),
          ...(warning ? { warning } : {}),
        })),
    };
  },

  extractTerms: async (ctx, r) => {
    const { extractor, note } = await ctx.extraction();
    const result = await extractor.extract(r.text);
    return { ...result, ...(note ? { note } : {}) };
  },

  categoryProfile: async (ctx, r) => {
    const { ontology, ic } = (await ctx.kb()).hpo;
    const p = categoryProfile(ontology, ic, r.termIds);
    return { ...p, categories: p.categories.map((c) => ({ ...c, name: organSystemName(c.name) })) };
  },

  listCases,
  getCase,
  createCase,
  updateCase,

  runAnalysis: async (ctx, r) => {
    if (!LOCAL_RANKERS.includes(r.ranker)) {
      throw new OdysseyError(
        'unknown-ranker',
        `The app cannot run a ranker called "${r.ranker}" in one step.`,
        PROVIDER_RANKERS.includes(r.ranker)
          ? 'LLM analyses run as jobs with a preview: use startAnalysis.'
          : `Choose one of: ${LOCAL_RANKERS.join(', ')}.`,
      );
    }
    const engine = await ctx.engine();
    const outcome = await analyzeCase(ctx.store, engine, r.caseId, {
      ranker: r.ranker,
      force: r.force,
    });
    if (outcome.analysisId === undefined) {
      throw new OdysseyError(
        'no-findings',
        'This case has no observed phenotypes yet, so there is nothing to rank.',
        'Add at least one observed HPO term in the case editor, then run the analysis again.',
      );
    }
    return {
      outcome: outcome.status === 'analysed' ? 'analysed' : 'skipped',
      ...(outcome.status === 'skipped' && outcome.reason
        ? { reason: `Nothing changed since the last analysis: ${outcome.reason}.` }
        : {}),
      analysis: await analysis(ctx, r.caseId, outcome.analysisId, 50),
    };
  },

  getAnalysis: (ctx, r) => analysis(ctx, r.caseId, r.analysisId, r.top),

  exportReport: async (ctx, r) =>
    exportReport(await ctx.kb(), ctx.store, r.caseId, r.analysisId, r.format, r.top),

  listProviders: async (ctx) => providersView(ctx),
  setLocalOnly: async (ctx, r) => setLocalOnly(ctx, r),
  saveProvider: async (ctx, r) => saveProvider(ctx, r),
  setProviderKey: async (ctx, r) => setProviderKey(ctx, r),
  previewAnalysis,
  startAnalysis,
  analysisJob: async (ctx, r) => analysisJob(ctx, r),
  cancelAnalysis,
  analysisJobResult: (ctx, r) => analysisJobResult(ctx, r, analysis),
  getAgentReport: async (ctx, r) => agentReport(ctx, r),
  ...differentialHandlers,
  ...historyHandlers,
  ...caseIoHandlers,
};

export { toApiError };

/**
 * Validates the request, runs the operation and returns its result or error; never throws.
 * Both transports call this and only this.
 */
export async function dispatch(
  ctx: ApiContext,
  op: string,
  raw: unknown,
  log?: (message: string) => void,
): Promise<ApiResult<unknown>> {
  if (!isOperationName(op))
    return {
      ok: false,
      error: {
        code: 'unknown-operation',
        message: `There is no operation called "${op}".`,
        hint: `The operations are: ${Object.keys(OPERATIONS).join(', ')}.`,
      },
    };
  try {
    const request = OPERATIONS[op].request.parse(raw ?? {});
    const handler = handlers[op] as (c: ApiContext, r: unknown) => Promise<unknown>;
    return { ok: true, data: await handler(ctx, request) };
  } catch (e) {
    return { ok: false, error: toApiError(e, log) };
  }
}
