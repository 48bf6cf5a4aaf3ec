/**
 * What the end-to-end tests share: the built renderer, `odyssey serve` started in-process on a
 * free port against a temporary case store, Debian's Chromium driven by playwright-core, the
 * axe-core scan and screenshots saved for CI (test-output/screenshots, not committed).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { ApiContext } from '../../core/api/context.js';
import { rendererDir, startServer, type RunningServer } from '../../core/api/http-server.js';
import { packageRoot } from '../../core/data/paths.js';

/** How the tests and bench/measure-ui.mjs launch Debian's Chromium: its path and flags. */
const LAUNCH = JSON.parse(
  readFileSync(join(packageRoot(), 'scripts', 'chromium.json'), 'utf8'),
) as { executablePath: string; args: string[] };
export const CHROMIUM = LAUNCH.executablePath;
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const SCREENSHOTS = join(packageRoot(), 'test-output', 'screenshots');

/** Builds renderer/dist from the current sources, so the test never runs a stale bundle. */
export function buildRenderer(): void {
  execFileSync(process.execPath, [join(packageRoot(), 'scripts', 'build-renderer.mjs')], {
    stdio: 'pipe',
  });
}

export interface Running {
  server: RunningServer;
  ctx: ApiContext;
  stop(): Promise<void>;
}

export async function serveUi(home: string): Promise<Running> {
  const ctx = new ApiContext({ home, actor: 'e2e-test' });
  const server = await startServer({
    ctx,
    port: 0,
    staticDir: rendererDir(packageRoot()),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  return {
    server,
    ctx,
    stop: async () => {
      await server.close();
      ctx.close();
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(LAUNCH);
}

/** A 1280×800 page that records console errors (CSP violations show up there). */
export async function openPage(browser: Browser, errors: string[]): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    // An API answer with an error status (e.g. "not analysed yet") is shown in place by the UI.
    if (m.type() === 'error' && !m.location().url.includes('/api/')) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('response', (r) => {
    if (r.status() >= 400 && !r.url().includes('/api/')) errors.push(`${r.status()} ${r.url()}`);
  });
  return page;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core in the page (evaluated over DevTools, so the page's CSP stays on). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // Runs in the page; tests are type-checked without the DOM library, hence globalThis.
    const g = globalThis as unknown as {
      document: unknown;
      axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    return g.axe.run(g.document, { resultTypes: ['violations'] });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export const describeViolations = (vs: AxeViolation[]): string =>
  vs
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} [${n.failureSummary ?? ''}]`)
          .join(', ')}`,
    )
    .join('\n');

export interface UiRun {
  running: Running;
  browser: Browser;
  page: Page;
}

/** Builds the renderer, serves it over the store in `home` and opens a page recording `errors`. */
export async function startUi(home: string, errors: string[]): Promise<UiRun> {
  buildRenderer();
  const running = await serveUi(home);
  const browser = await launchChromium();
  return { running, browser, page: await openPage(browser, errors) };
}

export async function stopUi(ui: Partial<UiRun>): Promise<void> {
  await ui.browser?.close();
  await ui.running?.stop();
}

/**
 * No serious or critical axe-core violations on the page once its transitions have finished (a
 * dialog fading in has, for a moment, colours that fail contrast checks).
 */
export async function expectAccessible(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    (globalThis as unknown as { document: { getAnimations(): { playState: string }[] } }).document
      .getAnimations()
      .every((a) => a.playState !== 'running'),
  );
  const v = await axeViolations(page);
  expect(v, describeViolations(v)).toEqual([]);
}
