import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import type { FacilityCollection, TerritoryCollection } from '../client/src/api/types';
import { hexToRgb } from '../client/src/lib/coverage-scale';
import { bandColors } from '../client/src/lib/travel';
import {
  countMapColors,
  describeInBrowser,
  screenshot,
  settledMapFingerprint,
  waitForMap,
} from './browser';

/** The screens of the navigation bar other than the map, with their paths. */
const SCREENS = [
  { label: 'Zones à examiner', path: '/zones' },
  { label: 'Projet de MAM', path: '/projet-mam' },
  { label: 'Rapport de territoire', path: '/rapport' },
  { label: 'Administration', path: '/administration' },
];

describeInBrowser('screens and links in Chromium, on the demo territory', (dashboard) => {
  let epci: TerritoryCollection;
  /** A crèche of the demo, on its roads: the origin of the links' isochrone. */
  let origin: [number, number];
  const base = () => dashboard().server.baseUrl;
  beforeAll(async () => {
    epci = await dashboard().api<TerritoryCollection>('/api/territories?level=epci');
    const eaje = await dashboard().api<FacilityCollection>(
      '/api/facilities?bbox=-180,-85,180,85&type=eaje',
    );
    const [lon, lat] = eaje.features[0].geometry.coordinates;
    origin = [Number(lon.toFixed(4)), Number(lat.toFixed(4))];
  });

  async function newPage() {
    const page = await dashboard().browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    return { page, errors };
  }

  /** What the map screen shows of the link's state: panel, layers, isochrone, year, view. */
  async function mapState(page: Page, name: string) {
    await page.getByRole('region', { name, exact: true }).waitFor();
    await page.getByRole('region', { name: /^Isochrone en voiture depuis/ }).waitFor();
    const checked = async (label: RegExp) =>
      page.getByRole('checkbox', { name: label }).isChecked();
    return {
      roads: await checked(/Routes/),
      gaps: await checked(/Classes d’écart/),
      eaje: await checked(/EAJE/),
      mam: await checked(/MAM/),
      year: await page.getByRole('combobox', { name: 'Année' }).inputValue(),
      isochroneBands: await page
        .getByRole('region', { name: /^Isochrone/ })
        .locator('td[data-band][data-field="places_total"]')
        .count(),
    };
  }

  it('an old deep link opens the same view; the nav bar goes to each screen and back with the state kept', async () => {
    const target = epci.features[1].properties;
    const year = epci.metadata.years[0];
    // A link as the dashboard wrote them before it had several screens.
    const [lon, lat] = origin;
    const link = `/?year=${year}&sel=epci:${target.code}&layers=gaps,roads,eaje&view=${lon},${lat},9.2&iso=${lon},${lat},car,10-20-30`;
    const { page, errors } = await newPage();
    await page.goto(`${base()}${link}`);
    // Tiles of two layers and an isochrone before the first idle: slow on a loaded machine.
    await waitForMap(page, 120_000);
    const opened = await mapState(page, target.name);
    expect(opened).toEqual({
      roads: true,
      gaps: true,
      eaje: true,
      mam: false,
      year: String(year),
      isochroneBands: 3,
    });
    await settledMapFingerprint(page, 20_000);
    // Nothing in the link moved: same view, same isochrone, same selection.
    expect(page.url()).toBe(`${base()}${link}`);
    const bands = Object.fromEntries(bandColors(3).map((c) => [c, hexToRgb(c)]));
    const drawn = await countMapColors(page, bands, 4);
    expect(Object.values(drawn).reduce((a, b) => a + b, 0)).toBeGreaterThan(500);
    await screenshot(page, 'e2e-screens-01-old-deep-link');

    const nav = page.getByRole('navigation', { name: 'Écrans' });
    expect(
      await nav.getByRole('link', { name: 'Carte de couverture' }).getAttribute('aria-current'),
    ).toBe('page');
    for (const s of SCREENS) {
      await nav.getByRole('link', { name: s.label }).click();
      // Each screen has its own title and a main heading (the report's is the document's own).
      await expect.poll(() => page.title()).toBe(`${s.label} — Berceau`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      const url = new URL(page.url());
      expect(url.pathname).toBe(s.path);
      // Another screen's link carries the shared state only: same territory and year.
      expect(url.search).toBe(`?year=${year}&sel=epci:${target.code}`);
      expect(await page.title()).toBe(`${s.label} — Berceau`);
      expect(await nav.getByRole('link', { name: s.label }).getAttribute('aria-current')).toBe(
        'page',
      );
    }
    await screenshot(page, 'e2e-screens-02-administration');

    await nav.getByRole('link', { name: 'Carte de couverture' }).click();
    await waitForMap(page, 120_000);
    expect(await mapState(page, target.name)).toEqual(opened);
    await settledMapFingerprint(page);
    expect(page.url()).toBe(`${base()}${link}`);
    expect(await page.title()).toBe('Berceau — couverture de l’accueil du jeune enfant');

    // The browser's Back button goes back through the screens visited.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await page.goBack();
    await expect.poll(() => page.title()).toBe('Rapport de territoire — Berceau');
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('a screen other than the map reloads and opens from a bookmark (the server answers every path)', async () => {
    const { page, errors } = await newPage();
    const code = epci.features[0].properties.code;
    await page.goto(`${base()}/zones?sel=epci:${code}`);
    await page.getByRole('heading', { level: 1, name: 'Zones à examiner' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Zones à examiner' }).waitFor();
    expect(page.url()).toBe(`${base()}/zones?sel=epci:${code}`);
    // The zones of the selected EPCI are listed (the list itself: e2e/gap-zones.test.ts).
    await page.getByTestId('zone-count').waitFor();
    await screenshot(page, 'e2e-screens-03-zones-reloaded');
    // Its link back to the map opens on the same selection.
    await page.getByRole('link', { name: 'Revenir à la carte de couverture' }).click();
    await waitForMap(page);
    await page
      .getByRole('region', { name: epci.features[0].properties.name, exact: true })
      .waitFor();

    await page.goto(`${base()}/nulle-part`);
    await page.getByRole('heading', { level: 1, name: 'Page introuvable' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
