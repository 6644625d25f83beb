import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/test/database';
import type { TerritoryCollection } from '../client/src/api/types';
import { normalizeName } from '../client/src/lib/search';
import { browserSkipReason, type Dashboard, startDashboard, waitForMap } from './browser';

/**
 * The screenshots of docs/user-guide.md, taken on the demo territory by following the guide's
 * steps ("where are the gaps in my EPCI?"). Run on demand, since they rewrite committed files:
 *
 *   npm run build && BERCEAU_DOC_SCREENSHOTS=1 npx vitest run e2e/user-guide.test.ts
 */
const IMAGES = path.resolve('docs/images');
const skip = process.env.BERCEAU_DOC_SCREENSHOTS
  ? browserSkipReason()
  : 'set BERCEAU_DOC_SCREENSHOTS=1 to refresh the user guide screenshots';

describe.skipIf(skip !== null)('user guide screenshots', () => {
  let dashboard: Dashboard;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    dashboard = await startDashboard();
    ({ server, browser } = dashboard);
    fs.mkdirSync(IMAGES, { recursive: true });
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(IMAGES, `${name}.png`) });

  it('follows a planner looking for the gaps of an EPCI', async () => {
    const epci = (await (
      await fetch(`${server.baseUrl}/api/territories?level=epci`)
    ).json()) as TerritoryCollection;
    // "My EPCI": the one furthest below the national reference.
    const mine = [...epci.features]
      .filter((f) => !f.properties.small_population)
      .sort(
        (a, b) => (a.properties.coverage_rate ?? 1e9) - (b.properties.coverage_rate ?? 1e9),
      )[0].properties;
    console.log(`[guide] EPCI: ${mine.name} (${mine.code}), ${mine.coverage_rate}`);

    const page = await browser.newPage({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    await page.goto(server.baseUrl);
    await waitForMap(page);
    await page.waitForTimeout(2500);
    await shot(page, 'guide-01-carte-epci');

    const words = normalizeName(mine.name).split(' ');
    const search = page.getByRole('searchbox');
    await search.fill(words.slice(-2).join(' '));
    await page.getByRole('option').first().waitFor();
    await shot(page, 'guide-02-recherche');
    await page
      .getByRole('option', { name: new RegExp(mine.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .first()
      .click();
    const panel = page.getByRole('region', { name: mine.name, exact: true });
    await panel.waitFor();
    await page.waitForTimeout(2500);
    await shot(page, 'guide-03-fiche-epci');

    await page.locator('aside.sidebar').evaluate((el) => el.scrollTo(0, 620));
    await page.waitForTimeout(300);
    await shot(page, 'guide-04-fiche-communes');

    await page.getByRole('radio', { name: 'Communes' }).check();
    await page.getByRole('checkbox', { name: /Classes d’écart/ }).check();
    await page.waitForTimeout(3000);
    await page.locator('aside.sidebar').evaluate((el) => el.scrollTo(0, 0));
    await shot(page, 'guide-05-communes-ecarts');

    await page.getByRole('checkbox', { name: /Classes d’écart/ }).uncheck();
    await page.getByRole('checkbox', { name: /EAJE/ }).check();
    await page.getByRole('checkbox', { name: /Assistants maternels/ }).check();
    await page.waitForTimeout(3000);
    await shot(page, 'guide-06-offre');

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Exporter la carte/ }).click(),
    ]);
    await png.saveAs(path.join(IMAGES, 'guide-07-export-carte.png'));
    expect(fs.statSync(path.join(IMAGES, 'guide-07-export-carte.png')).size).toBeGreaterThan(
      10_000,
    );
    await page.close();
  });
});
