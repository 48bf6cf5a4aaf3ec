/**
 * `odyssey ddx (--case FILE | --case-id ID) [--engine knowledge|llm] [--budget quick|standard|deep]
 * [--hypotheses onnx|knowledge] [--rule-out IDS] [--json]`: the journey-style differential diagnosis. With --case-id the case
 * comes from the store and the journey is stored as an analysis of it.
 */
import type { Command } from 'commander';
import { loadCalibration } from '../../core/agents/journey/calibration.js';
import type { JourneyOptions } from '../../core/agents/journey/engine.js';
import { formatJourney } from '../../core/agents/journey/format-text.js';
import { KnowledgeJourneyEngine } from '../../core/agents/journey/knowledge-engine.js';
import { journeyForStoredCase } from '../../core/agents/journey/record.js';
import { BUDGETS, ENGINES, type Budget, type EngineName, type Journey } from '../../core/agents/journey/schema.js';
import { hpoAcknowledgement } from '../../core/data/installed.js';
import { OdysseyError } from '../../core/errors.js';
import { queryFromCase } from '../../core/genes/ranking/case-query.js';
import { loadKnowledgeBase } from '../../core/genes/kb/load.js';
import type { KnowledgeBase } from '../../core/genes/kb/knowledge-base.js';
import type { Ranker } from '../../core/genes/ranking/types.js';
import { modelUnavailable, OnnxRanker } from '../../core/agents/onnx-ranker/onnx-ranker.js';
import { type CliIO, printJson } from '../io.js';
import { readOneCase } from './rank.js';
import { rankerOptionsFromFlags, type AgentFlags } from '../agent-options.js';
import { llmAgentSettings } from '../../core/agents/rankers.js';
import { LlmJourneyEngine } from '../../core/agents/journey/llm-engine.js';
import { parseCaseId, splitIds, withStore } from './store-helpers.js';

interface DdxOpts extends Pick<AgentFlags, 'provider' | 'model' | 'baseUrl' | 'cache'> {
  case?: string;
  caseId?: string;
  engine: string;
  budget: string;
  ruleOut?: string;
  hypotheses: string;
  json?: boolean;
}

const HYPOTHESIS_RANKERS = ['onnx', 'knowledge'] as const;

function checkOptions(o: DdxOpts): { engine: EngineName; budget: Budget; caseId?: number } {
  if (Boolean(o.case) === Boolean(o.caseId)) {
    throw new OdysseyError('bad-option', 'Give either --case FILE (a phenopacket) or --case-id ID (a stored case).', 'For example: odyssey ddx --case patient.json, or odyssey ddx --case-id 12');
  }
  if (!(ENGINES as readonly string[]).includes(o.engine)) {
    throw new OdysseyError('bad-option', `--engine must be ${ENGINES.join(' or ')}, not "${o.engine}".`, 'Leave --engine out for the offline knowledge engine.');
  }
  if (!(BUDGETS as readonly string[]).includes(o.budget)) {
    throw new OdysseyError('bad-option', `--budget must be ${BUDGETS.join(', ')}, not "${o.budget}".`, 'Leave --budget out for the standard budget.');
  }
  if (!(HYPOTHESIS_RANKERS as readonly string[]).includes(o.hypotheses)) {
    throw new OdysseyError('bad-option', `--hypotheses must be ${HYPOTHESIS_RANKERS.join(' or ')}, not "${o.hypotheses}".`, 'Leave --hypotheses out to take them from the ONNX ranker when its model is installed.');
  }
  if (o.engine === 'llm' && !o.provider) {
    throw new OdysseyError('provider-missing', 'The llm journey engine needs an LLM provider.', 'Pass --provider and --model (e.g. --provider ollama --model llama3.1); see docs/llm-providers.md. Without one, leave --engine out for the offline knowledge engine.');
  }
  if (o.engine !== 'llm' && (o.provider || o.model || o.baseUrl)) {
    throw new OdysseyError('bad-option', '--provider, --model and --base-url only apply to --engine llm.', 'Add --engine llm, or leave the provider options out.');
  }
  return { engine: o.engine as EngineName, budget: o.budget as Budget, ...(o.caseId ? { caseId: parseCaseId(o.caseId, '--case-id') } : {}) };
}

function print(io: CliIO, journey: Journey, json: boolean | undefined, analysisId?: number): void {
  if (json) {
    const { differential, steps, confidence, nextSteps, versions, ...rest } = journey;
    printJson(io, { differential, steps, confidence, nextSteps, versions, ...rest, ...(analysisId !== undefined ? { analysisId } : {}) });
    return;
  }
  for (const w of journey.warnings) io.err(`warning: ${w}`);
  io.out(formatJourney(journey));
  if (analysisId !== undefined) io.out(`Stored as analysis ${analysisId}; \`odyssey report --case ID\` shows it.`);
  io.out(hpoAcknowledgement(journey.versions.hpo ?? ''));
}

/** The ONNX ranker, or undefined with a warning when its model is not usable here. */
async function hypothesisSource(kb: KnowledgeBase, io: CliIO): Promise<Ranker | undefined> {
  try {
    return await OnnxRanker.load(kb);
  } catch (e) {
    if (!modelUnavailable(e)) throw e;
    io.err(`warning: ${(e as Error).message} The hypotheses come from the knowledge ranker.`);
    return undefined;
  }
}

export function registerDdx(program: Command, io: CliIO): void {
  program
    .command('ddx')
    .description('journey-style differential diagnosis: hypotheses, evidence for and against, backtracking, a calibrated conclusion and next steps')
    .option('--case <file>', 'GA4GH Phenopacket v2 JSON file')
    .option('--case-id <id>', 'a stored case; the differential is stored as an analysis of it')
    .option('--engine <name>', `reasoning engine: ${ENGINES.join(' or ')}`, 'knowledge')
    .option('--budget <budget>', `how much reasoning: ${BUDGETS.join(', ')}`, 'standard')
    .option('--hypotheses <ranker>', `where the hypotheses come from: ${HYPOTHESIS_RANKERS.join(' or ')} (the knowledge ranker when the ONNX model is not installed)`, 'onnx')
    .option('--rule-out <ids>', 'diagnoses already excluded clinically (OMIM/ORPHA ids, comma-separated): never proposed')
    .option('--json', 'print {differential, steps, confidence, nextSteps, versions, ...} as JSON')
    .option('--provider <name>', 'llm engine: LLM provider (openai, azure, ollama, llamacpp, vllm, lmstudio or one from providers.json)')
    .option('--model <model>', 'llm engine: model name')
    .option('--base-url <url>', 'llm engine: OpenAI-compatible endpoint')
    .option('--cache <mode>', 'llm engine: response cache: use, refresh, replay or off', 'use')
    .action(async (o: DdxOpts) => {
      const { budget, caseId } = checkOptions(o);
      const patientCase = o.case ? await readOneCase(o.case) : undefined;
      const calibration = loadCalibration();
      const { kb } = await loadKnowledgeBase();
      const source = o.hypotheses === 'onnx' ? await hypothesisSource(kb, io) : undefined;
      const engine = new KnowledgeJourneyEngine(kb, { calibration, ...(source ? { source } : {}) });
      const llmOptions = o.engine === 'llm' ? rankerOptionsFromFlags(o).llm : undefined;
      const llm = llmOptions ? new LlmJourneyEngine(kb, engine, { ...llmAgentSettings(llmOptions), insufficientBelow: calibration.insufficientBelow }) : undefined;
      const controller = new AbortController();
      const onSigint = (): void => controller.abort();
      process.once('SIGINT', onSigint);
      const excludeDiseases = splitIds(o.ruleOut);
      const options: JourneyOptions & { excludeDiseases?: string[] } = {
        budget,
        signal: controller.signal,
        ...(excludeDiseases.length ? { excludeDiseases } : {}),
        ...(io.isTTY && !o.json ? { onProgress: (p) => p.done === 0 && io.err(`… ${p.stage}`) } : {}),
      };
      try {
        if (patientCase) {
          const journey = await (llm ?? engine).run({ query: queryFromCase(patientCase), ...(excludeDiseases.length ? { excludeDiseases } : {}) }, options);
          print(io, journey, o.json);
          return;
        }
        const stored = await withStore((store) => journeyForStoredCase(store, kb, engine, caseId!, options, llm));
        print(io, stored.journey, o.json, stored.analysis.id);
      } finally {
        process.off('SIGINT', onSigint);
      }
    });
}
