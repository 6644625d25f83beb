import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/test/database';
import type { AccessibilityAnswer, AccessibilityCellCollection } from '../client/src/api/types';
import { accessRateClass, ACCESS_RATE_CLASSES } from '../client/src/lib/accessibility';
import { hexToRgb } from '../client/src/lib/coverage-scale';
import { formatRate } from '../client/src/lib/format';
import {
  classDrawingProblems,
  browserSkipReason,
  countMapColors,
  type Dashboard,
  screenshot,
  startDashboard,
  waitForMap,
} from './browser';

/**
 * Accessibility in the dashboard, on the demo territory: the layer "Accessibilité (carroyage)"
 * draws the grid cells from its vector tiles in the classes of its legend (checked on the map's
 * pixels against GET /api/accessibility/cells, the same figures as GeoJSON), and the territory panel shows the official rate beside the
 * accessibility rate and the leakage, as POST /api/accessibility computes them.
 */
const skip = browserSkipReason();
if (skip) console.warn(`[e2e] ${skip}`);

describe.skipIf(skip !== null)('accessibility in Chromium, on the demo territory', () => {
  let dashboard: Dashboard;
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  const api = async <T>(p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.baseUrl}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, p).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    dashboard = await startDashboard();
    ({ server, browser } = dashboard);
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  /** The API paths the page asked for. */
  let requested: string[] = [];

  async function open(query = '') {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    requested = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('request', (r) => requested.push(new URL(r.url()).pathname));
    await page.goto(`${server.baseUrl}/${query}`);
    await waitForMap(page);
    expect(errors).toEqual([]);
  }

  it('turns the grid layer on: its legend, and its classes drawn on the map', async () => {
    await open('?level=commune');
    const rgb = Object.fromEntries(ACCESS_RATE_CLASSES.map((c) => [c.id, hexToRgb(c.color)]));
    const before = await countMapColors(page, rgb, 1);

    await page.getByRole('checkbox', { name: 'Accessibilité (carroyage)' }).check();
    await expect.poll(() => page.url()).toContain('layers=accessibility');
    const legend = page.getByRole('list', { name: 'Légende de l’accessibilité' });
    await legend.waitFor();
    expect(await legend.locator('li').allTextContents()).toEqual(
      ACCESS_RATE_CLASSES.map((c) => ` ${c.label}`),
    );

    const cells = await api<AccessibilityCellCollection>('/api/accessibility/cells');
    expect(cells.features.length).toBeGreaterThan(1000);
    const present = new Map<string, number>();
    for (const f of cells.features) {
      const id = accessRateClass(f.properties.accessibility_rate).id;
      present.set(id, (present.get(id) ?? 0) + 1);
    }
    await expect
      .poll(() => page.locator('.accessibility-source').isVisible(), { timeout: 60_000 })
      .toBe(true);
    // A class holding a tenth of the cells covers a visible area of the map.
    await expect
      .poll(() => classDrawingProblems(page, rgb, before, present), {
        timeout: 60_000,
        interval: 1_000,
      })
      .toEqual([]);
    expect(await page.locator('.accessibility-source').textContent()).toContain('fictif');
    // The cells come as vector tiles of the layer `accessibility`, not as one GeoJSON answer.
    expect(requested.some((p) => p.startsWith('/api/tiles/accessibility/'))).toBe(true);
    expect(requested).not.toContain('/api/accessibility/cells');
    await screenshot(page, 'e2e-accessibility-01-layer');
    await page.close();
  });

  it('shows both rates and the leakage in the territory panel', async () => {
    const figures = await api<AccessibilityAnswer>('/api/accessibility', { level: 'epci' });
    // The EPCI whose families find the most places outside: the leakage shows.
    const target = [...figures.territories].sort(
      (a, b) => b.places_used_outside - a.places_used_outside,
    )[0];
    await open(`?level=epci&sel=epci:${target.code}`);
    const panel = page.getByRole('region', { name: target.name });
    const section = panel.getByRole('region', { name: 'Places à portée (accessibilité)' });
    await expect
      .poll(() => section.locator('[data-field="accessibility_rate"]').isVisible(), {
        timeout: 60_000,
      })
      .toBe(true);
    expect((await section.locator('[data-field="official_rate"]').textContent())?.trim()).toBe(
      formatRate(target.official_rate),
    );
    expect((await section.locator('[data-field="accessibility_rate"]').textContent())?.trim()).toBe(
      formatRate(target.accessibility_rate),
    );
    const leakage = await section.locator('[data-field="leakage"] li').allTextContents();
    expect(leakage[0]).toMatch(
      /^Sur ses .* places, .* vont à ses propres familles et .* à des familles venues d’ailleurs\.$/,
    );
    expect(leakage[1]).toMatch(/^Ses familles trouvent .* places à portée hors du territoire\.$/);
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'e2e-accessibility-02-panel');
    await page.close();
  });
});
