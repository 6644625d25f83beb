import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/test/database';
import type { TerritoryCollection } from '../client/src/api/types';
import {
  importFixtures,
  browserSkipReason,
  type Dashboard,
  screenshot,
  startDashboard,
  waitForMap,
} from './browser';

/**
 * A real département imported with its outlines only (as a planner's first import would leave
 * it): its places read 0 and its rates n.d. for want of files, and the dashboard says so; the
 * demo, which has every kind of data, shows no such notice.
 */
const NOTICE = 'Données manquantes pour ce territoire';

const skip = browserSkipReason();
if (skip) console.warn(`[e2e] ${skip}`);

describe.skipIf(skip !== null)('a territory loaded without children or supply files', () => {
  let dashboard: Dashboard;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    dashboard = await startDashboard((db) =>
      importFixtures(db, [['boundaries', 'boundaries-geoapi.geojson']]),
    );
    ({ server, browser } = dashboard);
  });

  afterAll(async () => {
    await dashboard?.close();
  });

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.baseUrl}/${query}`);
    await waitForMap(page);
    return page;
  }

  it('says that the 0 places and the n.d. rates come from missing files', async () => {
    const epci = await dashboard.api<TerritoryCollection>(
      '/api/territories?level=epci&departement=18',
    );
    // What the notice explains: no place counted, no rate.
    expect(epci.features.length).toBeGreaterThan(0);
    for (const f of epci.features) {
      expect(f.properties.places_total).toBe(0);
      expect(f.properties.coverage_rate).toBeNull();
    }

    const page = await open('?dep=18');
    const notice = page.getByRole('note', { name: NOTICE });
    await notice.waitFor();
    expect(await notice.locator('[data-gap="supply"]').textContent()).toContain(
      'les places affichées à 0 ne décrivent pas l’offre réelle',
    );
    expect(await notice.locator('[data-gap="population"]').textContent()).toContain(
      'enfants de moins de 3 ans',
    );
    await screenshot(page, 'e2e-data-gaps-01-outlines-only');
    // Its button opens the list of what is loaded.
    await notice.getByRole('button', { name: 'Sources chargées' }).click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByRole('dialog').textContent()).toContain('Contours des communes');
    await page.close();
  });

  it('shows no notice for the demo, which has every kind of data', async () => {
    const page = await open('?dep=Z1');
    await page.getByRole('note', { name: 'Avertissement : données fictives' }).waitFor();
    // The figures and their datasets are in (the table is filled from the same answer).
    await expect
      .poll(() => page.getByRole('table').first().locator('tbody tr').count())
      .toBeGreaterThan(0);
    expect(await page.getByRole('note', { name: NOTICE }).count()).toBe(0);
    await page.close();
  });
});
