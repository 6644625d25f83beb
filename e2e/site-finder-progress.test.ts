import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SiteSelectionAnswer } from '../client/src/api/types';
import { formatChildren } from '../client/src/lib/site-card';
import { PHASE_LABELS } from '../client/src/lib/site-selection-progress';
import type { Database } from '../server/src/db/database';
import { loadDemo } from '../server/src/features/demo/service';
import { OptimiserPool } from '../server/src/features/site-selection/optimiser-pool';
import { createTestDatabase, startTestServer, type TestServer } from '../server/test/database';
import { CLIENT_DIR, browserSkipReason, launchChromium, screenshot, waitForMap } from './browser';

/**
 * The optimiser form's progress in Chromium on the demo, with the optimiser in a worker thread
 * as the server runs it: the phases in French while it works, then the result; Annuler ends the
 * request, and the server its solve.
 */
const skip = browserSkipReason();
describe.skipIf(skip !== null)('the optimiser form shows its progress and can be cancelled', () => {
  let db: Database;
  let pool: OptimiserPool;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db);
    pool = new OptimiserPool({ threads: 1, queue: 2 });
    server = await startTestServer(db, CLIENT_DIR, null, { optimiser: pool });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await pool?.close();
    await db?.close();
  });

  /** The screen, with every phase the form shows kept in `window.phasesSeen` as it changes. */
  async function openScreen(): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${server.baseUrl}/projet-mam`);
    await page.getByRole('heading', { level: 1, name: /Projet de MAM/ }).waitFor();
    await waitForMap(page, 60_000);
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { phasesSeen: string[] }).phasesSeen = seen;
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="optimiser-phase"]')?.textContent;
        if (text && seen.at(-1) !== text) seen.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    return page;
  }
  const phasesSeen = (page: Page) =>
    page.evaluate(() => (window as unknown as { phasesSeen: string[] }).phasesSeen);

  it('shows the phases of a run, then its 2 new sites as the API answers', async () => {
    const page = await openScreen();
    await page.getByTestId('optimiser-p').selectOption('2');
    await page.getByTestId('optimiser-minutes').selectOption('15');
    await page.getByTestId('optimiser-run').click();
    const progress = page.getByTestId('optimiser-progress');
    await progress.waitFor({ timeout: 30_000 });
    expect(await progress.getByRole('button', { name: 'Annuler' }).isVisible()).toBe(true);
    const result = page.getByTestId('optimiser-result');
    await result.waitFor({ timeout: 120_000 });
    expect(await progress.count()).toBe(0);

    const labels = Object.values(PHASE_LABELS);
    const seen = await phasesSeen(page);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => labels.includes(s) || s === 'Envoi de la demande…')).toBe(true);
    expect(seen.some((s) => labels.includes(s))).toBe(true);

    const res = await fetch(`${server.baseUrl}/api/site-selection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'mclp', p: 2, minutes: 15 }),
    });
    const answer = (await res.json()) as SiteSelectionAnswer;
    expect(await result.locator('ol li').count()).toBe(2);
    expect(await result.innerText()).toContain(formatChildren(answer.covered_children));
    await screenshot(page, 'e2e-site-finder-progress-01-result');
    await page.close();
  }, 240_000);

  it('Annuler during a long run ends the request, and the server its solve', async () => {
    const page = await openScreen();
    const cancelledBefore = pool.cancelled;
    await page.getByTestId('optimiser-model').selectOption('pmedian');
    await page.getByTestId('optimiser-p').selectOption('10');
    await page.getByTestId('optimiser-minutes').selectOption('30');
    const failed = page.waitForEvent('requestfailed', (r) =>
      r.url().endsWith('/api/site-selection'),
    );
    // With capacities the MIP runs from the start, for seconds on the demo.
    await page.locator('select').filter({ hasText: 'sans limite' }).selectOption('12');
    await page.getByTestId('optimiser-run').click();
    const progress = page.getByTestId('optimiser-progress');
    await progress.getByText(PHASE_LABELS.exact).waitFor({ timeout: 60_000 });
    expect(await progress.locator('progress').count()).toBe(1);
    expect(pool.pending).toBe(1);
    await screenshot(page, 'e2e-site-finder-progress-02-running');
    await page.getByTestId('optimiser-cancel').click();
    await failed;
    await page.getByTestId('optimiser-cancelled').waitFor();
    expect(await page.getByTestId('optimiser-progress').count()).toBe(0);
    await expect.poll(() => pool.pending, { timeout: 10_000 }).toBe(0);
    expect(pool.cancelled).toBe(cancelledBefore + 1);
    await screenshot(page, 'e2e-site-finder-progress-03-cancelled');
    await page.close();
  }, 240_000);
});
