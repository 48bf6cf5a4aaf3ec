/**
 * `odyssey case …`, `analyze`, `reanalyze`, `backup` and `restore` as a user runs them, in-process
 * against a real case store in a temporary ODYSSEY_HOME and the installed HPO release.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { fixture, tempDir } from '../helpers.js';
import { runCli } from './run-cli.js';

const NO_STACK = /\n\s+at /;
let home: string;
beforeEach(() => {
  home = tempDir('odyssey-cli-home-');
  process.env.ODYSSEY_HOME = home;
  process.env.ODYSSEY_ACTOR = 'cli-test';
});

/** Exit code 2 with `error:` naming the problem and `fix:` saying what to do, and no stack trace. */
async function expectUserError(args: string[], message: RegExp): Promise<string> {
  const r = await runCli(...args);
  expect(r.code, r.out).toBe(2);
  expect(r.err).toMatch(/^error: /m);
  expect(r.err).toMatch(/^ {2}fix: /m);
  expect(r.err).toMatch(message);
  expect(r.err).not.toMatch(NO_STACK);
  return r.err;
}

async function ok(...args: string[]): Promise<string> {
  const r = await runCli(...args);
  expect(r.code, r.err).toBe(0);
  return r.out;
}

describe('odyssey case', () => {
  it('adds, lists, shows, updates, solves and deletes cases', async () => {
    const add = await runCli('case', 'add', '--label', 'Patient 7', '--sex', 'female', '--age', 'P3Y6M', '--onset', 'HP:0003593', '--hpo', 'HP:0001250, HP:0001255', '--exclude', 'HP:0000365', '--notes', 'refractory seizures', '--genes', 'KCNT1 SCN1A');
    expect(add.code, add.err).toBe(0);
    expect(add.out).toMatch(/^Added case 1 \(Patient 7\) with 2 observed and 1 excluded terms/);
    expect(add.err).toMatch(/warning: HP:0001255 is an alternative id of HP:0001263 \(Global developmental delay\); using HP:0001263\./);
    await ok('case', 'add', '--label', 'P2', '--hpo', 'HP:0000252');

    const list = await ok('case', 'list');
    expect(list).toMatch(/│ 2 +│ P2 +│ unsolved/);
    expect(list).toMatch(/page 1 of 1 \(2 cases\)/);
    const shown = JSON.parse(await ok('case', 'show', '1', '--json')) as { case: Record<string, unknown>; phenotypes: { id: string; label: string; excluded: boolean; addedBy: string }[]; geneSet: { genes: string[] } };
    expect(shown.case).toMatchObject({ id: 1, label: 'Patient 7', sex: 'FEMALE', ageYears: 3.5, onsetTerm: 'HP:0003593', notes: 'refractory seizures', createdBy: 'cli-test' });
    expect(shown.phenotypes.map((p) => [p.label, p.excluded, p.addedBy])).toEqual([
      ['Seizure', false, 'cli-test'],
      ['Global developmental delay', false, 'cli-test'],
      ['Hearing impairment', true, 'cli-test'],
    ]);
    expect(shown.geneSet.genes).toEqual(['KCNT1', 'SCN1A']);
    expect(await ok('case', 'show', '1')).toMatch(/Not analysed yet: run `odyssey analyze --case 1`/);

    expect(await ok('case', 'update', '1', '--notes', 'seen 2026-03', '--remove-hpo', 'HP:0000365', '--hpo', 'HP:0000252')).toMatch(/1 term\(s\) added, 1 removed/);
    // Back to the whole genome: the candidate set is no longer used, but it is kept.
    await expectUserError(['case', 'update', '1', '--genome', '--genes', 'KCNT1'], /--genome cannot be combined/);
    expect(await ok('case', 'update', '1', '--genome')).toMatch(/the whole genome ranked again/);
    expect((JSON.parse(await ok('case', 'show', '1', '--json')) as { geneSet?: unknown }).geneSet).toBeUndefined();
    expect(await ok('case', 'solve', '1', '--diagnosis', 'OMIM:614959', '--diagnosis-label', 'DEE14', '--gene', 'kcnt1')).toMatch(/Case 1 \(Patient 7\) is solved: OMIM:614959, KCNT1/);
    expect(await ok('case', 'list', '--status', 'solved', '--json')).toMatch(/"causalGene": "KCNT1"/);
    expect(JSON.parse(await ok('case', 'list', '--gene', 'KCNT1', '--json')).total).toBe(1);
    expect(JSON.parse(await ok('case', 'list', '--hpo', 'HP:0000252', '--json')).total).toBe(2);
    expect(JSON.parse(await ok('case', 'list', '--text', 'seen 2026', '--json')).total).toBe(1);
    expect(JSON.parse(await ok('case', 'list', '--until', '2001-01-01', '--json')).total).toBe(0);
    const csv = await ok('case', 'list', '--csv');
    expect(csv.split('\n')[0]).toMatch(/^id,label,status,sex/);
    expect(csv).toMatch(/^1,Patient 7,solved,FEMALE,3\.5,3,0,KCNT1,OMIM:614959,DEE14,/m);
    const csvFile = join(tempDir(), 'cases.csv');
    await ok('case', 'list', '--csv', csvFile);
    expect(readFileSync(csvFile, 'utf8')).toBe(csv);

    await expectUserError(['case', 'delete', '2'], /Deleting case 2 \(P2\) needs confirmation[\s\S]*--yes/);
    expect(await ok('case', 'delete', '2', '--yes')).toMatch(/Deleted case 2 \(P2\) and 0 analyses/);
    await expectUserError(['case', 'show', '2'], /There is no case 2 in the case store/);
  });

  it('imports phenopackets idempotently, reports malformed files by name and field, and exports them', async () => {
    const first = await runCli('case', 'import', fixture('cases'));
    expect(first.code).toBe(2);
    expect(first.err).toMatch(/error: .*malformed-bad-hpo-id\.json: field phenotypicFeatures\[3\]\.type\.id/);
    expect(first.err).toMatch(/^ {2}fix: Correct phenotypicFeatures\[3\]\.type\.id to an HPO term id/m);
    expect(first.err).toMatch(/error: 4 of \d+ case file\(s\) could not be imported \(listed above\); the others were\./);
    const imported = Number(/Imported (\d+) case\(s\)/.exec(first.out)?.[1]);
    expect(imported).toBeGreaterThan(3);
    const again = await runCli('case', 'import', fixture('cases'));
    expect(again.out).toMatch(new RegExp(`Imported 0 case\\(s\\); ${imported} already in the store; 4 could not be read`));
    expect(JSON.parse(await ok('case', 'list', '--json')).total).toBe(imported);

    const out = tempDir();
    expect(await ok('case', 'export', '--all', '--out', join(out, 'all.jsonl'))).toMatch(new RegExp(`Exported ${imported} case\\(s\\) to .*all\\.jsonl \\(jsonl\\)`));
    expect(readFileSync(join(out, 'all.jsonl'), 'utf8').trim().split('\n')).toHaveLength(imported);
    await ok('case', 'export', '1', '--out', join(out, 'one.json'));
    expect(JSON.parse(readFileSync(join(out, 'one.json'), 'utf8'))).toMatchObject({ metaData: { phenopacketSchemaVersion: '2.0.2' } });
    await expectUserError(['case', 'export', '1', '--out', join(out, 'one.json')], /one\.json already exists/);
    await expectUserError(['case', 'export', '--out', join(out, 'x.jsonl')], /Say which cases to export/);
    await expectUserError(['case', 'export', '1', '2', '--out', join(out, 'x.json')], /A \.json file holds one case; 2 were selected/);
    // The bundle imports back into the same store as duplicates of what is there.
    expect(await ok('case', 'import', join(out, 'all.jsonl'))).toMatch(new RegExp(`Imported 0 case\\(s\\); ${imported} already in the store`));
  });

  it('refuses bad input with the problem and the fix', async () => {
    await expectUserError(['case', 'add', '--label', 'x', '--sex', 'yes'], /--sex must be female, male, other or unknown, not "yes"/);
    await expectUserError(['case', 'add', '--label', 'x', '--age', 'three'], /--age must be an age in years/);
    await expectUserError(['case', 'add', '--label', 'x', '--hpo', 'HP:9999999'], /HP:9999999 is not in HPO release/);
    await expectUserError(['case', 'add', '--label', '  '], /A case label cannot be empty/);
    await expectUserError(['case', 'show', 'abc'], /The case id must be a case number such as 12, not "abc"/);
    await expectUserError(['case', 'list', '--status', 'open'], /--status must be one of unsolved, solved, closed/);
    await expectUserError(['case', 'list', '--since', 'yesterday'], /--since must be a date like 2026-03-01/);
    await ok('case', 'add', '--label', 'x');
    await expectUserError(['case', 'solve', '1'], /Give the final diagnosis: --diagnosis, --gene or both/);
    await expectUserError(['case', 'solve', '1', '--gene', 'NOTAGENE1'], /NOTAGENE1 is not a gene symbol HGNC knows/);
    await expectUserError(['case', 'update', '1', '--status', 'solved'], /A case is marked solved with its diagnosis/);
    await expectUserError(['case', 'import', join(home, 'nothing-here.json')], /Case input not found/);
    await expectUserError(['reanalyze'], /Give either --case ID or --all-unsolved/);
    await expectUserError(['analyze', '--case', '5'], /There is no case 5/);
    await expectUserError(['analyze', '--case', '1', '--ranker', 'magic'], /There is no ranker called "magic"/);
    expect((await runCli('case', 'add')).code).toBe(1); // commander: --label is required
  });
});

describe('odyssey analyze and reanalyze', () => {
  it('stores a first analysis, skips identical reruns, reports what changed, and shows it on the case', async () => {
    await ok('case', 'add', '--label', 'KCNT1-like', '--hpo', 'HP:0200134,HP:0001263,HP:0002373,HP:0001250');
    await ok('case', 'add', '--label', 'second', '--hpo', 'HP:0000252,HP:0001263');
    await ok('case', 'add', '--label', 'no terms yet');
    expect(await ok('analyze', '--case', '1')).toMatch(/^Case 1: analysis 1\. First analysis: \d+ genes scored; the leading genes are /);

    const batch = await runCli('reanalyze', '--all-unsolved');
    expect(batch.code).toBe(0);
    expect(batch.out).toMatch(/Case 1: skipped, already analysed with these findings/);
    expect(batch.out).toMatch(/Case 2: analysis 2\. First analysis/);
    expect(batch.out).toMatch(/Case 3: skipped, no observed phenotypes to rank/);
    expect(batch.out).toMatch(/1 analysed, 2 skipped, 0 failed\./);

    const forced = JSON.parse(await ok('reanalyze', '--case', '1', '--force', '--ranker', 'resnik', '--top', '5', '--json')) as { outcomes: { status: string; diff: { top: number; rankerChanged: unknown; knowledgeChanged: unknown[] } }[] };
    expect(forced.outcomes[0]).toMatchObject({ status: 'analysed', diff: { top: 5, rankerChanged: { from: 'knowledge v2', to: 'resnik v1' }, knowledgeChanged: [] } });
    const shown = await ok('case', 'show', '1');
    expect(shown).toMatch(/Latest analysis 3, .*ranker resnik v1, HPO 2026-02-16/);
    expect(shown).toMatch(/What changed: Compared with analysis 1, this one used a different ranker \(knowledge v2 → resnik v1\)/);
    const json = JSON.parse(await ok('case', 'show', '1', '--json', '--top', '3')) as { latestAnalysis: { genes: { explanation: { matches: unknown[] } }[]; knowledge: { hpo: string } } };
    expect(json.latestAnalysis.genes).toHaveLength(3);
    expect(json.latestAnalysis.genes[0]!.explanation.matches.length).toBeGreaterThan(0);
    const listed = JSON.parse(await ok('case', 'list', '--json')) as { items: { id: number; latestAnalysis?: { id: number } }[] };
    expect(listed.items.find((c) => c.id === 1)?.latestAnalysis?.id).toBe(3);
  });
});

describe('odyssey backup and restore', () => {
  it('backs up, refuses to restore over the store without --yes, and restores with a safety copy', async () => {
    await ok('case', 'add', '--label', 'before backup', '--hpo', 'HP:0001250');
    const file = join(tempDir(), 'cases-backup.db');
    expect(await ok('backup', file)).toMatch(/Backed up 1 case\(s\) and 0 analyses to .*cases-backup\.db \(schema version 1\)/);
    await expectUserError(['backup', file], /already exists/);
    await ok('case', 'add', '--label', 'after backup');
    await expectUserError(['restore', file], /Restoring .*cases-backup\.db over the current case store needs confirmation/);
    const restored = await ok('restore', file, '--yes');
    expect(restored).toMatch(/Restored 1 case\(s\) and 0 analyses from .* The previous case store was saved as (.*safety\/odyssey-before-restore-.*\.db)\./);
    expect(existsSync(/saved as (.*\.db)\./.exec(restored)![1]!)).toBe(true);
    expect(JSON.parse(await ok('case', 'list', '--json')).items.map((c: { label: string }) => c.label)).toEqual(['before backup']);
    await expectUserError(['restore', fixture('cases', 'v2.0.2-full.json'), '--yes'], /is not a usable Odyssey backup: it is not an SQLite database/);
  });
});
