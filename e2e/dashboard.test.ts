import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/test/database';
import type { TerritoryCollection, TerritoryDetail } from '../client/src/api/types';
import {
  COVERAGE_COLORS,
  coverageColor,
  hexToRgb,
  NO_DATA_COLOR,
  SMALL_POPULATION_COLOR,
} from '../client/src/lib/coverage-scale';
import { formatCount, formatRate } from '../client/src/lib/format';
import { normalizeName } from '../client/src/lib/search';
import {
  browserSkipReason,
  countMapColors,
  type Dashboard,
  pngSize,
  RESULTS_DIR,
  type Rgb,
  screenshot,
  settledMapFingerprint,
  startDashboard,
  waitForMap,
} from './browser';

const skip = browserSkipReason();
if (skip) console.warn(`[e2e] ${skip}`);

describe.skipIf(skip !== null)('dashboard in Chromium, on the demo territory', () => {
  let dashboard: Dashboard;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let epci: TerritoryCollection;
  let communes: TerritoryCollection;

  beforeAll(async () => {
    dashboard = await startDashboard();
    ({ server, browser } = dashboard);
    epci = await dashboard.api<TerritoryCollection>('/api/territories?level=epci');
    communes = await dashboard.api<TerritoryCollection>('/api/territories?level=commune');
  });

  afterAll(async () => {
    await dashboard?.close();
  });

  async function open(
    query = '',
    viewport = { width: 1280, height: 800 },
    before?: (p: Page) => Promise<unknown>,
  ) {
    page = await browser.newPage({ viewport, acceptDownloads: true });
    await before?.(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.baseUrl}/${query}`);
    await waitForMap(page);
    // Let labels and late tiles settle before looking at pixels.
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    return page;
  }

  it('draws the EPCI choropleth in the colours of their rates, with legend and demo banner', async () => {
    await open();
    const expected = new Map<string, Rgb>();
    for (const f of epci.features)
      expected.set(coverageColor(f.properties), hexToRgb(coverageColor(f.properties)));
    const counts = await countMapColors(page, Object.fromEntries(expected));
    // Every class present in the API answer covers a visible area of the map.
    for (const [color, n] of Object.entries(counts))
      expect(n, `pixels of ${color}`).toBeGreaterThan(500);
    // And the classes absent from the data are absent from the map.
    const absent = COVERAGE_COLORS.filter((c) => !expected.has(c));
    const absentCounts = await countMapColors(
      page,
      Object.fromEntries(absent.map((c) => [c, hexToRgb(c)])),
      1,
    );
    for (const [color, n] of Object.entries(absentCounts))
      expect(n, `pixels of ${color}`).toBeLessThan(200);

    await expect(page.getByText('Territoire fictif — données de démonstration')).toBeTruthy();
    expect(
      await page.getByRole('note', { name: 'Avertissement : données fictives' }).isVisible(),
    ).toBe(true);
    const legend = page.getByRole('region', { name: /Taux de couverture global/ });
    expect(await legend.textContent()).toContain('Référence France');
    expect(await page.getByRole('table').locator('tbody tr').count()).toBe(epci.features.length);
    await screenshot(page, 'e2e-01-epci-choropleth-1280x800');

    // Sources and vintages are one click away.
    await page.getByRole('button', { name: 'Sources', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Sources et millésimes' });
    await dialog.waitFor();
    for (const d of epci.metadata.datasets) expect(await dialog.textContent()).toContain(d.vintage);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await page.close();
  });

  it('searching an EPCI by a lower-case, accent-free name opens its panel with the API figures', async () => {
    await open();
    const target = [...epci.features].sort(
      (a, b) => b.properties.name.length - a.properties.name.length,
    )[0].properties;
    const query = normalizeName(target.name).split(' ').slice(-3).join(' ');
    const search = page.getByRole('searchbox', { name: 'Rechercher une commune ou un EPCI' });
    await search.fill(query);
    await page
      .getByRole('option', { name: new RegExp(target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .first()
      .click();
    const panel = page.getByRole('region', { name: target.name, exact: true });
    await panel.waitFor();
    const detail = await dashboard.api<TerritoryDetail>(`/api/territories/epci/${target.code}`);
    expect(await panel.locator('[data-field="children_under3"]').textContent()).toContain(
      formatCount(detail.territory.children_under3),
    );
    expect(await panel.locator('[data-field="places_total"]').textContent()).toContain(
      formatCount(detail.territory.places_total),
    );
    expect((await panel.locator('[data-field="coverage_rate"]').textContent())?.trim()).toBe(
      formatRate(detail.territory.coverage_rate),
    );
    if (detail.parents.departement)
      expect(await panel.textContent()).toContain(detail.parents.departement.name);
    expect(page.url()).toContain(`sel=epci:${target.code}`);
    await page.waitForTimeout(1200); // the fly-to animation
    await screenshot(page, 'e2e-02-search-epci-panel');
    await page.close();
  });

  it('finds a commune from the keyboard and moves focus to its panel', async () => {
    await open();
    const target =
      communes.features.find((f) => /[éèêàçôœ]/i.test(f.properties.name))?.properties ??
      communes.features[0].properties;
    // Commune names load after the first map: wait until the search knows them.
    const search = page.getByRole('searchbox');
    await search.focus();
    await expect
      .poll(
        async () => {
          await search.fill('');
          await search.pressSequentially(normalizeName(target.name).toUpperCase());
          return page.getByRole('option').count();
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThan(0);
    await search.press('Enter');
    await page.getByRole('region', { name: target.name, exact: true }).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('territory-name');
    const detail = await dashboard.api<TerritoryDetail>(`/api/territories/commune/${target.code}`);
    const panel = page.getByRole('region', { name: target.name, exact: true });
    // A commune with too few childminders shows "secret" (statistical secrecy), not a rate.
    expect((await panel.locator('[data-field="coverage_rate"]').textContent())?.trim()).toBe(
      detail.territory.childminders_secret ? 'secret' : formatRate(detail.territory.coverage_rate),
    );
    if (detail.territory.small_population)
      expect(await panel.textContent()).toContain('Petite population');
    await page.close();
  });

  it('toggles layers: the map changes, the layer legend appears, the URL records it', async () => {
    await open();
    const before = await settledMapFingerprint(page);
    await page.getByRole('checkbox', { name: /Routes/ }).check();
    await expect.poll(() => page.url()).toContain('layers=roads');
    const roadPixels = async () => {
      const roads = await countMapColors(
        page,
        { nationale: hexToRgb('#c0392b'), departementale: hexToRgb('#e67e22') },
        8,
      );
      return roads.nationale + roads.departementale;
    };
    await expect.poll(roadPixels, { timeout: 20_000 }).toBeGreaterThan(50);
    await page.getByRole('checkbox', { name: /EAJE/ }).check();
    await page.getByText('Taille : places autorisées').waitFor();
    const withLayers = await settledMapFingerprint(page);
    expect(withLayers).not.toBe(before);
    await page.getByRole('checkbox', { name: /Classes d’écart/ }).check();
    await expect.poll(() => page.url()).toContain('layers=gaps,roads,eaje');
    // From the keyboard: focus a layer's checkbox and press Space.
    await page.getByRole('checkbox', { name: /MAM/ }).focus();
    await page.keyboard.press('Space');
    await expect.poll(() => page.url()).toContain('layers=gaps,roads,mam,eaje');
    await page.keyboard.press('Space');
    await expect.poll(() => page.url()).toContain('layers=gaps,roads,eaje');
    await screenshot(page, 'e2e-03-layers-on');
    await page.getByRole('checkbox', { name: /Routes/ }).uncheck();
    await page.getByRole('checkbox', { name: /EAJE/ }).uncheck();
    await page.getByRole('checkbox', { name: /Classes d’écart/ }).uncheck();
    await expect.poll(() => page.url()).not.toContain('layers=');
    // Back to the same pixels once the map has settled again.
    await expect.poll(() => settledMapFingerprint(page), { timeout: 20_000 }).toBe(before);
    await page.close();
  });

  it('a copied link reopens the same level, year, selection, layers and view', async () => {
    await open();
    await page.getByRole('radio', { name: 'Communes' }).check();
    const years = epci.metadata.years;
    const year = years[0];
    await page.getByRole('combobox', { name: 'Année' }).selectOption(String(year));
    await page.getByRole('checkbox', { name: /Routes/ }).check();
    const target = communes.features[Math.floor(communes.features.length / 2)].properties;
    // Long tables show their first rows; the rest on demand.
    const all = page.getByRole('button', { name: 'Tout afficher' });
    if (await all.isVisible()) await all.click();
    await page.getByRole('table').getByRole('button', { name: target.name, exact: true }).click();
    await page.getByRole('region', { name: target.name, exact: true }).waitFor();
    // The camera may still be flying to the selection: read the link and the pixels once the
    // map has stopped changing.
    await settledMapFingerprint(page, 20_000);
    const link = page.url();
    expect(link).toContain('level=commune');
    expect(link).toContain(`year=${year}`);
    expect(link).toContain(`sel=commune:${target.code}`);
    expect(link).toContain('view=');
    const palette = Object.fromEntries(
      [...COVERAGE_COLORS, NO_DATA_COLOR, SMALL_POPULATION_COLOR].map((c) => [c, hexToRgb(c)]),
    );
    const drawn = await countMapColors(page, palette);
    await page.close();

    const again = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await again.goto(link);
    await waitForMap(again);
    const panel = again.getByRole('region', { name: target.name, exact: true });
    await panel.waitFor();
    expect(await again.getByRole('radio', { name: 'Communes' }).isChecked()).toBe(true);
    expect(await again.getByRole('combobox', { name: 'Année' }).inputValue()).toBe(String(year));
    expect(await again.getByRole('checkbox', { name: /Routes/ }).isChecked()).toBe(true);
    expect(await panel.textContent()).toContain(String(year));
    await settledMapFingerprint(again, 20_000);
    expect(again.url()).toBe(link);
    // Same picture: each class covers the same area, up to the rounding of the view in the link.
    const redrawn = await countMapColors(again, palette);
    for (const c of Object.keys(palette))
      expect(Math.abs(redrawn[c] - drawn[c]), c).toBeLessThanOrEqual(300 + drawn[c] * 0.03);
    await screenshot(again, 'e2e-04-restored-from-link');
    await again.close();
  });

  it('exports the visible table as French CSV and the map as a PNG with title and legend', async () => {
    await open();
    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Exporter le tableau/ }).click(),
    ]);
    const csvFile = path.join(RESULTS_DIR, csvDownload.suggestedFilename());
    await csvDownload.saveAs(csvFile);
    const csv = fs.readFileSync(csvFile, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0].split(';').slice(0, 2)).toEqual(['Code', 'Nom']);
    expect(lines).toHaveLength(epci.features.length + 1);
    const rated = epci.features.find((f) => f.properties.coverage_rate !== null)!.properties;
    const row = lines.find((l) => l.startsWith(`${rated.code};`))!;
    expect(row.split(';')[12]).toBe(String(rated.coverage_rate).replace('.', ','));
    // Rows in the table's order: lowest rate first.
    const rates = lines
      .slice(1)
      .map((l) => l.split(';')[12])
      .filter((r) => r !== '')
      .map((r) => Number(r.replace(',', '.')));
    expect(rates).toEqual([...rates].sort((a, b) => a - b));

    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: /Exporter la carte/ }).click(),
    ]);
    const pngFile = path.join(RESULTS_DIR, 'e2e-05-export-carte.png');
    await pngDownload.saveAs(pngFile);
    // The demo is the département shown: its code ends the names.
    expect(csvDownload.suggestedFilename()).toMatch(/^berceau-epci-\d{4}-depZ1\.csv$/);
    expect(pngDownload.suggestedFilename()).toMatch(/^berceau-carte-epci-\d{4}-depZ1\.png$/);
    const png = fs.readFileSync(pngFile);
    const size = pngSize(png);
    const canvas = await page.evaluate(() => {
      const c = document.querySelector(
        '[data-testid="map"] canvas.maplibregl-canvas',
      ) as HTMLCanvasElement;
      return { width: c.width, height: c.height };
    });
    expect(size.width).toBe(canvas.width);
    expect(size.height).toBeGreaterThan(canvas.height + 150); // title above, legend and sources below
    await page.close();
  });

  it('shows a message, not a blank map, when the API fails', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route('**/api/territories?level=epci*', (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal', message: 'Erreur interne du serveur' } }),
      }),
    );
    await page.goto(server.baseUrl);
    const alert = page.getByRole('alert').filter({ hasText: 'La carte ne peut pas être affichée' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Erreur interne du serveur');
    expect(await page.getByRole('button', { name: 'Réessayer' }).isVisible()).toBe(true);
    await screenshot(page, 'e2e-06-api-error');
    await page.close();
  });

  it('puts an optional online basemap under a translucent choropleth when one is configured', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The server publishes the configured style in /api/health; here the test adds one, served locally.
    const styleUrl = `${server.baseUrl}/test-basemap/style.json`;
    await page.route('**/api/health', async (route) => {
      const response = await route.fetch();
      await route.fulfill({
        response,
        json: { ...(await response.json()), basemapStyleUrl: styleUrl },
      });
    });
    await page.route('**/test-basemap/style.json', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({
          version: 8,
          sources: {},
          layers: [{ id: 'basemap', type: 'background', paint: { 'background-color': '#00c8c8' } }],
        }),
      }),
    );
    await page.goto(server.baseUrl);
    await waitForMap(page);
    await page.waitForTimeout(2000);
    const basemap: Rgb = [0, 200, 200];
    const blended = (hex: string): Rgb =>
      hexToRgb(hex).map((c, i) => Math.round(0.7 * c + 0.3 * basemap[i])) as Rgb;
    const classes = [...new Set(epci.features.map((f) => coverageColor(f.properties)))];
    const counts = await countMapColors(
      page,
      { basemap, ...Object.fromEntries(classes.map((c) => [c, blended(c)])) },
      4,
    );
    expect(counts.basemap).toBeGreaterThan(5000);
    for (const c of classes)
      expect(counts[c], `choropleth ${c} over the basemap`).toBeGreaterThan(500);
    await screenshot(page, 'e2e-08-online-basemap');
    await page.close();
  });

  it('lays out on a 1920×1080 projector with the panel open', async () => {
    const target = [...communes.features].sort(
      (a, b) => (a.properties.coverage_rate ?? 999) - (b.properties.coverage_rate ?? 999),
    )[0].properties;
    // The commune list (which the map waits for) arrives after the selection's detail: the map
    // must still open on the selection.
    await open(
      `?level=commune&sel=commune:${target.code}&layers=eaje`,
      { width: 1920, height: 1080 },
      (p) =>
        p.route(/\/api\/territories\?level=commune/, async (route) => {
          await new Promise((r) => setTimeout(r, 1500));
          await route.continue();
        }),
    );
    await page.getByRole('region', { name: target.name, exact: true }).waitFor();
    await page.waitForTimeout(1500);
    // A link with a selection and no view opens on the selection, not on all of France: the
    // scale bar reads a few kilometres at most (it reads 100 km over France).
    await expect
      .poll(
        async () => {
          const text = (await page.locator('.maplibregl-ctrl-scale').textContent()) ?? '';
          const m = /([\d.]+)\s*(km|m)/.exec(text);
          return m ? Number(m[1]) * (m[2] === 'km' ? 1000 : 1) : Infinity;
        },
        { timeout: 10_000 },
      )
      .toBeLessThanOrEqual(5000);
    // Nothing overflows the window horizontally.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1920,
    );
    await screenshot(page, 'e2e-07-projector-1920x1080');
    await page.close();
  });
});
