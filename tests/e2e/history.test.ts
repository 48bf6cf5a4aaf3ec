/**
 * The Reanalysis screen in a real browser against `odyssey serve`, the real installed data and a
 * temporary case store: a case analysed, its findings changed, reanalysed with the screen's
 * button; the history then lists both analyses and the diff of the latest two names the change.
 * A second click says why nothing was repeated. Scanned with axe-core and photographed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCaller } from '../api/call-api.js';
import { tempDir } from '../helpers.js';
import {
  expectAccessible,
  HAVE_CHROMIUM,
  screenshot,
  startUi,
  stopUi,
  type Running,
} from './browser.js';

describe.skipIf(!HAVE_CHROMIUM)('the Reanalysis screen', () => {
  const errors: string[] = [];
  let browser: Browser;
  let running: Running;
  let page: Page;
  let caseId: number;

  /** Set-up through the API the screen uses, on the running server's context. */
  const { ok: api } = apiCaller(() => running.ctx);

  beforeAll(async () => {
    ({ running, browser, page } = await startUi(tempDir('odyssey-e2e-history-'), errors));
    const created = await api('createCase', {
      label: 'Reanalysis patient',
      phenotypes: ['HP:0001250', 'HP:0001263', 'HP:0001252', 'HP:0000252', 'HP:0000648'].map(
        (id) => ({ id }),
      ),
    });
    caseId = created.case.id;
    await api('runAnalysis', { caseId });
    // After the first analysis: spastic paraplegia and cerebellar atrophy found, microcephaly
    // withdrawn, hypotonia now checked and absent.
    await api('updateCase', {
      id: caseId,
      phenotypes: [
        { id: 'HP:0001250' },
        { id: 'HP:0001263' },
        { id: 'HP:0001252', excluded: true },
        { id: 'HP:0000648' },
        { id: 'HP:0001258' },
        { id: 'HP:0001272' },
      ],
    });
  }, 180_000);
  afterAll(() => stopUi({ browser, running }));

  it('shows the one analysis and says the findings changed since', async () => {
    await page.goto(running.server.openUrl);
    await page.getByRole('heading', { name: 'Cases', level: 2 }).waitFor();
    await page.goto(`${running.server.url}#/case/${caseId}/history`);
    await page.getByRole('heading', { name: 'Reanalysis history', level: 2 }).waitFor();
    const table = page.getByRole('table', { name: 'Analyses of this case' });
    await table.locator('tbody tr').first().waitFor();
    expect(await table.locator('tbody tr').count()).toBe(1);
    await page.getByText(/Since analysis \d+, the findings changed\./).waitFor();
    await table.getByText("Not the case's findings now").waitFor();
  });

  it('reanalyses with the button, then lists two analyses and compares them', async () => {
    await page.getByRole('button', { name: 'Reanalyse now' }).click();
    await page.getByText(/Analysis \d+ is stored; it is compared below/).waitFor();
    const table = page.getByRole('table', { name: 'Analyses of this case' });
    await table.locator('tbody tr').nth(1).waitFor();
    expect(await table.locator('tbody tr').count()).toBe(2);
    // Newest first; the older one used findings that differ from the case's now.
    expect(await table.getByText("Not the case's findings now").count()).toBe(1);

    const headline = page.getByRole('heading', { level: 3, name: / after / });
    await headline.waitFor();
    const text = (await headline.textContent())!;
    expect(text).toMatch(/2 new findings, 1 finding removed and 1 finding switched/);
    const inputs = page.getByRole('heading', { name: 'What changed in the inputs' }).locator('..');
    await inputs.getByText('Spastic paraplegia').waitFor();
    await inputs.getByText('Cerebellar atrophy').waitFor();
    await inputs.getByText('Microcephaly').waitFor();
    // The gene tables agree with the headline's gene.
    const gene = /^(\S+) (rose|is now|is still)/.exec(text)![1]!;
    const tables = page.getByRole('table', { name: /^Genes (that moved|new in|dropped)/ });
    expect(await tables.count()).toBeGreaterThan(0);
    if (/rose from/.test(text)) await tables.getByText(gene, { exact: true }).first().waitFor();
    await expectAccessible(page);
    await screenshot(page, 'history');
    await page.screenshot({
      path: (await screenshot(page, 'history')).replace('history', 'history-full-page'),
      fullPage: true,
    });
  });

  it('says why a second reanalysis was not repeated', async () => {
    await page.getByRole('button', { name: 'Reanalyse now' }).click();
    await page.getByText(/^Nothing changed since the last analysis: already analysed/).waitFor();
    expect(
      await page.getByRole('table', { name: 'Analyses of this case' }).locator('tbody tr').count(),
    ).toBe(2);
  });

  it('compares a smaller top N and opens an older analysis in full', async () => {
    const top = page.getByLabel('Top genes compared');
    await top.fill('5');
    await page.getByRole('heading', { name: /^Moved within the top 5/ }).waitFor();
    const first = page.getByRole('button', { name: /^Show results of analysis \d+$/ }).last();
    await first.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('table', { name: 'Ranked candidate genes' }).waitFor();
    await dialog.locator('table.evidence-grid').waitFor();
    await expectAccessible(page);
    await screenshot(page, 'history-results-dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
