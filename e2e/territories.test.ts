import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/test/database';
import type { Health, TerritoryCollection } from '../client/src/api/types';
import { featuresBbox } from '../client/src/lib/bbox';
import { INCOMPLETE_COLOR, coverageColor, hexToRgb } from '../client/src/lib/coverage-scale';
import {
  CHER_FILES,
  importFixtures,
  browserSkipReason,
  countMapColors,
  type Dashboard,
  RESULTS_DIR,
  type Rgb,
  screenshot,
  settledMapFingerprint,
  startDashboard,
  waitForMap,
} from './browser';

/**
 * Two départements side by side: the fictional demo (Z1) and a small real one imported from
 * the importer's own test fixtures (four communes of the Cher, census 2021). The dashboard
 * shows one at a time, and the fictional warning follows the one shown.
 */
const BANNER = 'Avertissement : données fictives';

const skip = browserSkipReason();
if (skip) console.warn(`[e2e] ${skip}`);

describe.skipIf(skip !== null)('dashboard with the demo and a real département', () => {
  let dashboard: Dashboard;
  let server: TestServer;
  let browser: Browser;
  let cher: TerritoryCollection;
  let demo: TerritoryCollection;
  let demoName: string;

  beforeAll(async () => {
    dashboard = await startDashboard((db) => importFixtures(db, CHER_FILES));
    ({ server, browser } = dashboard);
    cher = await dashboard.api<TerritoryCollection>('/api/territories?level=epci&departement=18');
    demo = await dashboard.api<TerritoryCollection>('/api/territories?level=epci&departement=Z1');
    const health = await dashboard.api<Health>('/api/health');
    demoName = health.territories.find((t) => t.departementCode === 'Z1')!.name;
  });

  afterAll(async () => {
    await dashboard?.close();
  });

  async function open(query = '', viewport = { width: 1280, height: 800 }): Promise<Page> {
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.baseUrl}/${query}`);
    await waitForMap(page);
    await settledMapFingerprint(page);
    expect(errors).toEqual([]);
    return page;
  }

  const banner = (page: Page) => page.getByRole('note', { name: BANNER });
  const switcher = (page: Page) => page.getByRole('combobox', { name: 'Territoire' });
  const yearOptions = (page: Page) =>
    page.getByRole('combobox', { name: 'Année' }).locator('option').allTextContents();
  const colorsOf = (c: TerritoryCollection) =>
    new Map<string, Rgb>(
      c.features.map((f) => [coverageColor(f.properties), hexToRgb(coverageColor(f.properties))]),
    );

  /**
   * Whether the top-left corner of a downloaded PNG export is the yellow "fictif" banner; its
   * file name ends with the département shown (`dep`).
   */
  async function exportHasFictionalBanner(page: Page, name: string, dep: string): Promise<boolean> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Exporter la carte/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      new RegExp(`^berceau-carte-epci-\\d{4}-dep${dep}\\.png$`),
    );
    const file = path.join(RESULTS_DIR, name);
    await download.saveAs(file);
    const dataUrl = `data:image/png;base64,${fs.readFileSync(file).toString('base64')}`;
    const [r, g, b] = await page.evaluate(async (src) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      return Array.from(ctx.getImageData(3, 3, 1, 1).data.slice(0, 3));
    }, dataUrl);
    if ([r, g, b].every((v) => v === 255)) return false;
    expect([r, g, b]).toEqual(hexToRgb('#fff3b0'));
    return true;
  }

  it('the API keeps them apart: years and fictional flag per département, apart on the map', async () => {
    expect(cher.metadata).toMatchObject({ years: [2021], year: 2021, fictional: false });
    expect(demo.metadata.fictional).toBe(true);
    expect(demo.metadata.years.length).toBeGreaterThan(1);
    // The demo lies at sea, off France: not even its bounding box meets the Cher's.
    // Each département is listed for the years of its own data.
    const bboxOf = async (code: string, year: number) => {
      const deps = await dashboard.api<TerritoryCollection>(
        `/api/territories?level=departement&year=${year}`,
      );
      return featuresBbox(deps.features.filter((f) => f.properties.code === code))!;
    };
    const [a, b] = [
      await bboxOf('18', cher.metadata.year!),
      await bboxOf('Z1', demo.metadata.year!),
    ];
    expect(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3], `${a} overlaps ${b}`).toBe(
      false,
    );
  });

  it('opens on the real département by default, with a switcher listing both', async () => {
    const page = await open();
    expect(await switcher(page).locator('option').allTextContents()).toEqual([
      'Cher (18)',
      `${demoName} (Z1, fictif)`,
    ]);
    expect(await switcher(page).inputValue()).toBe('18');
    await expect.poll(() => page.url()).toContain('dep=18');
    expect(await banner(page).count()).toBe(0);
    // The switcher names the département shown; the title block beside it does not repeat it.
    expect(await switcher(page).locator('option:checked').textContent()).toBe('Cher (18)');
    expect(await page.locator('.brand').textContent()).not.toContain('Cher');
    expect(await yearOptions(page)).toEqual(['2021']);
    expect(await page.getByRole('table').locator('tbody tr').count()).toBe(cher.features.length);
    // The sources named are the Cher's: none of them fictional.
    await page.getByRole('button', { name: 'Sources', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Sources et millésimes' });
    await dialog.waitFor();
    const sources = (await dialog.textContent()) ?? '';
    expect(sources).toContain('Contours des communes');
    expect(sources).not.toContain('fictif');
    await page.keyboard.press('Escape');
    await page.close();
  });

  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 1920, height: 1080 },
  ])
    it(`with the switcher shown, the header keeps every control on one row at ${viewport.width}×${viewport.height}`, async () => {
      // The demo's name is longer than most départements'.
      const page = await open('?dep=Z1', viewport);
      await switcher(page).waitFor();
      await screenshot(page, `e2e-territories-05-header-${viewport.width}x${viewport.height}`);
      // Every control is there, visible, under its accessible name.
      const controls = {
        territory: page.getByRole('combobox', { name: 'Territoire' }),
        search: page.getByRole('searchbox', { name: 'Rechercher une commune ou un EPCI' }),
        epci: page.getByRole('radio', { name: 'Intercommunalités', exact: true }),
        communes: page.getByRole('radio', { name: 'Communes', exact: true }),
        year: page.getByRole('combobox', { name: 'Année' }),
        png: page.getByRole('button', { name: 'Exporter la carte PNG', exact: true }),
        sources: page.getByRole('button', { name: 'Sources', exact: true }),
      };
      const boxes: Record<string, { x: number; y: number; width: number; height: number }> = {};
      for (const [k, c] of Object.entries(controls)) {
        expect(await c.isVisible(), k).toBe(true);
        boxes[k] = (await c.boundingBox())!;
      }
      const all = Object.values(boxes);
      // One row: the controls all cross a common horizontal line (a wrapped row starts below
      // the bottom of the first), inside the window, and the bar stays thin.
      const lowestTop = Math.max(...all.map((b) => b.y));
      const highestBottom = Math.min(...all.map((b) => b.y + b.height));
      expect(lowestTop, JSON.stringify(boxes)).toBeLessThan(highestBottom);
      for (const [k, b] of Object.entries(boxes))
        expect(b.x + b.width, k).toBeLessThanOrEqual(viewport.width);
      // About 4 rem high on one row (the root font grows with the window), over 7 on two.
      const header = (await page.locator('header').boundingBox())!;
      const rem = await page.evaluate(() =>
        parseFloat(getComputedStyle(document.documentElement).fontSize),
      );
      expect(header.height).toBeLessThan(5 * rem);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      await page.close();
    });

  it('switching from the demo to the Cher: no warning, only the Cher on the map, restored from the link; and back', async () => {
    const page = await open('?dep=Z1');
    expect(await banner(page).isVisible()).toBe(true);
    expect(await switcher(page).inputValue()).toBe('Z1');
    expect(await yearOptions(page)).toEqual(demo.metadata.years.map(String));
    const demoOnly = [...colorsOf(demo)].filter(([c]) => !colorsOf(cher).has(c));
    expect(demoOnly.length).toBeGreaterThan(0);
    const onDemo = await countMapColors(page, Object.fromEntries(demoOnly));
    for (const [c, n] of Object.entries(onDemo)) expect(n, `demo ${c}`).toBeGreaterThan(500);
    expect(await exportHasFictionalBanner(page, 'e2e-territories-export-demo.png', 'Z1')).toBe(
      true,
    );
    await screenshot(page, 'e2e-territories-01-demo');

    // From the keyboard: focus the switcher and choose the Cher.
    const tiles: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/tiles/')) tiles.push(r.url());
    });
    await switcher(page).focus();
    await switcher(page).selectOption('18');
    await expect.poll(() => page.url()).toContain('dep=18');
    await expect.poll(() => banner(page).count()).toBe(0);
    await expect
      .poll(() => page.getByRole('table').locator('tbody tr').count())
      .toBe(cher.features.length);
    expect(await yearOptions(page)).toEqual(['2021']);
    await settledMapFingerprint(page);
    await screenshot(page, 'e2e-territories-02-cher');
    const cherColors = colorsOf(cher);
    const onCher = await countMapColors(page, {
      ...Object.fromEntries(cherColors),
      ...Object.fromEntries(demoOnly),
    });
    // Fitted to the Cher: its classes fill a good part of the map; no class only the demo has is
    // drawn. A few hundred pixels of the near-white class are the labels' white halos blending
    // into the grey background (about 230 with a one-row header); a demo territory is thousands.
    // (The Cher here has no childminder list: its figures are incomplete, and the cross-hatching
    // drawn over their pale fill leaves about half of it showing.)
    for (const c of cherColors.keys()) {
      const min = c === INCOMPLETE_COLOR ? 4_000 : 8_000;
      expect(onCher[c], `Cher ${c}`).toBeGreaterThan(min);
    }
    for (const [c] of demoOnly) expect(onCher[c], `demo ${c} on the Cher`).toBeLessThan(400);
    expect(await page.getByText('Territoire fictif — données de démonstration').count()).toBe(0);

    // The tile layers are restricted too.
    await page.getByRole('checkbox', { name: /Classes d’écart/ }).check();
    await expect
      .poll(() => tiles.filter((u) => u.includes('/api/tiles/gaps/')).length)
      .toBeGreaterThan(0);
    expect(
      tiles
        .filter((u) => u.includes('/api/tiles/gaps/'))
        .every((u) => u.includes('departement=18')),
    ).toBe(true);
    await settledMapFingerprint(page);
    expect(await exportHasFictionalBanner(page, 'e2e-territories-export-cher.png', '18')).toBe(
      false,
    );
    // The table too: the Cher's export does not overwrite the demo's.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Exporter le tableau (CSV)' }).click(),
    ]);
    expect(csv.suggestedFilename()).toBe('berceau-epci-2021-dep18.csv');
    const link = page.url();
    expect(link).toContain('dep=18');
    await page.close();

    const again = await open(link.slice(server.baseUrl.length + 1));
    expect(await switcher(again).inputValue()).toBe('18');
    expect(await banner(again).count()).toBe(0);
    expect(await again.getByRole('checkbox', { name: /Classes d’écart/ }).isChecked()).toBe(true);
    expect(await again.getByRole('table').locator('tbody tr').count()).toBe(cher.features.length);
    await screenshot(again, 'e2e-territories-03-cher-from-link');

    // And back to the demo (gap classes off, to see the choropleth): the warning returns, with
    // the demo's years, and the map fits the demo.
    await again.getByRole('checkbox', { name: /Classes d’écart/ }).uncheck();
    await switcher(again).selectOption('Z1');
    await expect.poll(() => again.url()).toContain('dep=Z1');
    await banner(again).waitFor();
    await expect
      .poll(() => again.getByRole('table').locator('tbody tr').count())
      .toBe(demo.features.length);
    expect(await yearOptions(again)).toEqual(demo.metadata.years.map(String));
    await settledMapFingerprint(again);
    const back = await countMapColors(again, Object.fromEntries(demoOnly));
    for (const [c, n] of Object.entries(back)) expect(n, `demo ${c}`).toBeGreaterThan(500);
    await screenshot(again, 'e2e-territories-04-back-to-demo');
    await again.close();
  });

  it('a year and a selection from the other département give way to the Cher’s', async () => {
    const demoEpci = demo.features[0].properties.code;
    const page = await open(`?dep=Z1&year=${demo.metadata.years[0]}&sel=epci:${demoEpci}`);
    await page
      .getByRole('region', { name: demo.features[0].properties.name, exact: true })
      .waitFor();
    await switcher(page).selectOption('18');
    await expect.poll(() => page.url()).toContain('dep=18');
    await expect.poll(() => page.url()).not.toContain('sel=');
    await expect.poll(() => page.url()).not.toContain('year=');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Année' }).inputValue())
      .toBe('2021');
    await page.close();

    // The same from a hand-made link: the selection of another département is dropped.
    const link = await open(`?dep=18&sel=epci:${demoEpci}&year=${demo.metadata.years[0]}`);
    await expect.poll(() => link.url()).not.toContain('sel=');
    await expect.poll(() => link.url()).not.toContain('year=');
    expect(await banner(link).count()).toBe(0);
    await link.close();
  });
});
