/**
 * The case store's public API, for the CLI, reports and the desktop UI. Open one Store per
 * process (the Electron main process passes app.getPath('userData') as `home`).
 */
export { openStore, Store, type CaseView, type StoreOptions } from './store.js';
export { resolveStoreHome, databasePath, DATABASE_FILE } from './home.js';
export { SCHEMA_VERSION, APPLICATION_ID } from './migrations.js';
export { AnalysisRepository, type NewAnalysis } from './analyses.js';
export { InlineEngine, STORED_TOP, type RankEngine, type RankOutcome } from './engine.js';
export { RankPool } from './rank-pool.js';
export { analyzeCase, reanalyze, queryForCase, unsolvedCaseIds, DEFAULT_RANKER, type CaseOutcome, type ReanalyzeOptions, type ReanalyzeReport } from './reanalyze.js';
export { importCases, caseContentHash, type ImportReport } from './import.js';
export { exportCases, casePhenopacket, exportFormat, type ExportFormat } from './export.js';
export { caseListCsv } from './csv.js';
export { backupStore, restoreStore, inspectBackup, type BackupInfo, type RestoreResult } from './backup.js';
export type * from './types.js';
export { CASE_STATUSES } from './types.js';
