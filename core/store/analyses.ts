/**
 * Analyses and their results. An analysis row, its packed result, its ranked-gene rows, its diff
 * against the case's previous analysis and the audit entry are written in one transaction, so a
 * reader (or a process opening the file after a crash) sees a whole analysis or none of it.
 */
import type { KnowledgeVersions } from '../genes/kb/types.js';
import type { RankerInfo, RankResult } from '../genes/ranking/types.js';
import { OdysseyError } from '../errors.js';
import type { AuditLog } from './audit.js';
import { compact, jsonOrNull, type StoreContext } from './context.js';
import { diffResults, summarizeChange, summarizeFirst } from './diff.js';
import { contentKey } from './keys.js';
import { RESULT_FORMAT, decodeResult, decodeTranscripts, encodeResult, encodeTranscripts } from './results-codec.js';
import type { AgentTranscript, AnalysisRecord, AnalysisResult, AnalysisStatus, AnalysisWithResult } from './types.js';

/** What a caller gives to record an analysis; the store adds id, times, run key, diff and author. */
export interface NewAnalysis
  extends Pick<AnalysisRecord, 'caseId' | 'status' | 'startedAt' | 'durationMs' | 'ranker' | 'knowledge' | 'model' | 'provider' | 'promptVersions' | 'parameters' | 'geneSetId' | 'inputHash' | 'error'> {
  /** Required when status is 'done'. */
  result?: AnalysisResult;
  transcripts?: AgentTranscript[];
  /** The N of the "top N" the diff against the previous analysis compares (default 10). */
  diffTop?: number;
}

interface AnalysisRow {
  id: number;
  case_id: number;
  status: AnalysisStatus;
  started_at: string;
  finished_at: string;
  duration_ms: number;
  ranker: string;
  ranker_version: string;
  ranker_params: string;
  knowledge: string;
  model: string | null;
  provider: string | null;
  prompt_versions: string | null;
  parameters: string;
  gene_set_id: number | null;
  input_hash: string;
  run_key: string;
  previous_id: number | null;
  diff: string | null;
  summary: string | null;
  error: string | null;
  created_by: string;
}

const parse = <T>(s: string | null): T | undefined => (s === null ? undefined : (JSON.parse(s) as T));

function toRecord(r: AnalysisRow): AnalysisRecord {
  const params = JSON.parse(r.ranker_params) as { description?: string; params: RankerInfo['params'] };
  return compact({
    id: r.id,
    caseId: r.case_id,
    status: r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.duration_ms,
    ranker: { name: r.ranker, version: r.ranker_version, description: params.description ?? '', params: params.params },
    knowledge: JSON.parse(r.knowledge) as KnowledgeVersions,
    model: r.model,
    provider: r.provider,
    promptVersions: parse<Record<string, string>>(r.prompt_versions),
    parameters: JSON.parse(r.parameters) as Record<string, unknown>,
    geneSetId: r.gene_set_id,
    inputHash: r.input_hash,
    runKey: r.run_key,
    previousId: r.previous_id,
    diff: parse<AnalysisRecord['diff']>(r.diff),
    summary: r.summary,
    error: r.error,
    createdBy: r.created_by,
  }) as AnalysisRecord;
}

/** Equal keys mean rerunning would repeat the same computation on the same inputs. */
export function runKeyOf(a: Pick<NewAnalysis, 'ranker' | 'knowledge' | 'inputHash' | 'model' | 'provider' | 'promptVersions'>): string {
  return contentKey({
    ranker: [a.ranker.name, a.ranker.version, a.ranker.params],
    knowledge: a.knowledge,
    input: a.inputHash,
    model: a.model ?? null,
    provider: a.provider ?? null,
    prompts: a.promptVersions ?? null,
  });
}

export class AnalysisRepository {
  private readonly insert;
  private readonly insertResult;
  private readonly insertGene;
  private readonly latestDone;

  constructor(
    private readonly ctx: StoreContext,
    private readonly audit: AuditLog,
  ) {
    const db = ctx.db;
    this.insert = db.prepare(
      `INSERT INTO analyses (case_id, status, started_at, finished_at, duration_ms, ranker, ranker_version, ranker_params, knowledge,
                             model, provider, prompt_versions, parameters, gene_set_id, input_hash, run_key, previous_id, diff, summary, error, created_by)
       VALUES (@caseId, @status, @startedAt, @finishedAt, @durationMs, @ranker, @rankerVersion, @rankerParams, @knowledge,
               @model, @provider, @promptVersions, @parameters, @geneSetId, @inputHash, @runKey, @previousId, @diff, @summary, @error, @actor)`,
    );
    this.insertResult = db.prepare('INSERT INTO analysis_results (analysis_id, format, payload, transcripts) VALUES (?, ?, ?, ?)');
    this.insertGene = db.prepare('INSERT INTO analysis_genes (analysis_id, symbol, rank, score) VALUES (?, ?, ?, ?)');
    this.latestDone = db.prepare("SELECT * FROM analyses WHERE case_id = ? AND status = 'done' ORDER BY id DESC LIMIT 1");
  }

  /** Stores a finished (or failed) analysis with its result and its diff against the previous one. */
  record(a: NewAnalysis): AnalysisRecord {
    if (a.status === 'done' && !a.result) {
      throw new OdysseyError('analysis-no-result', `A finished analysis of case ${a.caseId} must come with its result.`, 'Record the analysis as failed, with its error, when it produced no result.');
    }
    const payload = a.result ? encodeResult(a.result) : undefined;
    const runKey = runKeyOf(a);
    return this.ctx.db.transaction(() => {
      const exists = this.ctx.db.prepare('SELECT 1 FROM cases WHERE id = ?').get(a.caseId);
      if (!exists) throw new OdysseyError('case-not-found', `There is no case ${a.caseId} in the case store.`, 'The case may have been deleted meanwhile; list the cases with `odyssey case list`.');
      const prevRow = this.latestDone.get(a.caseId) as AnalysisRow | undefined;
      let diff: AnalysisRecord['diff'];
      let summary: string | undefined;
      if (a.result) {
        const top = a.diffTop ?? 10;
        if (prevRow) {
          const prev = this.withResult(toRecord(prevRow));
          diff = diffResults(prev, { ranker: a.ranker, knowledge: a.knowledge, inputHash: a.inputHash, result: a.result }, top);
          summary = summarizeChange(diff, a.result);
        } else {
          summary = summarizeFirst(a.result, top);
        }
      }
      const info = this.insert.run({
        caseId: a.caseId,
        status: a.status,
        startedAt: a.startedAt,
        finishedAt: this.ctx.now(),
        durationMs: a.durationMs,
        ranker: a.ranker.name,
        rankerVersion: a.ranker.version,
        rankerParams: JSON.stringify({ description: a.ranker.description, params: a.ranker.params }),
        knowledge: JSON.stringify(a.knowledge),
        model: a.model ?? null,
        provider: a.provider ?? null,
        promptVersions: jsonOrNull(a.promptVersions),
        parameters: JSON.stringify(a.parameters),
        geneSetId: a.geneSetId ?? null,
        inputHash: a.inputHash,
        runKey,
        previousId: a.result ? (prevRow?.id ?? null) : null,
        diff: jsonOrNull(diff),
        summary: summary ?? null,
        error: a.error ?? null,
        actor: this.ctx.actor,
      });
      const id = Number(info.lastInsertRowid);
      if (payload) this.insertResult.run(id, RESULT_FORMAT, payload, a.transcripts ? encodeTranscripts(a.transcripts) : null);
      for (const g of a.result?.genes ?? []) this.insertGene.run(id, g.symbol, g.rank, g.score);
      this.audit.record('analysis.create', a.caseId, id, {
        status: a.status,
        ranker: `${a.ranker.name} ${a.ranker.version}`,
        knowledge: a.knowledge,
        ...(a.error ? { error: a.error } : {}),
        ...(a.result ? { topGene: a.result.genes[0]?.symbol ?? null } : {}),
      });
      return this.get(id, { result: false })!;
    }).immediate();
  }

  get(id: number, options: { result?: boolean } = {}): AnalysisWithResult | undefined {
    const row = this.ctx.db.prepare('SELECT * FROM analyses WHERE id = ?').get(id) as AnalysisRow | undefined;
    if (!row) return undefined;
    const rec = toRecord(row);
    return options.result === false ? rec : this.withResult(rec);
  }

  /** The case's latest finished analysis, with its result. */
  latest(caseId: number, options: { result?: boolean } = {}): AnalysisWithResult | undefined {
    const row = this.latestDone.get(caseId) as AnalysisRow | undefined;
    if (!row) return undefined;
    const rec = toRecord(row);
    return options.result === false ? rec : this.withResult(rec);
  }

  /** The case's analyses, newest first, without results. */
  list(caseId: number): AnalysisRecord[] {
    return (this.ctx.db.prepare('SELECT * FROM analyses WHERE case_id = ? ORDER BY id DESC').all(caseId) as AnalysisRow[]).map(toRecord);
  }

  /** A finished analysis of the case with this run key: rerunning it would change nothing. */
  findRun(caseId: number, runKey: string): AnalysisRecord | undefined {
    const row = this.ctx.db.prepare("SELECT * FROM analyses WHERE case_id = ? AND run_key = ? AND status = 'done' ORDER BY id DESC LIMIT 1").get(caseId, runKey) as AnalysisRow | undefined;
    return row && toRecord(row);
  }

  /** The analysis as a RankResult again, as rank --json prints it and reports take it. */
  static toRankResult(a: AnalysisWithResult): RankResult {
    if (!a.result) throw new OdysseyError('analysis-no-result', `Analysis ${a.id} has no result (status ${a.status}${a.error ? `: ${a.error}` : ''}).`, 'Rerun the case with `odyssey reanalyze --case ID`.');
    return { ...a.result, ranker: a.ranker, versions: a.knowledge };
  }

  private withResult(rec: AnalysisRecord): AnalysisWithResult {
    const row = this.ctx.db.prepare('SELECT format, payload, transcripts FROM analysis_results WHERE analysis_id = ?').get(rec.id) as
      | { format: number; payload: Buffer; transcripts: Buffer | null }
      | undefined;
    if (!row) return rec;
    return { ...rec, result: decodeResult(row.payload, row.format), ...(row.transcripts ? { transcripts: decodeTranscripts(row.transcripts) } : {}) };
  }
}
