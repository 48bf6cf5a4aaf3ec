/**
 * `odyssey case add|list|show|update|solve|delete` (import and export: case-transfer.ts).
 * Cases live in the store in ODYSSEY_HOME (or the user data folder).
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CaseDiagnosis } from '../../core/cases/types.js';
import { OdysseyError } from '../../core/errors.js';
import { caseListCsv } from '../../core/store/csv.js';
import { CASE_STATUSES, type CasePatch, type CaseStatus, type NewCase } from '../../core/store/types.js';
import { type CliIO, printJson } from '../io.js';
import { positiveInt } from '../options.js';
import { analysisSummaryJson, printCasePage, printCaseView } from './case-format.js';
import { registerCaseTransfer } from './case-transfer.js';
import { approvedSymbol, confirm, geneSetFromOptions, parseCaseId, parseOnset, parseSex, parseYears, resolveTerms, splitIds, withStore, type GeneSetOptions } from './store-helpers.js';

interface CaseFields extends GeneSetOptions {
  label?: string;
  sex?: string;
  age?: string;
  onset?: string;
  hpo?: string;
  exclude?: string;
  notes?: string;
  json?: boolean;
}

function demographics(o: CaseFields): Pick<NewCase, 'sex' | 'ageYears' | 'onsetYears' | 'onsetTerm'> {
  return {
    ...(o.sex !== undefined ? { sex: parseSex(o.sex) } : {}),
    ...(o.age !== undefined ? { ageYears: parseYears(o.age, '--age') } : {}),
    ...(o.onset !== undefined ? parseOnset(o.onset) : {}),
  };
}

function parseStatus(value: string | undefined): CaseStatus | undefined {
  if (value === undefined) return undefined;
  if (!CASE_STATUSES.includes(value as CaseStatus)) throw new OdysseyError('bad-option', `--status must be one of ${CASE_STATUSES.join(', ')}, not "${value}".`, 'For example: --status unsolved');
  return value as CaseStatus;
}

function withFields(cmd: Command): Command {
  return cmd
    .option('--sex <sex>', 'female, male, other or unknown')
    .option('--age <age>', 'age at last encounter: years (4, 0.5) or ISO 8601 (P4Y6M)')
    .option('--onset <onset>', 'age of onset (years or ISO 8601) or an HPO onset class (HP:0003577)')
    .option('--hpo <ids>', 'observed HPO terms, comma-separated')
    .option('--exclude <ids>', 'excluded HPO terms, comma-separated')
    .option('--notes <text>', 'free-text notes')
    .option('--genes <list>', 'candidate genes: a list separated by commas or spaces')
    .option('--genes-file <file>', 'candidate genes: a panel file (TSV/CSV with a gene column) or a list')
    .option('--vcf <file>', 'candidate genes: an annotated VCF (VEP CSQ, SnpEff ANN or GENEINFO)')
    .option('--json', 'print the case as JSON');
}

export function registerCase(program: Command, io: CliIO): void {
  const cases = program.command('case').description('keep patient cases: add, list, show, update, solve, delete, import, export');

  withFields(cases.command('add').description('add a case (label or pseudonym, demographics, HPO terms, candidate genes)').requiredOption('--label <label>', 'label or pseudonym (not a real name)')).action(
    async (o: CaseFields & { label: string }) => {
      if (!o.label.trim()) throw new OdysseyError('bad-label', 'A case label cannot be empty.', 'Give a label or pseudonym, e.g. --label "Patient 7".');
      const fields = demographics(o);
      const terms = await resolveTerms(splitIds(o.hpo), splitIds(o.exclude), io);
      const set = await geneSetFromOptions(o, io);
      await withStore((store) => {
        const c = store.transaction(() => {
          const created = store.cases.create({ label: o.label.trim(), ...fields, ...(o.notes ? { notes: o.notes } : {}) }, terms);
          if (set) store.geneSets.add(created.id, set);
          return created;
        });
        if (o.json) printJson(io, store.view(c.id));
        else io.out(`Added case ${c.id} (${c.label}) with ${terms.filter((t) => !t.excluded).length} observed and ${terms.filter((t) => t.excluded).length} excluded terms. Analyse it with \`odyssey analyze --case ${c.id}\`.`);
      });
    },
  );

  cases
    .command('list')
    .description('list cases, newest change first; filter by status, text, gene, HPO term and date')
    .option('--status <status>', `one of ${CASE_STATUSES.join(', ')}`)
    .option('--text <words>', 'words in the label, notes, phenopacket id or diagnosis')
    .option('--gene <symbol>', 'causal gene, or a gene in the top --gene-top of the latest analysis')
    .option('--gene-top <n>', 'how deep --gene looks into the latest ranking', '10')
    .option('--hpo <id>', 'cases with this observed HPO term')
    .option('--since <date>', 'changed on or after this date (2026-03-01)')
    .option('--until <date>', 'changed on or before this date')
    .option('--page <n>', 'page number', '1')
    .option('--page-size <n>', 'cases per page (up to 500)', '50')
    .option('--all', 'every matching case on one page (for --csv and --json)')
    .option('--csv [file]', 'write the list as CSV (to the file, or to standard output)')
    .option('--json', 'print {items, total, page, pageSize} as JSON')
    .action(async (o: { status?: string; text?: string; gene?: string; geneTop: string; hpo?: string; since?: string; until?: string; page: string; pageSize: string; all?: boolean; csv?: string | boolean; json?: boolean }) => {
      const status = parseStatus(o.status);
      const query = {
        ...(status ? { status } : {}),
        ...(o.text ? { text: o.text } : {}),
        ...(o.gene ? { gene: o.gene.trim(), geneTop: positiveInt(o.geneTop, '--gene-top', 100) } : {}),
        ...(o.hpo ? { hpo: o.hpo.trim().toUpperCase() } : {}),
        ...(o.since ? { since: o.since } : {}),
        ...(o.until ? { until: o.until } : {}),
      };
      await withStore((store) => {
        const pageSize = positiveInt(o.pageSize, '--page-size', 500);
        const page = positiveInt(o.page, '--page');
        let result = store.list({ ...query, page, pageSize });
        if (o.all) {
          const items = [...result.items];
          for (let p = 2; items.length < result.total; p++) items.push(...store.list({ ...query, page: p, pageSize: 500 }).items);
          result = { items, total: result.total, page: 1, pageSize: Math.max(1, items.length) };
        }
        if (o.csv !== undefined && o.csv !== false) {
          const csv = caseListCsv(result.items);
          if (typeof o.csv === 'string') {
            writeFileSync(o.csv, csv);
            io.err(`Wrote ${result.items.length} cases to ${o.csv}${result.items.length < result.total ? ` (page ${result.page}; add --all for all ${result.total})` : ''}.`);
          } else io.out(csv);
        } else if (o.json) printJson(io, result);
        else printCasePage(io, result);
      });
    });

  cases
    .command('show <id>')
    .description('show a case with its phenotypes and its latest analysis')
    .option('--top <n>', 'genes of the latest analysis to show', '10')
    .option('--json', 'print {case, phenotypes, geneSet, latestAnalysis} as JSON')
    .action(async (id: string, o: { top: string; json?: boolean }) => {
      const caseId = parseCaseId(id);
      const top = positiveInt(o.top, '--top', 100);
      await withStore((store) => {
        const v = store.view(caseId);
        if (o.json) printJson(io, { ...v, latestAnalysis: analysisSummaryJson(v.latestAnalysis, top) });
        else printCaseView(io, v, top);
      });
    });

  withFields(cases.command('update <id>').description('change a case: label, demographics, notes, status; add or remove HPO terms; attach candidate genes'))
    .option('--label <label>', 'new label or pseudonym')
    .option('--status <status>', 'unsolved or closed (use `case solve` to mark solved)')
    .option('--remove-hpo <ids>', 'HPO terms to remove (observed or excluded), comma-separated')
    .option('--genome', 'rank the whole genome again (earlier candidate gene sets are kept)')
    .action(async (id: string, o: CaseFields & { status?: string; removeHpo?: string; genome?: boolean }) => {
      const caseId = parseCaseId(id);
      const status = parseStatus(o.status);
      if (status === 'solved') throw new OdysseyError('bad-option', 'A case is marked solved with its diagnosis, not with --status.', `Use: odyssey case solve ${caseId} --diagnosis OMIM:... --gene SYMBOL`);
      const d = demographics(o);
      // A new onset replaces the old one, whether it was given as an age or as an onset class.
      const onset = o.onset === undefined ? {} : d.onsetYears !== undefined ? { onsetTerm: null } : { onsetYears: null };
      const patch: CasePatch = { ...d, ...onset, ...(o.label !== undefined ? { label: o.label } : {}), ...(o.notes !== undefined ? { notes: o.notes } : {}), ...(status ? { status } : {}) };
      const terms = await resolveTerms(splitIds(o.hpo), splitIds(o.exclude), io);
      const set = await geneSetFromOptions(o, io);
      if (set && o.genome) throw new OdysseyError('bad-option', '--genome cannot be combined with --genes, --genes-file or --vcf.', 'Give either the candidate genes or --genome.');
      await withStore((store) => {
        const changes = store.transaction(() => {
          store.cases.update(caseId, patch);
          if (o.genome) store.geneSets.useGenome(caseId);
          const removed = store.phenotypes.remove(caseId, splitIds(o.removeHpo).map((x) => x.toUpperCase()));
          const added = store.phenotypes.add(caseId, terms);
          if (set) store.geneSets.add(caseId, set);
          return { removed: removed.length, added: added.length };
        });
        if (o.json) printJson(io, store.view(caseId));
        else io.out(`Updated case ${caseId}: ${changes.added} term(s) added, ${changes.removed} removed${set ? `, ${set.genes.length} candidate genes attached` : ''}${o.genome ? ', the whole genome ranked again' : ''}.`);
      });
    });

  cases
    .command('solve <id>')
    .description('mark a case solved with its final diagnosis and causal gene')
    .option('--diagnosis <id>', 'disease id, e.g. OMIM:614959 or ORPHA:1934')
    .option('--diagnosis-label <name>', 'disease name')
    .option('--gene <symbol>', 'causal gene (HGNC symbol)')
    .action(async (id: string, o: { diagnosis?: string; diagnosisLabel?: string; gene?: string }) => {
      const caseId = parseCaseId(id);
      if (!o.diagnosis && !o.gene) throw new OdysseyError('bad-option', 'Give the final diagnosis: --diagnosis, --gene or both.', `For example: odyssey case solve ${caseId} --diagnosis OMIM:614959 --gene KCNT1`);
      if (o.diagnosis && !/^[A-Za-z][\w.-]*:\S+$/.test(o.diagnosis)) throw new OdysseyError('bad-option', `--diagnosis must be a disease id such as OMIM:614959, not "${o.diagnosis}".`, 'Put the disease name in --diagnosis-label.');
      const gene = o.gene ? await approvedSymbol(o.gene.trim(), io) : undefined;
      const diagnosis: CaseDiagnosis = { diseases: o.diagnosis ? [{ id: o.diagnosis, ...(o.diagnosisLabel ? { label: o.diagnosisLabel } : {}) }] : [], genes: gene ? [gene] : [], geneIds: {}, variants: [] };
      await withStore((store) => {
        const c = store.cases.solve(caseId, diagnosis);
        io.out(`Case ${c.id} (${c.label}) is solved: ${[o.diagnosis, gene].filter(Boolean).join(', ')}.`);
      });
    });

  cases
    .command('delete <id>')
    .description('delete a case with its analyses (asks first; --yes in scripts)')
    .option('--yes', 'do not ask for confirmation')
    .action(async (id: string, o: { yes?: boolean }) => {
      const caseId = parseCaseId(id);
      await withStore(async (store) => {
        const c = store.cases.require(caseId);
        const analyses = store.analyses.list(caseId).length;
        await confirm(io, `Delete case ${c.id} (${c.label}) and its ${analyses} analyses?`, o.yes, `Deleting case ${c.id} (${c.label})`);
        store.cases.delete(caseId);
        io.out(`Deleted case ${c.id} (${c.label}) and ${analyses} analyses. The audit log keeps the case's details; a backup made earlier holds everything.`);
      });
    });

  registerCaseTransfer(cases, io);
}
