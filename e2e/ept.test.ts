import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { TerritoryCollection, TerritoryDetail } from '../client/src/api/types';
import { coverageColor, hexToRgb } from '../client/src/lib/coverage-scale';
import { formatRate } from '../client/src/lib/format';
import { loadEptFixture } from '../server/src/features/coverage/test/ept-fixture';
import { countMapColors, describeInBrowser, RESULTS_DIR, waitForMap } from './browser';

/**
 * The EPT level in the dashboard, beside the demo: five communes of Seine-Saint-Denis and Paris
 * (server/src/features/imports/test/fixtures/ept, made-up squares, real codes and membership).
 * The level switcher offers « Territoires (EPT) » only where EPT are loaded.
 */
const SHOTS = process.env.BERCEAU_SHOTS_DIR ?? RESULTS_DIR;

describeInBrowser(
  'the EPT level (Métropole du Grand Paris)',
  (dashboard) => {
    async function open(query: string, before?: (page: Page) => void): Promise<Page> {
      const page = await dashboard().browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      before?.(page);
      await page.goto(`${dashboard().server.baseUrl}/${query}`);
      await waitForMap(page);
      expect(errors).toEqual([]);
      return page;
    }
    const eptRadio = (page: Page) => page.getByRole('radio', { name: 'Territoires (EPT)' });

    it('offers the EPT level in Seine-Saint-Denis only, and draws its EPT in their colours', async () => {
      // The other lists load once the first map is drawn: the EPT list (empty) among them.
      let eptAnswered: Promise<unknown> = Promise.resolve();
      const demo = await open('?dep=Z1', (p) => {
        eptAnswered = p.waitForResponse((r) => r.url().includes('level=ept'), { timeout: 30_000 });
      });
      await eptAnswered;
      // The search knows the demo's communes: every list has been applied.
      await expect
        .poll(async () => {
          await demo.getByRole('searchbox').fill('a');
          return demo.getByRole('option').count();
        })
        .toBeGreaterThan(0);
      expect(await eptRadio(demo).count()).toBe(0);
      await demo.close();

      const page = await open('?dep=93');
      await eptRadio(page).waitFor({ timeout: 30_000 });
      await eptRadio(page).check();
      await expect.poll(() => page.url()).toContain('level=ept');
      const epts = await dashboard().api<TerritoryCollection>(
        '/api/territories?level=ept&departement=93',
      );
      expect(epts.features.map((f) => f.properties.name)).toEqual([
        'Plaine Commune',
        'Est Ensemble',
      ]);
      await waitForMap(page);
      const colors = Object.fromEntries(
        epts.features.map((f) => [
          coverageColor(f.properties),
          hexToRgb(coverageColor(f.properties)),
        ]),
      );
      await expect
        .poll(async () => Object.values(await countMapColors(page, colors)).every((n) => n > 200), {
          timeout: 20_000,
        })
        .toBe(true);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, 'ept-level-map.png') });
      await page.close();
    });

    it('finds an EPT in the search and opens its panel with its communes', async () => {
      const page = await open('?dep=93');
      const search = page.getByRole('searchbox');
      await expect
        .poll(
          async () => {
            await search.fill('');
            await search.pressSequentially('plaine com');
            return page.getByRole('option', { name: /Plaine Commune/ }).count();
          },
          { timeout: 20_000 },
        )
        .toBeGreaterThan(0);
      await page
        .getByRole('option', { name: /Plaine Commune/ })
        .first()
        .click();
      const panel = page.getByRole('region', { name: 'Plaine Commune', exact: true });
      await panel.waitFor();
      const detail = await dashboard().api<TerritoryDetail>('/api/territories/ept/200057867');
      expect((await panel.locator('[data-field="coverage_rate"]').textContent())?.trim()).toBe(
        formatRate(detail.territory.coverage_rate),
      );
      const text = (await panel.textContent()) ?? '';
      expect(text).toContain('Communes du territoire (EPT) (3)');
      for (const name of ['Aubervilliers', 'La Courneuve', 'Saint-Denis'])
        expect(text).toContain(name);
      expect(page.url()).toContain('sel=ept:200057867');
      await page.screenshot({ path: path.join(SHOTS, 'ept-panel.png') });
      await page.close();
    });

    it('names a commune’s EPT in its panel', async () => {
      const page = await open('?dep=93&level=commune&sel=commune:93048');
      const panel = page.getByRole('region', { name: 'Montreuil', exact: true });
      await panel.waitFor();
      const parent = panel.getByRole('button', { name: /Territoire \(EPT\) : Est Ensemble/ });
      await parent.click();
      await expect.poll(() => page.url()).toContain('sel=ept:200057875');
      await page.close();
    });
  },
  loadEptFixture,
);
