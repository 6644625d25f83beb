import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TerritoryCollection } from '../client/src/api/types';
import {
  countMapColors,
  describeInBrowser,
  importFixtures,
  screenshot,
  settledMapFingerprint,
  waitForMap,
} from './browser';

/**
 * A real département with only a crèche list: its figures lack the assistants maternels, MAM,
 * garde à domicile and préscolarisation, so they are cross-hatched on the map in their own
 * colour (never the "well below" orange), the legend explains the hatching and the panel names
 * the missing modes.
 */
const INCOMPLETE_FILL: [number, number, number] = [0xee, 0xf2, 0xfa];
const WELL_BELOW: [number, number, number] = [0xe6, 0x61, 0x01];
/** The stripes: dark blue at 220/255 over the pale fill. */
const STRIPE: [number, number, number] = [61, 94, 155];

describeInBrowser(
  'a département with only a crèche list',
  (dashboard) => {
    async function open(query: string): Promise<Page> {
      const page = await dashboard().browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(`${dashboard().server.baseUrl}/${query}`);
      await waitForMap(page);
      return page;
    }

    it('hatches its communes, explains the hatching and names the missing modes', async () => {
      const communes = await dashboard().api<TerritoryCollection>(
        '/api/territories?level=commune&departement=18',
      );
      expect(communes.features.map((f) => f.properties.coverage_class)).toEqual(
        communes.features.map(() => 'incomplete'),
      );

      const page = await open('?dep=18&level=commune&sel=commune:18033');
      const legend = page.locator('[data-legend="incomplete"]');
      await legend.waitFor();
      expect(await legend.textContent()).toContain('Données incomplètes');

      const note = page.getByRole('note', { name: 'Données incomplètes' });
      await note.waitFor();
      expect(await note.textContent()).toContain(
        'les assistants maternels, les MAM, la garde à domicile et la préscolarisation',
      );

      await settledMapFingerprint(page);
      const counts = await countMapColors(page, { fill: INCOMPLETE_FILL, stripe: STRIPE }, 2);
      const stripes = await countMapColors(page, { stripe: STRIPE }, 14);
      const orange = await countMapColors(page, { orange: WELL_BELOW }, 2);
      expect(counts.fill).toBeGreaterThan(300);
      expect(stripes.stripe).toBeGreaterThan(100);
      expect(orange.orange).toBe(0);

      await screenshot(page, 'e2e-completeness-01-creches-only');
      await page.close();
    });
  },
  (db) =>
    importFixtures(db, [
      ['boundaries', 'boundaries-geoapi.geojson'],
      ['population', 'population-insee-2021.csv'],
      ['eaje', 'eaje-cher.csv'],
    ]),
);
