/**
 * The clinician's walk-through in a real browser against `odyssey serve`, the real installed
 * data and a temporary case store: create a case, add terms by autocomplete, accept terms from a
 * pasted note, run a knowledge analysis (ranked genes and evidence grid), open the differential
 * and add a suggested finding in one click, export the PDF, and find everything again after a
 * server restart. Each main screen is scanned with axe-core and
 * photographed at 1280×800 into test-output/screenshots.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import {
  CHROMIUM,
  expectAccessible,
  HAVE_CHROMIUM,
  screenshot,
  serveUi,
  startUi,
  stopUi,
  type Running,
} from './browser.js';

if (!HAVE_CHROMIUM)
  console.warn(
    `e2e tests skipped: ${CHROMIUM} is missing. Install it with: apt-get install -y chromium`,
  );

describe.skipIf(!HAVE_CHROMIUM)('the desktop UI in a browser', () => {
  const home = tempDir('odyssey-e2e-home-');
  const errors: string[] = [];
  let browser: Browser;
  let running: Running;
  let page: Page;

  beforeAll(async () => {
    ({ running, browser, page } = await startUi(home, errors));
  });
  afterAll(() => stopUi({ browser, running }));

  it('opens on the case list, with the token taken out of the address', async () => {
    await page.goto(running.server.openUrl);
    await page.getByRole('heading', { name: 'Cases', level: 2 }).waitFor();
    expect(page.url()).not.toContain('token');
    await expectAccessible(page);
    await screenshot(page, '01-cases-empty');
  });

  it('creates a case and adds terms through the autocomplete, by keyboard', async () => {
    await page.getByLabel('New case: label or pseudonym').fill('Patient E2E');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByRole('heading', { name: 'Patient E2E', level: 2 }).waitFor();
    const search = page.getByLabel('Add an HPO term');
    await search.fill('hypoton');
    await page
      .getByRole('option', { name: /Hypotonia/ })
      .first()
      .waitFor();
    await screenshot(page, '02-autocomplete');
    await search.press('Enter');
    const observed = page.getByRole('region', { name: 'Observed' });
    await observed.getByText('Hypotonia', { exact: true }).waitFor();
    // A synonym: the option says which synonym matched.
    await search.fill('salaam convulsions');
    await page.getByRole('option', { name: /Epileptic spasm.*matched synonym/ }).waitFor();
    await search.press('Enter');
    await observed.getByText('Epileptic spasm', { exact: true }).waitFor();
  });

  it('finds terms in a pasted note, highlights them, and adds the accepted ones', async () => {
    await page
      .getByLabel('Clinical note')
      .fill(
        'Global developmental delay since infancy. Microcephaly was noted at birth. No hearing loss.',
      );
    await page.getByRole('button', { name: 'Find terms in the note' }).click();
    await page.locator('.note-view mark').first().waitFor();
    expect(await page.locator('.note-view mark.negated').count()).toBeGreaterThan(0);
    const found = page
      .getByRole('group', { name: 'Terms found in the note' })
      .or(page.locator('[aria-label="Terms found in the note"]'));
    await found.getByText('Microcephaly').first().waitFor();
    await screenshot(page, '03-note-review');
    await page.getByRole('button', { name: /Add \d+ accepted terms? to the case/ }).click();
    const excluded = page.getByRole('region', { name: 'Excluded (checked and absent)' });
    await excluded.getByText('Hearing impairment').waitFor();
    await page
      .getByRole('region', { name: 'Observed' })
      .getByText('Microcephaly', { exact: true })
      .waitFor();
    await page.getByRole('figure').waitFor();
    await expectAccessible(page);
    await screenshot(page, '04-case-editor');
  });

  it('runs a knowledge analysis and shows the ranked genes and the evidence grid', async () => {
    await page.getByRole('button', { name: 'Analyse this case' }).click();
    await page.getByRole('heading', { name: 'Analyse and results' }).waitFor();
    await page.getByRole('button', { name: 'Run analysis' }).click();
    const table = page.getByRole('table', { name: 'Ranked candidate genes' });
    await table.getByRole('row').nth(10).waitFor();
    const grid = page.locator('table.evidence-grid');
    // Rows: the four observed findings (excluded ones are not matched against genes).
    expect(await grid.locator('tbody tr').count()).toBe(4);
    expect(await grid.locator('thead th button').count()).toBeGreaterThanOrEqual(10);
    // Choosing a gene in the grid shows its explanation.
    const second = grid.locator('thead th button').nth(1);
    const symbol = (await second.textContent())!;
    await second.click();
    await page.getByRole('heading', { name: new RegExp(`^${symbol}: rank 2`) }).waitFor();
    await expectAccessible(page);
    await screenshot(page, '05-results');
    await page.screenshot({
      path: (await screenshot(page, '05-results')).replace('05-results', '05b-results-full-page'),
      fullPage: true,
    });
  });

  it('sorts the gene table by a column header', async () => {
    const table = page.getByRole('table', { name: 'Ranked candidate genes' });
    await table.getByRole('button', { name: /^Gene/ }).click();
    const first = await table.locator('tbody tr').first().locator('td').nth(1).textContent();
    const second = await table.locator('tbody tr').nth(1).locator('td').nth(1).textContent();
    expect([first, second]).toEqual([first, second].sort());
    await table.getByRole('button', { name: /^Rank/ }).click();
  });

  it('opens the differential, runs it, and adds a suggested finding in one click', async () => {
    await page.getByRole('link', { name: 'Differential diagnosis' }).click();
    await page.getByRole('heading', { name: 'Differential diagnosis', level: 2 }).waitFor();
    await page.getByText('No differential diagnosis has been drawn for this case').waitFor();
    await page.getByRole('button', { name: 'Run differential' }).click();
    await page.getByRole('heading', { name: '5. Conclusion' }).waitFor();
    const probabilities = page.getByRole('list', { name: 'Differential with probabilities' });
    expect(await probabilities.getByRole('listitem').count()).toBeGreaterThanOrEqual(3);
    await page.getByRole('heading', { name: '6. Next steps' }).waitFor();
    const analysis = async (): Promise<number> =>
      Number(/Analysis (\d+):/.exec((await page.getByText(/^Analysis \d+:/).textContent())!)![1]);
    const first = await analysis();
    await expectAccessible(page);
    await screenshot(page, 'differential');
    await page.screenshot({
      path: (await screenshot(page, 'differential')).replace(
        'differential',
        'differential-full-page',
      ),
      fullPage: true,
    });
    // One click on a suggested finding records it and draws the differential again.
    const present = page.getByRole('button', { name: /^Present: add .+ as observed$/ }).first();
    const term = /^Present: add (.+) as observed$/.exec(
      (await present.getAttribute('aria-label'))!,
    )![1]!;
    await present.click();
    const added = page
      .getByRole('alert')
      .or(page.locator('.mantine-Alert-root'))
      .filter({ hasText: 'Finding added' });
    await added.getByText(/the genes were ranked again/).waitFor();
    expect(await analysis()).toBeGreaterThan(first);
    // The added finding is marked in the observations (name, its IC, then the mark).
    await page.getByText(`${term} · IC`).filter({ hasText: 'just added' }).first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'differential-after-add');
    // The finding is now on the case.
    await page.getByRole('link', { name: 'Findings and details' }).click();
    await page.getByRole('region', { name: 'Observed' }).getByText(term, { exact: true }).waitFor();
  });

  it('exports the PDF report as a real PDF', async () => {
    await page.getByRole('link', { name: 'Export report' }).click();
    await page.getByRole('heading', { name: 'Export report' }).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download PDF' }).click();
    const file = await (await download).path();
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(5000);
    await page.getByText(/Saved odyssey-case-\d+-analysis-\d+\.pdf/).waitFor();
    await expectAccessible(page);
    await screenshot(page, '06-export');
  });

  it('shows data versions and the HPO acknowledgement', async () => {
    await page.getByRole('link', { name: 'Settings and about' }).click();
    await page.getByText(/This product uses the Human Phenotype Ontology/).waitFor();
    await expectAccessible(page);
    await screenshot(page, '07-settings');
  });

  it('shows an error in place, in plain words with the fix', async () => {
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByLabel('New case: label or pseudonym').fill('Empty case');
    await page.getByRole('button', { name: 'Create case' }).click();
    await page.getByRole('heading', { name: 'Empty case', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Analyse and results' }).click();
    await page.getByRole('button', { name: 'Run analysis' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('This case has no observed phenotypes yet').waitFor();
    await alert.getByText(/What to do: Add at least one observed HPO term/).waitFor();
    await screenshot(page, '07b-error-in-place');
  });

  it('keeps everything across a server restart', async () => {
    await running.stop();
    running = await serveUi(home);
    await page.goto(running.server.openUrl);
    await page.getByRole('heading', { name: 'Cases', level: 2 }).waitFor();
    await page.getByRole('cell', { name: 'Patient E2E' }).waitFor();
    await expectAccessible(page);
    await screenshot(page, '08-cases-after-restart');
    await page.getByRole('cell', { name: 'Patient E2E' }).click();
    const observed = page.getByRole('region', { name: 'Observed' });
    for (const t of ['Hypotonia', 'Epileptic spasm', 'Microcephaly'])
      await observed.getByText(t, { exact: true }).waitFor();
    await page
      .getByRole('region', { name: 'Excluded (checked and absent)' })
      .getByText('Hearing impairment')
      .waitFor();
    await page.getByRole('link', { name: 'Analyse and results' }).click();
    await page
      .getByRole('table', { name: 'Ranked candidate genes' })
      .getByRole('row')
      .nth(10)
      .waitFor();
    await screenshot(page, '09-results-after-restart');
  });

  it('logged no errors in the page (including CSP violations)', () => {
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
