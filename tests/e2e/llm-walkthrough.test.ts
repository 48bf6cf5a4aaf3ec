/**
 * The LLM analysis in a real browser against `odyssey serve` and the real data, with a scripted
 * OpenAI-compatible server as the model (test code, at the process boundary). The provider is
 * added through Settings at an address of this machine's network interface (forwarded to the
 * scripted server), so Odyssey treats it as remote: the preview comes first, nothing is sent
 * until "Send to lab", then progress, then the solvability badge and the transcript; a second
 * run with a model that never answers in time is cancelled mid-way.
 */
import { createServer, connect, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/api/handlers.js';
import {
  startScriptedServer,
  type ScriptedServer,
} from '../agents/providers/scripted-llm-server.js';
import { preferring, sleep } from '../agents/ranker/llm-script.js';
import { tempDir } from '../helpers.js';
import {
  expectAccessible,
  HAVE_CHROMIUM,
  screenshot,
  startUi,
  stopUi,
  type Running,
} from './browser.js';

const LABEL = 'Patient LLM E2E';
const SLOW = 'slow-model';

/** An address of this machine that is not loopback, if it has one. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

/** Forwards TCP from the network interface to the scripted server on 127.0.0.1. */
async function forward(host: string, targetPort: number): Promise<Server> {
  const proxy = createServer((socket) => {
    const upstream = connect(targetPort, '127.0.0.1');
    socket.pipe(upstream).pipe(socket);
    const close = (): void => {
      socket.destroy();
      upstream.destroy();
    };
    socket.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise<void>((resolve) => proxy.listen(0, host, resolve));
  return proxy;
}

describe.skipIf(!HAVE_CHROMIUM || !lanAddress)('LLM analysis in the browser', () => {
  const home = tempDir('odyssey-e2e-llm-');
  const errors: string[] = [];
  let browser: Browser;
  let running: Running;
  let page: Page;
  let llm: ScriptedServer;
  let proxy: Server;
  let baseURL: string;
  let caseId: number;

  beforeAll(async () => {
    const model = preferring(['SCN1A', 'CDKL5', 'STXBP1']);
    // A short think per reply, so the progress is on screen a moment; the slow model never
    // answers in time. Each reply also claims a disease that does not exist for its first gene,
    // which the verifier must flag.
    llm = await startScriptedServer(async (body) => {
      await sleep(body.model === SLOW ? 30_000 : 60);
      const reply = model(body);
      if (reply.kind !== 'content') return reply;
      const parsed = JSON.parse(reply.content) as { ranking: Record<string, unknown>[] };
      parsed.ranking[0]!.disease = 'OMIM:999999';
      return { ...reply, content: JSON.stringify(parsed) };
    });
    proxy = await forward(lanAddress!, Number(new URL(llm.url).port));
    baseURL = `http://${lanAddress}:${(proxy.address() as { port: number }).port}/v1`;
    ({ running, browser, page } = await startUi(home, errors));
    const created = await dispatch(running.ctx, 'createCase', {
      label: LABEL,
      notes: 'Seen in clinic on Tuesday.',
      sex: 'FEMALE',
      ageYears: 2,
      phenotypes: [{ id: 'HP:0011097' }, { id: 'HP:0001250' }, { id: 'HP:0001263' }],
    });
    caseId = (created as { data: { case: { id: number } } }).data.case.id;
  }, 120_000);
  afterAll(async () => {
    await stopUi({ browser, running });
    proxy?.close();
    await llm?.close();
  });

  async function choose(label: string, option: string | RegExp): Promise<void> {
    await page
      .locator('input')
      .and(page.getByLabel(label, { exact: true }))
      .click();
    await page.getByRole('option', { name: option }).click();
  }

  it('adds a provider in Settings; browser mode says keys come from the environment', async () => {
    await page.goto(running.server.openUrl);
    await page.getByRole('heading', { name: 'Cases', level: 2 }).waitFor();
    await page.getByRole('link', { name: 'Settings and about' }).click();
    const form = page.getByRole('form', { name: 'Add or change a provider' });
    await form.getByLabel('Name').fill('lab');
    await form.getByLabel('Base URL').fill(baseURL);
    await form.getByLabel('Model').fill('test-model');
    await form.getByRole('button', { name: 'Save provider' }).click();
    await form.getByText('Saved lab.').waitFor();
    const row = page
      .getByRole('table', { name: 'LLM providers' })
      .getByRole('row', { name: /^lab/ });
    await row.getByText('remote').waitFor();
    await page.getByText(/API keys come only from environment variables/).waitFor();
    await expectAccessible(page);
    await screenshot(page, '10-settings-providers');
  });

  it('shows what will be sent before sending, then runs with progress to the agents’ report', async () => {
    await page.goto(`${running.server.url}#/case/${caseId}/analyse`);
    await page.getByRole('heading', { name: 'Analyse and results' }).waitFor();
    await choose('Ranking method', 'LLM agents, divide and conquer');
    await choose('LLM provider', 'lab (remote)');
    expect(
      await page
        .locator('input')
        .and(page.getByLabel('Model', { exact: true }))
        .inputValue(),
    ).toBe('test-model');
    await page.getByRole('button', { name: 'Preview what will be sent' }).click();
    const preview = page.getByRole('region', { name: 'What will be sent' });
    await preview.getByText('leaves this computer').waitFor();
    const patient = await preview.getByLabel('Patient part of every request').textContent();
    expect(patient).toContain('HP:0011097');
    expect(patient).not.toContain(LABEL);
    expect(patient).not.toContain('clinic');
    expect(llm.requests).toHaveLength(0);
    await expectAccessible(page);
    await screenshot(page, '11-llm-preview');

    await preview.getByRole('button', { name: 'Send to lab' }).click();
    await page.getByText(/model calls done/).waitFor();
    await screenshot(page, '12-llm-progress');
    await page.getByText('How sure the agents are').waitFor({ timeout: 30_000 });
    expect(llm.requests.length).toBeGreaterThan(0);
    await page.getByText('Solvability', { exact: true }).waitFor();
    await page.getByText(/^(Confident|Possible|No confident answer)$/).waitFor();
    await page.getByText(/Input-order sensitivity/).waitFor();
    await page.getByText(/model calls \(\d+ from the cache/).waitFor();
    await page.getByText('Not supported by the knowledge base').waitFor();
    await page
      .getByText(/OMIM:999999/)
      .first()
      .waitFor();
    await page.getByText('How sure the agents are').scrollIntoViewIfNeeded();
    await screenshot(page, '13-llm-results');
    await page.getByRole('button', { name: /Sent payloads, exactly as sent/ }).click();
    const first = await page.getByLabel('Sent payload 1', { exact: true }).textContent();
    const bodies = llm.requests.map((r) => r.raw.toString('utf8'));
    expect(bodies).toContain(first);
    await expectAccessible(page);
    await screenshot(page, '14-llm-transcript');
  }, 60_000);

  it('cancels a run mid-way and says so', async () => {
    await page
      .locator('input')
      .and(page.getByLabel('Model', { exact: true }))
      .fill(SLOW);
    await page.getByRole('button', { name: 'Preview what will be sent' }).click();
    await page.getByRole('button', { name: 'Send to lab' }).click();
    const cancel = page.getByRole('button', { name: 'Cancel analysis' });
    await cancel.waitFor();
    while (llm.active === 0) await sleep(20);
    const t0 = Date.now();
    await cancel.click();
    await page.getByText('Analysis cancelled').waitFor({ timeout: 3_000 });
    expect(Date.now() - t0).toBeLessThan(2_000);
    await page.getByText(/nothing more was sent/).waitFor();
    await expectAccessible(page);
    await screenshot(page, '15-llm-cancelled');
  }, 30_000);

  it('local-only, switched on in Settings, refuses the remote provider in place', async () => {
    await page.getByRole('link', { name: 'Settings and about' }).click();
    const toggle = page.getByRole('switch', { name: /Local only/ });
    await toggle.click({ force: true });
    await expect.poll(() => toggle.isChecked()).toBe(true);
    await page.goto(`${running.server.url}#/case/${caseId}/analyse`);
    await choose('Ranking method', 'LLM agents, divide and conquer');
    await choose('LLM provider', 'lab (remote)');
    const before = llm.requests.length;
    await page.getByRole('button', { name: 'Preview what will be sent' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was sent' });
    await alert.getByText(/Local-only mode is on/).waitFor();
    expect(llm.requests.length).toBe(before);
    await expectAccessible(page);
    await screenshot(page, '16-local-only-refusal');
  });

  it('logged no errors in the page (including CSP violations)', () => {
    expect(errors, errors.join('\n')).toEqual([]);
  });
});
