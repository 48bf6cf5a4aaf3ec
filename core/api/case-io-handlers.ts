/**
 * Candidate genes, case import and export, and the About facts, for the app. Files picked in
 * the window arrive whole as base64 (the server never reads the user's disk); the core readers
 * take paths, so an upload is written to a private scratch folder under the store home, read,
 * and removed, and the scratch path is replaced by the file's own name in whatever is stored or
 * shown.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { rankerModelDir } from '../agents/onnx-ranker/onnx-ranker.js';
import { dataStatus } from '../data/installed.js';
import { OdysseyError, isOdysseyError } from '../errors.js';
import type { CandidateSet } from '../genes/candidate-set.js';
import { candidatesFromList, candidatesFromPanel, candidatesFromVcf } from '../genes/candidates.js';
import { KNOWLEDGE_RANKER } from '../genes/ranking/phenotype-ranker.js';
import { ModelMetaBase, modelsDir, readModelMeta } from '../hpo/encoder/model-files.js';
import { exportCases } from '../store/export.js';
import { isGenomeChoice } from '../store/gene-sets.js';
import { importCases } from '../store/import.js';
import type { Store } from '../store/store.js';
import type { StoredGeneSet } from '../store/types.js';
import { MAX_UPLOAD_BYTES, type ParsedRequestOf, type ResponseOf } from './contract.js';
import type { ApiContext } from './context.js';
import type { Handlers } from './handlers.js';
import { RANKER_LABELS } from './engine.js';
import { providersView } from './provider-settings.js';

type Upload = ParsedRequestOf<'importCases'>['file'];

const kB = (n: number): string => `${Math.round(n / 1000)} kB`;

/** The file's bytes, refused with a fix when empty or over the upload limit. */
function decode(file: Upload, tooLargeHint: string): Buffer {
  const bytes = Buffer.from(file.base64, 'base64');
  if (bytes.length > MAX_UPLOAD_BYTES) {
    throw new OdysseyError(
      'upload-too-large',
      `${file.fileName} is ${kB(bytes.length)}; the app takes files of up to ${kB(MAX_UPLOAD_BYTES)}.`,
      tooLargeHint,
    );
  }
  if (bytes.length === 0) {
    throw new OdysseyError(
      'upload-empty',
      `${file.fileName} is empty.`,
      'Choose the file again; if it is empty on disk, export it again from the program that made it.',
    );
  }
  return bytes;
}

/** A name safe to write in the scratch folder that keeps the extension the readers go by. */
const safeName = (name: string): string =>
  name
    .replace(/^.*[\\/]/, '')
    .replace(/[^\w.-]+/g, '_')
    .replace(/^\.+/, '') || 'upload';

/** Runs `fn` in a fresh private folder under the store home's tmp/, removed afterwards. */
async function inScratch<T>(store: Store, fn: (dir: string) => Promise<T>): Promise<T> {
  const root = join(dirname(store.path), 'tmp');
  await mkdir(root, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(root, 'upload-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes the upload to scratch and reads it with `read`; the scratch path never leaks out. */
async function withUpload<T>(
  store: Store,
  file: Upload,
  tooLargeHint: string,
  read: (path: string, named: (text: string) => string) => Promise<T>,
): Promise<T> {
  const bytes = decode(file, tooLargeHint);
  return inScratch(store, async (dir) => {
    const path = join(dir, safeName(file.fileName));
    const named = (text: string): string =>
      text.split(path).join(file.fileName).split(`${dir}${sep}`).join('');
    await writeFile(path, bytes, { mode: 0o600 });
    try {
      return await read(path, named);
    } catch (e) {
      if (!isOdysseyError(e)) throw e;
      throw new OdysseyError(e.code, named(e.message), e.hint && named(e.hint));
    }
  });
}

// --- candidate genes --------------------------------------------------------------------------

const VCF_TOO_LARGE =
  'Keep only the candidate variants, e.g. `bcftools view -f PASS -i "QUAL>30" in.vcf.gz -Oz -o candidates.vcf.gz`, and upload that (bgzipped files are smaller); or attach the whole VCF from the command line with `odyssey case update ID --vcf file.vcf.gz`.';
const PANEL_TOO_LARGE =
  'Upload only the gene column, or paste the gene symbols into the list box instead.';

function setView(s: StoredGeneSet): ResponseOf<'getCandidateGenes'>['history'][number] {
  return {
    id: s.id,
    kind: s.kind,
    genome: isGenomeChoice(s),
    ...(s.path ? { fileName: s.path } : {}),
    ...(s.sha256 ? { sha256: s.sha256 } : {}),
    inputCount: s.inputCount,
    genes: s.genes,
    warnings: s.warnings,
    ...(s.vcf ? { vcf: s.vcf } : {}),
    addedBy: s.addedBy,
    addedAt: s.addedAt,
  };
}

async function candidatesView(
  ctx: ApiContext,
  caseId: number,
): Promise<ResponseOf<'getCandidateGenes'>> {
  ctx.store.cases.require(caseId);
  const kb = await ctx.kb();
  const active = ctx.store.geneSets.latest(caseId);
  return {
    caseId,
    active: active ? setView(active) : null,
    unannotated: (active?.genes ?? []).filter((g) => kb.annotatedSymbol(g) === undefined),
    history: ctx.store.geneSets.list(caseId).reverse().map(setView),
  };
}

async function readCandidates(
  ctx: ApiContext,
  source: ParsedRequestOf<'setCandidateGenes'>['source'],
): Promise<CandidateSet> {
  const { identity } = await ctx.kb();
  if (source.kind === 'list') return candidatesFromList(identity, source.text);
  const hint = source.kind === 'vcf' ? VCF_TOO_LARGE : PANEL_TOO_LARGE;
  return withUpload(ctx.store, source.file, hint, async (path, named) => {
    const set =
      source.kind === 'vcf'
        ? await candidatesFromVcf(identity, path, { includeFiltered: source.includeFiltered })
        : await candidatesFromPanel(identity, path);
    return {
      ...set,
      warnings: set.warnings.map(named),
      source: { ...set.source, path: source.file.fileName },
    };
  });
}

async function setCandidateGenes(
  ctx: ApiContext,
  r: ParsedRequestOf<'setCandidateGenes'>,
): Promise<ResponseOf<'setCandidateGenes'>> {
  ctx.store.cases.require(r.caseId);
  const set = await readCandidates(ctx, r.source);
  if (set.genes.length === 0) {
    throw new OdysseyError(
      'candidates-none-known',
      `None of the ${set.source.inputCount} gene name(s) given is a known gene, so nothing was saved: ${set.warnings.slice(0, 3).join('; ')}${set.warnings.length > 3 ? '; …' : ''}.`,
      'Correct the symbols (HGNC approved symbols such as SCN1A), then try again.',
    );
  }
  ctx.store.geneSets.add(r.caseId, set);
  return candidatesView(ctx, r.caseId);
}

async function clearCandidateGenes(
  ctx: ApiContext,
  r: ParsedRequestOf<'clearCandidateGenes'>,
): Promise<ResponseOf<'clearCandidateGenes'>> {
  ctx.store.cases.require(r.caseId);
  // Only a change is recorded: choosing the genome twice adds nothing to the history.
  if (ctx.store.geneSets.latest(r.caseId)) ctx.store.geneSets.useGenome(r.caseId);
  return candidatesView(ctx, r.caseId);
}

// --- case import and export -------------------------------------------------------------------

const CASE_FILE = /\.(json|jsonl|ndjson|tar\.gz|tgz|tar)$/i;

async function importUploaded(
  ctx: ApiContext,
  r: ParsedRequestOf<'importCases'>,
): Promise<ResponseOf<'importCases'>> {
  if (!CASE_FILE.test(r.file.fileName)) {
    throw new OdysseyError(
      'case-unknown-format',
      `${r.file.fileName} is not a file of cases Odyssey can read.`,
      'Choose a phenopacket .json file, a .jsonl file with one phenopacket per line, or a .tar.gz archive of phenopacket .json files.',
    );
  }
  return withUpload(
    ctx.store,
    r.file,
    'Split the cases into several .jsonl or .tar.gz files and import them one by one, or import the whole file from the command line with `odyssey case import FILE`.',
    async (path, named) => {
      const report = await importCases(ctx.store, path, { asUnsolved: r.asUnsolved, sourceName: named });
      return {
        fileName: r.file.fileName,
        imported: report.imported,
        skipped: report.skipped,
        failed: report.failed.map((f) => ({
          source: f.source,
          error: {
            code: f.error.code,
            message: named(f.error.message),
            ...(f.error.hint ? { hint: named(f.error.hint) } : {}),
          },
        })),
        warnings: report.warnings.map(named),
      };
    },
  );
}

/** Every case the Cases screen shows for these filters (all pages). */
function matchingCaseIds(store: Store, r: ParsedRequestOf<'exportCases'>): number[] {
  const ids: number[] = [];
  for (let page = 1; ; page++) {
    const p = store.list({
      ...(r.status ? { status: r.status } : {}),
      ...(r.text?.trim() ? { text: r.text.trim() } : {}),
      ...(r.gene?.trim() ? { gene: r.gene.trim(), geneTop: 10 } : {}),
      ...(r.since ? { since: r.since } : {}),
      ...(r.until ? { until: r.until } : {}),
      page,
      pageSize: 500,
    });
    ids.push(...p.items.map((c) => c.id));
    if (p.items.length === 0 || ids.length >= p.total) return ids;
  }
}

async function exportSelected(
  ctx: ApiContext,
  r: ParsedRequestOf<'exportCases'>,
): Promise<ResponseOf<'exportCases'>> {
  const ids = r.caseIds ?? matchingCaseIds(ctx.store, r);
  for (const id of ids) ctx.store.cases.require(id);
  if (ids.length === 0) {
    throw new OdysseyError(
      'nothing-to-export',
      'No case matches the filters, so nothing was exported.',
      'Clear the filters, or create or import cases first.',
    );
  }
  // One case is one phenopacket document; several are JSONL, which `case import` reads back.
  const fileName =
    ids.length === 1 ? `odyssey-case-${ids[0]}.json` : `odyssey-${ids.length}-cases.jsonl`;
  const bytes = await inScratch(ctx.store, async (dir) => {
    const out = join(dir, fileName);
    await exportCases(ctx.store, ids, out);
    return readFile(out);
  });
  return {
    fileName,
    mimeType: ids.length === 1 ? 'application/json' : 'application/x-ndjson',
    base64: bytes.toString('base64'),
    bytes: bytes.length,
    count: ids.length,
  };
}

// --- about ------------------------------------------------------------------------------------

type ModelInfo = ResponseOf<'aboutOdyssey'>['models'][number];

function onnxRankerInfo(): ModelInfo {
  const title = 'ONNX gene ranker';
  const path = join(rankerModelDir(), 'ranker.json');
  if (!existsSync(path))
    return {
      id: 'onnx',
      title,
      version: '—',
      detail: 'Not installed on this computer.',
      installed: false,
    };
  const meta = JSON.parse(readFileSync(path, 'utf8')) as { sha256: string; listSize: number };
  return {
    id: 'onnx',
    title,
    // As OnnxRanker.info.version, so it matches what analyses record.
    version: `1+${meta.sha256.slice(0, 12)}`,
    detail: `Learning-to-rank model re-ordering the knowledge ranker's top ${meta.listSize} genes; runs on this computer.`,
    installed: true,
  };
}

function localModelInfo(name: 'encoder' | 'classifier', title: string, does: string): ModelInfo {
  try {
    const meta = readModelMeta(modelsDir(), name, ModelMetaBase);
    return {
      id: name,
      title,
      version: `sha256 ${meta.sha256.slice(0, 12)}`,
      detail: `${does}; trained on HPO ${meta.hpoVersion} (recipe ${meta.recipe}); runs on this computer.`,
      installed: true,
    };
  } catch (e) {
    if (!isOdysseyError(e)) throw e;
    return {
      id: name,
      title,
      version: '—',
      detail: `${e.message} ${e.hint ?? ''}`.trim(),
      installed: false,
    };
  }
}

async function aboutOdyssey(ctx: ApiContext): Promise<ResponseOf<'aboutOdyssey'>> {
  const providers = providersView(ctx);
  return {
    data: dataStatus().map(({ dataset: d, installed }) => ({
      id: d.id,
      title: d.title,
      version: d.version,
      licence: d.licence,
      ...(d.url ? { url: d.url } : {}),
      installed: Boolean(installed),
    })),
    models: [
      {
        id: 'knowledge',
        title: 'Knowledge ranker',
        version: KNOWLEDGE_RANKER.version,
        detail: RANKER_LABELS.knowledge?.description ?? KNOWLEDGE_RANKER.description,
        installed: true,
      },
      onnxRankerInfo(),
      localModelInfo('encoder', 'Phrase encoder', 'Matches phrases in notes to HPO terms'),
      localModelInfo(
        'classifier',
        'Organ-system classifier',
        'Suggests the organ systems of a phrase',
      ),
    ],
    localOnly: providers.localOnly,
    remoteProviders: providers.providers.filter((p) => !p.local && p.configured).map((p) => p.name),
  };
}

export const caseIoHandlers: Pick<
  Handlers,
  | 'getCandidateGenes'
  | 'setCandidateGenes'
  | 'clearCandidateGenes'
  | 'importCases'
  | 'exportCases'
  | 'aboutOdyssey'
> = {
  getCandidateGenes: (ctx, r) => candidatesView(ctx, r.caseId),
  setCandidateGenes,
  clearCandidateGenes,
  importCases: importUploaded,
  exportCases: exportSelected,
  aboutOdyssey,
};
