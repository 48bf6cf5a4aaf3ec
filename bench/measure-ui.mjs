// Measures the desktop UI's targets (issue 8) in Debian's Chromium against `odyssey serve`:
// ready to type after navigation, autocomplete keystroke → options on screen, and a knowledge
// analysis of a 10-term case from click → ranked table. Needs `npm run build` first. Prints
// medians and p95s; machines are shared and noisy, so read them as rough figures.
/* global fetch, performance, window, document, MutationObserver -- Node 20 globals, and page code run by the browser */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
const { ApiContext } = await import(join(root, 'dist/core/api/context.js'));
const { startServer, rendererDir } = await import(join(root, 'dist/core/api/http-server.js'));

const ctx = new ApiContext({
  home: mkdtempSync(join(tmpdir(), 'odyssey-measure-')),
  actor: 'measure',
});
const server = await startServer({ ctx, port: 0, staticDir: rendererDir(root) });
ctx.warmUp(); // as `odyssey serve` does
const api = async (op, body) => {
  const r = await fetch(`${server.url}api/${op}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
    body: JSON.stringify(body),
  });
  return (await r.json()).data;
};
const quantile = (xs, q) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const fmt = (xs) =>
  `median ${quantile(xs, 0.5).toFixed(0)} ms, p95 ${quantile(xs, 0.95).toFixed(0)} ms (n=${xs.length})`;

// Debian's Chromium with the flags the end-to-end tests use (scripts/chromium.json).
const browser = await chromium.launch(
  JSON.parse(readFileSync(join(root, 'scripts', 'chromium.json'), 'utf8')),
);
try {
  await api('searchTerms', { query: 'warm up' });

  const ready = [];
  for (let i = 0; i < 7; i++) {
    const page = await (
      await browser.newContext({ viewport: { width: 1280, height: 800 } })
    ).newPage();
    const t0 = performance.now();
    await page.goto(server.openUrl);
    await page.getByLabel('New case: label or pseudonym').waitFor({ state: 'visible' });
    ready.push(performance.now() - t0);
    await page.context().close();
  }
  console.log(`Ready to type after navigation: ${fmt(ready)}`);

  const TERMS = [
    'HP:0001250',
    'HP:0001252',
    'HP:0000252',
    'HP:0001263',
    'HP:0000365',
    'HP:0001249',
    'HP:0002119',
    'HP:0001344',
    'HP:0000486',
    'HP:0001290',
  ];
  const c = await api('createCase', { label: 'Measure', phenotypes: TERMS.map((id) => ({ id })) });
  const page = await (
    await browser.newContext({ viewport: { width: 1280, height: 800 } })
  ).newPage();
  await page.goto(server.openUrl);
  await page.evaluate((id) => (window.location.hash = `#/case/${id}`), c.case.id);
  const input = page.getByLabel('Add an HPO term');
  await input.waitFor();
  // Timed inside the page: from the input event to the options for that text being in the DOM.
  await page.evaluate(() => {
    const marks = (window.__marks = { typed: new Map(), shown: [] });
    document
      .getElementById('term-search')
      .addEventListener('input', (e) => marks.typed.set(e.target.value.trim(), performance.now()));
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.type !== 'attributes') continue;
        const q = r.target.getAttribute('data-results-for');
        if (q && marks.typed.has(q)) marks.shown.push(performance.now() - marks.typed.get(q));
      }
    }).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-results-for'],
    });
  });
  const keys = [];
  for (const word of [
    'seizure',
    'hypotonia',
    'microcephaly',
    'ataxia',
    'scoliosis',
    'nystagmus',
    'cleft palate',
    'hearing loss',
    'short stature',
    'macrocephaly',
  ]) {
    await input.fill('');
    for (let n = 1; n <= word.length; n++) {
      const q = word.slice(0, n);
      const t0 = performance.now();
      await input.press(word[n - 1] === ' ' ? 'Space' : word[n - 1]);
      if (q.trim().length < 2) continue; // searching starts at two letters
      await page.locator(`[data-results-for="${q.trim()}"]`).waitFor({ state: 'attached' });
      keys.push(performance.now() - t0);
    }
  }
  const inPage = await page.evaluate(() => window.__marks.shown);
  console.log(`Autocomplete, input event to options in the page (in-page clock): ${fmt(inPage)}`);
  console.log(
    `Autocomplete, key press to options seen by the test driver (includes DevTools round trips): ${fmt(keys)}`,
  );

  const runs = [];
  for (let i = 0; i < 6; i++) {
    await page.evaluate((id) => (window.location.hash = `#/case/${id}/analyse`), c.case.id);
    const button = page.getByRole('button', { name: 'Run analysis' });
    await button.waitFor();
    // Each run needs changed findings or it is skipped as identical: flip the onset each time.
    await api('updateCase', { id: c.case.id, onsetYears: i + 1 });
    const t0 = performance.now();
    await button.click();
    await page.getByText(new RegExp(`^Analysis ${i + 1}:`)).waitFor();
    await page
      .getByRole('table', { name: 'Ranked candidate genes' })
      .locator('tbody tr')
      .nth(20)
      .waitFor();
    runs.push(performance.now() - t0);
    await page.evaluate(() => (window.location.hash = '#/cases'));
  }
  console.log(
    `Knowledge analysis of a 10-term case, click to ranked table: first ${runs[0].toFixed(0)} ms, then ${fmt(runs.slice(1))}`,
  );
} finally {
  await browser.close();
  await server.close();
  ctx.close();
}
