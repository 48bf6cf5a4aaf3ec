/**
 * Candidate genes, case import and export, and the About dialog in a real browser against
 * `odyssey serve` with the real data and a temporary store: import a phenopacket file (and see
 * the duplicate skipped), paste candidate genes with an unknown symbol and see the warning,
 * upload an annotated VCF and an unannotated one, go back to the whole genome, export the cases
 * as a download, and read the About dialog. Each screen is scanned with axe-core and
 * photographed at 1280×800.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/api/handlers.js';
import { fixture, tempDir } from '../helpers.js';
import {
  expectAccessible,
  HAVE_CHROMIUM,
  screenshot,
  startUi,
  stopUi,
  type Running,
} from './browser.js';

describe.skipIf(!HAVE_CHROMIUM)(
  'candidate genes, case import/export and About in a browser',
  () => {
    const home = tempDir('odyssey-e2e-case-io-');
    const errors: string[] = [];
    let browser: Browser;
    let running: Running;
    let page: Page;

    beforeAll(async () => {
      ({ running, browser, page } = await startUi(home, errors));
    });
    afterAll(() => stopUi({ browser, running }));

    it('imports a phenopacket on the Cases screen and skips it the second time', async () => {
      await page.goto(running.server.openUrl);
      await page.getByRole('heading', { name: 'Cases', level: 2 }).waitFor();
      const input = page.locator('input[type=file]');
      await input.setInputFiles(fixture('cli', 'kcnt1-case.json'));
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const report = page.getByRole('status', { name: 'Import report' });
      await report.getByText('kcnt1-case.json: 1 imported, 0 already in the store').waitFor();
      await page.getByRole('cell', { name: 'Proband A' }).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'cases-import');

      await input.setInputFiles(fixture('cli', 'kcnt1-case.json'));
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await report.getByText('0 imported, 1 already in the store (skipped)').waitFor();
    });

    it('exports the listed cases as a phenopacket download', async () => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export 1 case' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^odyssey-case-\d+\.json$/);
      const packet = JSON.parse(readFileSync(await download.path(), 'utf8')) as { id: string };
      expect(packet.id).toBe('odyssey-test-kcnt1-1');
    });

    it('takes pasted candidate genes and warns about an unknown symbol', async () => {
      await page.getByRole('cell', { name: 'Proband A' }).click();
      await page.getByRole('heading', { name: 'Proband A', level: 2 }).waitFor();
      await page.getByText('The next analysis ranks the whole genome').waitFor();
      await page.getByLabel('Gene symbols').fill('SCN1A, KCNT1\nSTXBP1 NOTAGENE1');
      await page.getByRole('button', { name: 'Use these genes' }).click();
      await page.getByText(/ranks only within these 3 genes, from a typed list/).waitFor();
      const chips = page.getByRole('list', { name: 'Candidate gene symbols' });
      expect(await chips.getByRole('listitem').allTextContents()).toEqual([
        'SCN1A',
        'KCNT1',
        'STXBP1',
      ]);
      await page.getByText(/Unknown gene symbol "NOTAGENE1".*check the spelling/).waitFor();
      // The panel at the top of the window, below the app's header.
      await page
        .getByRole('heading', { name: 'Candidate genes' })
        .evaluate((h) => h.scrollIntoView({ block: 'start' }));
      await page.mouse.wheel(0, -80);
      await expectAccessible(page);
      await screenshot(page, 'candidate-genes');
    });

    it('reads genes from an uploaded VCF, and explains an unannotated one', async () => {
      await page.getByRole('tab', { name: 'Upload a panel or VCF' }).click();
      const input = page.locator('input[type=file]');
      await input.setInputFiles(fixture('cli', 'annotated.vcf'));
      await page.getByRole('button', { name: 'Read the genes from this file' }).click();
      await page
        .getByText(/ranks only within these 3 genes, from the VCF annotated\.vcf/)
        .waitFor();
      const chips = page.getByRole('list', { name: 'Candidate gene symbols' });
      expect(await chips.getByRole('listitem').allTextContents()).toEqual([
        'SCN1A',
        'KCNT1',
        'FBN1',
      ]);
      await page.getByText(/1 of 5 variant record\(s\) did not pass FILTER/).waitFor();

      await input.setInputFiles(fixture('cli', 'unannotated.vcf'));
      await page.getByRole('button', { name: 'Read the genes from this file' }).click();
      const alert = page.getByRole('alert');
      await alert.getByText('The candidate genes were not changed').waitFor();
      await alert.getByText(/unannotated\.vcf has no gene annotation/).waitFor();
      await alert.getByText(/What to do: Annotate the VCF first/).waitFor();
      await expectAccessible(page);
    });

    it('goes back to the whole genome and keeps the earlier sets in the history', async () => {
      await page.getByRole('button', { name: 'Use whole genome' }).click();
      await page.getByText('The next analysis ranks the whole genome').waitFor();
      await page.getByRole('button', { name: /Earlier choices \(3\)/ }).click();
      await page.getByRole('cell', { name: 'VCF: annotated.vcf' }).waitFor();
      await page.getByRole('cell', { name: 'Whole genome' }).waitFor();
    });

    it('exports the analysed case as a phenopacket with candidate interpretations', async () => {
      const caseId = Number(/#\/case\/(\d+)/.exec(page.url())?.[1]);
      const run = await dispatch(running.ctx, 'runAnalysis', { caseId });
      expect(run.ok).toBe(true);
      await page.getByRole('link', { name: 'Export report' }).click();
      await page.getByText(/Phenopacket: the case as GA4GH Phenopacket v2/).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download phenopacket' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.phenopacket\.json$/);
      const packet = JSON.parse(readFileSync(await download.path(), 'utf8')) as {
        interpretations: { progressStatus: string }[];
      };
      expect(packet.interpretations.some((i) => i.progressStatus === 'IN_PROGRESS')).toBe(true);
      await expectAccessible(page);
    });

    it('shows the About dialog with versions, licences, models and the privacy statement', async () => {
      await page.getByRole('link', { name: 'Settings and about' }).click();
      await page.getByRole('button', { name: 'About Odyssey' }).click();
      const dialog = page.getByRole('dialog', { name: 'About Odyssey' });
      await dialog.getByRole('cell', { name: 'Human Phenotype Ontology' }).waitFor();
      await dialog
        .getByText(/HPO licence/)
        .first()
        .waitFor();
      await dialog.getByRole('cell', { name: 'Knowledge ranker', exact: true }).waitFor();
      await dialog.getByRole('cell', { name: 'ONNX gene ranker', exact: true }).waitFor();
      await dialog.getByText(/leave the computer only when you run an LLM analysis/).waitFor();
      await dialog.getByText(home).first().waitFor();
      await expectAccessible(page);
      await screenshot(page, 'about');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
    });

    it('logged no errors in the page (including CSP violations)', () => {
      expect(errors).toEqual([]);
    });
  },
);
