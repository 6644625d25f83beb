import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/test/database';
import type {
  FacilityCollection,
  IsochroneCollection,
  NearestCollection,
  TerritoryCollection,
} from '../client/src/api/types';
import { hexToRgb } from '../client/src/lib/coverage-scale';
import { formatCount } from '../client/src/lib/format';
import { featuresBbox } from '../client/src/lib/bbox';
import {
  bandColors,
  formatArea,
  formatDistance,
  MINUTE_CLASSES,
  minuteClass,
  NOT_REACHED_CLASS,
} from '../client/src/lib/travel';
import {
  classDrawingProblems,
  browserSkipReason,
  countMapColors,
  type Dashboard,
  type Rgb,
  screenshot,
  settledMapFingerprint,
  startDashboard,
  waitForMap,
} from './browser';

/**
 * Travel times in the dashboard, against the real API on the demo territory: an
 * isochrone started from the keyboard, from a right-click and from a facility's popup, its bands
 * on the map's pixels and its figures equal to POST /api/isochrones; errors shown as messages;
 * the time-to-nearest layer's legend, pixels and target selector.
 */
const skip = browserSkipReason();
if (skip) console.warn(`[e2e] ${skip}`);

const FIGURE_FIELDS = [
  'children_under3',
  'places_eaje_psu',
  'places_eaje_hors_psu',
  'places_am',
  'places_mam',
  'places_total',
] as const;

describe.skipIf(skip !== null)('travel times in Chromium, on the demo territory', () => {
  let dashboard: Dashboard;
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let facilities: FacilityCollection;
  let bbox: [number, number, number, number];

  const api = async <T>(p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${server.baseUrl}${p}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${p} ${JSON.stringify(body ?? '')}`).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    dashboard = await startDashboard();
    ({ server, browser } = dashboard);
    const deps = await api<TerritoryCollection>('/api/territories?level=departement');
    bbox = featuresBbox(deps.features)!;
    facilities = await api<FacilityCollection>(`/api/facilities?bbox=${bbox.join(',')}`);
  });

  afterAll(async () => {
    await dashboard?.close();
  });

  async function open(query = '', viewport = { width: 1280, height: 800 }) {
    page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.baseUrl}/${query}`);
    await waitForMap(page);
    await settledMapFingerprint(page);
    expect(errors).toEqual([]);
    return page;
  }

  /** The isochrone of the link, as the API computes it for the same request. */
  function isoParam(): { lon: number; lat: number; mode: string; minutes: number[] } {
    const iso = new URL(page.url()).searchParams.get('iso');
    expect(iso, page.url()).toBeTruthy();
    const [lon, lat, mode, bands] = iso!.split(',');
    return { lon: Number(lon), lat: Number(lat), mode, minutes: bands.split('-').map(Number) };
  }

  function bandRgb(n: number): Record<string, Rgb> {
    return Object.fromEntries(bandColors(n).map((c) => [c, hexToRgb(c)]));
  }

  /** Where a point is drawn on the map (CSS pixels in the map), from the view of the link. */
  async function pixelOf([lon, lat]: [number, number]): Promise<[number, number]> {
    const [clon, clat, zoom] = new URL(page.url()).searchParams.get('view')!.split(',').map(Number);
    const box = (await page.getByTestId('map').boundingBox())!;
    const world = 512 * 2 ** zoom;
    const mx = (l: number) => ((l + 180) / 360) * world;
    const my = (p: number) =>
      ((1 - Math.log(Math.tan(Math.PI / 4 + (p * Math.PI) / 360)) / Math.PI) / 2) * world;
    return [box.width / 2 + mx(lon) - mx(clon), box.height / 2 + my(lat) - my(clat)];
  }

  /** A facility placed at its address (not at a commune centre), well inside the territory. */
  function facilityOnRoad() {
    return facilitiesOnRoad()[0];
  }

  function facilitiesOnRoad() {
    const [w, s, e, n] = bbox;
    const inside = facilities.features.filter((f) => {
      const [x, y] = f.geometry.coordinates;
      return (
        !f.properties.location_approximate &&
        f.properties.type === 'eaje' &&
        x > w + (e - w) * 0.25 &&
        x < e - (e - w) * 0.25 &&
        y > s + (n - s) * 0.25 &&
        y < n - (n - s) * 0.25
      );
    });
    expect(inside.length).toBeGreaterThan(0);
    return inside.sort((a, b) => b.properties.places - a.properties.places);
  }

  async function expectPanelEqualsApi(panelName: RegExp) {
    const panel = page.getByRole('region', { name: panelName });
    await panel.waitFor();
    const table = panel.getByRole('table');
    await table.waitFor({ timeout: 30_000 });
    const spec = isoParam();
    const answer = await api<IsochroneCollection>('/api/isochrones', spec);
    expect(answer.features.length).toBe(spec.minutes.length);
    for (const f of answer.features) {
      const p = f.properties;
      for (const field of FIGURE_FIELDS) {
        const cell = table.locator(`td[data-band="${p.minutes}"][data-field="${field}"]`);
        expect((await cell.textContent())?.trim(), `${field} ≤ ${p.minutes}`).toBe(
          formatCount(p[field]),
        );
      }
      expect(
        (
          await table.locator(`td[data-band="${p.minutes}"][data-field="area_km2"]`).textContent()
        )?.trim(),
      ).toBe(formatArea(p.area_km2));
    }
    // The demo's children come from its grid, none placed by an estimate: not "estimé".
    expect(answer.features.every((f) => f.properties.children_method === 'demand_grid')).toBe(true);
    expect(await table.textContent()).not.toContain('(estimé)');
    expect(await panel.textContent()).toContain('carreaux de 200 m de la population');
    return { panel, answer };
  }

  it('computes an isochrone at the map centre from the keyboard: bands drawn, figures of the API', async () => {
    const f = facilityOnRoad();
    const [lon, lat] = f.geometry.coordinates;
    await open(`?view=${lon},${lat},10.5`);
    const before = await countMapColors(page, bandRgb(3), 2);

    // Reach the button with Tab, press Enter: no mouse.
    const button = page.getByRole('button', { name: 'Isochrone au centre de la carte' });
    for (let i = 0; i < 40 && !(await button.evaluate((b) => b === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await button.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');

    const { panel, answer } = await expectPanelEqualsApi(/^Isochrone en voiture depuis/);
    // The heading took the focus, for screen readers.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('isochrone-title');
    expect(isoParam()).toMatchObject({ mode: 'car', minutes: [10, 20, 30] });
    expect(answer.features.map((b) => b.properties.minutes)).toEqual([10, 20, 30]);
    if (answer.features[0].properties.fictional)
      expect(await panel.textContent()).toContain('fictif');

    // Each band's outline is drawn in its colour.
    await settledMapFingerprint(page);
    const counts = await countMapColors(page, bandRgb(3), 2);
    for (const [color, n] of Object.entries(counts))
      expect(n - before[color], `pixels of band ${color}`).toBeGreaterThan(150);
    await screenshot(page, 'e2e-travel-01-isochrone-keyboard');

    // Clearing removes the bands and the panel, and the link forgets it.
    await panel.getByRole('button', { name: 'Effacer l’isochrone' }).click();
    await expect.poll(() => page.url()).not.toContain('iso=');
    await settledMapFingerprint(page);
    const after = await countMapColors(page, bandRgb(3), 2);
    for (const [color, n] of Object.entries(after))
      expect(Math.abs(n - before[color]), `pixels of band ${color} after clearing`).toBeLessThan(
        50,
      );
    expect(await page.getByRole('region', { name: /^Isochrone/ }).count()).toBe(0);
    await page.close();
  });

  it('changes mode and bands from the form, refuses bad bands before asking the API, and reopens from the link', async () => {
    const f = facilityOnRoad();
    const [lon, lat] = f.geometry.coordinates;
    await open(`?iso=${lon},${lat},car,10-20-30&view=${lon},${lat},12.5`);
    const panel = page.getByRole('region', { name: /^Isochrone en voiture/ });
    await panel.getByRole('table').waitFor({ timeout: 30_000 });

    let posts = 0;
    page.on('request', (r) => {
      if (r.url().endsWith('/api/isochrones') && r.method() === 'POST') posts++;
    });
    const bands = panel.getByRole('textbox', { name: 'Durées (minutes)' });
    await bands.fill('0, 90');
    await panel.getByRole('button', { name: 'Calculer' }).click();
    await expect.poll(() => panel.getByRole('alert').textContent()).toContain('entre 1 et 60');
    expect(posts).toBe(0);

    await panel.getByRole('radio', { name: 'À pied' }).check();
    await bands.fill('15, 5');
    await bands.press('Enter');
    await expect.poll(() => page.url()).toContain(',walk,5-15');
    await expectPanelEqualsApi(/^Isochrone à pied depuis/);
    expect(posts).toBe(1);
    await settledMapFingerprint(page);
    const counts = await countMapColors(page, bandRgb(2), 2);
    await screenshot(page, 'e2e-travel-02-isochrone-walk');
    expect(counts[bandColors(2)[0]], 'pixels of the 5-minute band').toBeGreaterThan(50);
    await page.close();
  });

  it('starts an isochrone from a right-click and from a facility popup', async () => {
    const f = facilityOnRoad();
    const [lon, lat] = f.geometry.coordinates;
    await open(`?layers=eaje&view=${lon},${lat},11`);
    const map = page.getByTestId('map');
    const box = (await map.boundingBox())!;
    // The facility is drawn at the centre of the map: its popup offers the isochrone.
    await settledMapFingerprint(page);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const fromFacility = page.getByRole('button', { name: 'Isochrone depuis cet établissement' });
    await fromFacility.waitFor();
    // The facility under the pointer (another one may be drawn at the same place).
    const name = (await page.locator('.berceau-action-popup strong').textContent())!;
    const clicked = facilities.features.find(
      (x) =>
        x.properties.name === name &&
        Math.abs(x.geometry.coordinates[0] - lon) < 0.01 &&
        Math.abs(x.geometry.coordinates[1] - lat) < 0.01,
    );
    expect(clicked, name).toBeTruthy();
    await screenshot(page, 'e2e-travel-03-facility-popup');
    await fromFacility.click();
    await expectPanelEqualsApi(
      new RegExp(`depuis ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
    expect(isoParam().lon).toBeCloseTo(clicked!.geometry.coordinates[0], 4);
    expect(isoParam().lat).toBeCloseTo(clicked!.geometry.coordinates[1], 4);

    // Right-click elsewhere (on another facility's address, by a road): "Isochrone depuis ce
    // point" moves the origin there.
    await settledMapFingerprint(page);
    const other = facilitiesOnRoad().find(
      (x) => Math.hypot(x.geometry.coordinates[0] - lon, x.geometry.coordinates[1] - lat) > 0.03,
    )!;
    const [x, y] = await pixelOf(other.geometry.coordinates as [number, number]);
    expect(x > 50 && x < box.width - 50 && y > 50 && y < box.height - 50, `${x},${y}`).toBe(true);
    await page.mouse.click(box.x + x, box.y + y, { button: 'right' });
    await page.getByRole('button', { name: 'Isochrone depuis ce point' }).click();
    await expect.poll(() => isoParam().lon).toBeCloseTo(other.geometry.coordinates[0], 2);
    expect(isoParam().lat).toBeCloseTo(other.geometry.coordinates[1], 2);
    await expectPanelEqualsApi(/^Isochrone en voiture depuis \d/);
    await page.close();
  });

  it('starts an isochrone from a facility of the territory panel with the keyboard alone', async () => {
    const f = facilityOnRoad();
    const { name, commune_code } = f.properties as typeof f.properties & { commune_code: string };
    await open(`?level=commune&sel=commune:${commune_code}`);
    // A town's list may be folded: open it from the keyboard.
    const list = page.locator('details.facilities');
    await list.waitFor();
    if (!(await list.evaluate((d) => (d as HTMLDetailsElement).open))) {
      await list.locator('summary').focus();
      await page.keyboard.press('Enter');
    }
    const button = list.getByRole('button', { name: `Isochrone depuis ${name}`, exact: true });
    await button.first().waitFor();
    await button.first().focus();
    await page.keyboard.press('Enter');
    await expectPanelEqualsApi(
      new RegExp(`depuis ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
    );
    // From the facility's own position, the title taking the focus for screen readers.
    expect(isoParam().lon).toBeCloseTo(f.geometry.coordinates[0], 5);
    expect(isoParam().lat).toBeCloseTo(f.geometry.coordinates[1], 5);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('isochrone-title');
    await screenshot(page, 'e2e-travel-09-isochrone-from-panel');
    await page.close();
  });

  it('shows the API’s refusal as a message, never a blank map', async () => {
    // A point far outside the territory: the API answers 400 with its error shape.
    await open(`?iso=-4.5,43.2,car,10-20-30`);
    const res = await fetch(`${server.baseUrl}/api/isochrones`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ lon: -4.5, lat: 43.2, minutes: [10, 20, 30], mode: 'car' }),
    });
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: { message: string } };
    const alert = page
      .getByRole('region', { name: /^Isochrone/ })
      .getByRole('alert')
      .filter({ hasText: 'L’isochrone n’a pas pu être calculée' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(error.message);
    // The choropleth is still there.
    expect(await page.getByTestId('map').getAttribute('data-map-state')).toBe('ready');
    await screenshot(page, 'e2e-travel-04-isochrone-error');
    await page.close();
  });

  it('explains a point too far from any road instead of drawing nothing', async () => {
    // A grid cell whose centre could not join the roads: the isochrone from there cannot start.
    const grid = await api<NearestCollection>(
      '/api/travel/nearest?level=grid&target=formal&mode=car',
    );
    const offCells = grid.features.filter((f) => f.properties.off_network === true);
    let origin: {
      lon: number;
      lat: number;
      off: Extract<IsochroneCollection['origin'], { reachable: false }>;
    } | null = null;
    for (const cell of offCells.slice(0, 20)) {
      const ring = (cell.geometry as GeoJSON.Polygon).coordinates[0];
      const lon = Math.round(((ring[0][0] + ring[2][0]) / 2) * 1e5) / 1e5;
      const lat = Math.round(((ring[0][1] + ring[2][1]) / 2) * 1e5) / 1e5;
      const answer = await api<IsochroneCollection>('/api/isochrones', {
        lon,
        lat,
        minutes: [10, 20, 30],
        mode: 'car',
      });
      if (answer.origin.reachable === false) {
        origin = { lon, lat, off: answer.origin };
        break;
      }
    }
    expect(origin, 'a demo point off the road network').not.toBeNull();
    await open(`?iso=${origin!.lon},${origin!.lat},car,10-20-30`);
    const panel = page.getByRole('region', { name: /^Isochrone en voiture/ });
    const alert = panel.getByTestId('isochrone-origin');
    await alert.waitFor({ timeout: 30_000 });
    expect(await alert.getAttribute('role')).toBe('alert');
    const text = (await alert.textContent())!;
    expect(text).toContain('Ce point est trop loin d’une route utilisable en voiture');
    expect(text).toContain(
      `la plus proche est à ${formatDistance(origin!.off.nearest_road_m as number)}`,
    );
    expect(text).toContain(String(origin!.off.message));
    expect(await panel.getByRole('table').count()).toBe(0);
    await screenshot(page, 'e2e-travel-07-off-network');
    await page.close();
  });

  it('toggles the time-to-nearest layer: legend, classes on the pixels, target selector', async () => {
    await open();
    const all = [...MINUTE_CLASSES, NOT_REACHED_CLASS];
    const rgb = Object.fromEntries(all.map((c) => [c.id, hexToRgb(c.color)]));
    const before = await countMapColors(page, rgb, 1);

    await page.getByRole('checkbox', { name: 'Temps d’accès à la place la plus proche' }).check();
    await expect.poll(() => page.url()).toContain('layers=access');
    const legend = page.getByRole('list', { name: 'Légende du temps d’accès' });
    await legend.waitFor();
    expect(await legend.locator('li').allTextContents()).toEqual(all.map((c) => ` ${c.label}`));

    async function expectClassesOf(target: string, extra = '') {
      const nearest = await api<NearestCollection>(
        `/api/travel/nearest?level=grid&target=${target}&mode=car${extra}`,
      );
      expect(nearest.features.length).toBeGreaterThan(0);
      const present = new Map<string, number>();
      for (const f of nearest.features) {
        const id = minuteClass(f.properties.minutes).id;
        present.set(id, (present.get(id) ?? 0) + 1);
      }
      await expect
        .poll(() => page.locator('.access-source').isVisible(), { timeout: 30_000 })
        .toBe(true);
      // The map has drawn the answer when every class shows as it should: polled, since the
      // layer's tiles may still be arriving after a first quiet frame on a loaded machine.
      // A class covering a tenth of the cells shows; a class absent from the answer does not.
      const absent = all.filter((c) => !present.has(c.id)).map((c) => c.id);
      await expect
        .poll(() => classDrawingProblems(page, rgb, before, present, absent), {
          timeout: 30_000,
          interval: 1_000,
        })
        .toEqual([]);
      return present;
    }

    const formal = await expectClassesOf('formal');
    const source = await page.locator('.access-source').textContent();
    expect(source).toContain('Sources');
    expect(source).toContain('fictif');
    await screenshot(page, 'e2e-travel-05-access-formal');

    const formalPixels = await settledMapFingerprint(page);
    await page.getByRole('combobox', { name: 'Vers' }).selectOption('mam');
    await expect.poll(() => page.url()).toContain('acc=mam,grid,car');
    const mam = await expectClassesOf('mam');
    // MAM are fewer than all formal places: the map shows longer times.
    expect(JSON.stringify([...mam])).not.toBe(JSON.stringify([...formal]));
    expect(await settledMapFingerprint(page)).not.toBe(formalPixels);
    await screenshot(page, 'e2e-travel-06-access-mam');

    // EAJE of at least 10 places: the request carries the minimum, the link keeps it, the
    // caption says it, and the map shows the API's classes for it.
    expect(await page.locator('.access-target').textContent()).toBe('MAM');
    const requests: URL[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/travel/nearest')) requests.push(new URL(r.url()));
    });
    await page.getByRole('combobox', { name: 'Vers' }).selectOption('eaje');
    await expect.poll(() => page.url()).toContain('acc=eaje,grid,car');
    const minPlaces = page.getByRole('combobox', { name: 'Au moins' });
    expect(await minPlaces.locator('option').allTextContents()).toEqual([
      '1 place (tous)',
      '5 places',
      '10 places',
      '20 places',
    ]);
    expect(await minPlaces.inputValue()).toBe('1');
    await minPlaces.selectOption('10');
    await expect.poll(() => page.url()).toContain('acc=eaje,grid,car,10');
    await expect
      .poll(() => requests.find((u) => u.searchParams.get('min_places') === '10')?.search)
      .toBeTruthy();
    const withMin = requests.find((u) => u.searchParams.get('min_places') === '10')!;
    expect(withMin.searchParams.get('target')).toBe('eaje');
    expect(requests.filter((u) => !u.searchParams.has('min_places')).length).toBeLessThanOrEqual(1);
    await expect
      .poll(() => page.locator('.access-target').textContent())
      .toBe('EAJE d’au moins 10 places');
    await expectClassesOf('eaje', '&min_places=10');
    await screenshot(page, 'e2e-travel-08-access-eaje-10-places');

    // Reopened from the link: the same minimum, selected in the form and sent again.
    const link = page.url();
    await page.close();
    const reopened: URL[] = [];
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('request', (r) => {
      if (r.url().includes('/api/travel/nearest')) reopened.push(new URL(r.url()));
    });
    await page.goto(link);
    await waitForMap(page);
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Au moins' }).inputValue())
      .toBe('10');
    await expect.poll(() => reopened.map((u) => u.searchParams.get('min_places'))).toContain('10');
    await page.close();
  }, 180_000);
});
