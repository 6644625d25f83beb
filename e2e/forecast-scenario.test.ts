import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import type { TerritoryForecast } from '../client/src/api/types';
import { formatRate } from '../client/src/lib/format';
import { createUser } from '../server/src/features/accounts/users';
import { browser, signInAs } from '../server/test/sign-in';
import { saveScenario, signInPage } from './accounts-helpers';
import { describeInBrowser, screenshot } from './browser';

const PASSWORD = 'une phrase de passe pour les projections';
/** Where the note's screenshots go (outside the repository). */
const SHOTS = '/work/wt/shots/wave5-forecast-scenario';

describeInBrowser(
  'the forecast panel with a saved scenario, in Chromium on the demo',
  (dashboard) => {
    it('a planner projects an EPCI’s rate with her saved MAM; the public sees no choice', async () => {
      const baseUrl = dashboard().server.baseUrl;
      const { db } = dashboard();
      const c = (
        await db.knex.raw(
          `SELECT code, epci_code, ST_X(ST_PointOnSurface(geom)) AS lon,
                  ST_Y(ST_PointOnSurface(geom)) AS lat
           FROM commune WHERE epci_code IS NOT NULL ORDER BY code LIMIT 1`,
        )
      ).rows[0];
      const saved = await saveScenario(baseUrl, 'marc.caf', PASSWORD, {
        name: 'MAM des Tilleuls',
        changes: [{ op: 'add', kind: 'mam', lon: c.lon, lat: c.lat, places: 16 }],
      });
      const api = await signInAs(browser(baseUrl), 'marc.caf', PASSWORD);
      const expected = (await (
        await api.fetch(`/api/territories/epci/${c.epci_code}/forecast?scenario=${saved.id}`)
      ).json()) as TerritoryForecast;
      const withIt = expected.coverage_rate_scenario!;

      const errors: string[] = [];
      const page = await dashboard().browser.newPage({ viewport: { width: 1400, height: 900 } });
      page.on('pageerror', (e) => errors.push(e.message));
      await signInPage(page, baseUrl, 'marc.caf', PASSWORD);
      await page.goto(`${baseUrl}/?level=epci&sel=epci:${c.epci_code}`);
      const forecast = page.locator('[data-section="forecast"]');
      await forecast.locator('summary').click();
      const select = forecast.locator('[data-control="forecast-scenario"]');
      await select.waitFor({ timeout: 60_000 });
      await select.selectOption({ label: 'MAM des Tilleuls' });
      for (const p of withIt.points) {
        const cell = forecast.locator(`[data-figure="forecast-rate-scenario-${p.year}"]`);
        await cell.waitFor({ timeout: 60_000 });
        expect((await cell.innerText()).trim()).toBe(formatRate(p.rate));
        const plain = expected.coverage_rate!.points.find((q) => q.year === p.year)!;
        expect(
          (await forecast.locator(`[data-figure="forecast-rate-${p.year}"]`).innerText()).trim(),
        ).toBe(formatRate(plain.rate));
      }
      expect(
        await forecast.locator('[data-figure="forecast-scenario-label"]').innerText(),
      ).toContain('Projection, avec le scénario « MAM des Tilleuls »');
      expect(
        await forecast.locator('[data-figure="forecast-scenario-method"]').innerText(),
      ).toContain('avec le scénario « MAM des Tilleuls »');
      await forecast.scrollIntoViewIfNeeded();
      const file = await screenshot(page, 'e2e-forecast-scenario-panel');
      fs.mkdirSync(SHOTS, { recursive: true });
      fs.copyFileSync(file, path.join(SHOTS, path.basename(file)));

      // The printable report of the same EPCI, with the scenario in its link.
      await page.goto(`${baseUrl}/rapport?level=epci&code=${c.epci_code}&scenario=${saved.id}`);
      for (const p of withIt.points) {
        const cell = page.locator(`[data-figure="forecast-scenario-rate-${p.year}"]`);
        await cell.waitFor({ timeout: 120_000 });
        expect((await cell.innerText()).trim()).toBe(formatRate(p.rate));
      }
      expect(await page.locator('[data-table="forecast"] thead').innerText()).toContain(
        'Projection, avec le scénario « MAM des Tilleuls »',
      );

      const anonymous = await dashboard().browser.newPage({
        viewport: { width: 1400, height: 900 },
      });
      await anonymous.goto(`${baseUrl}/?level=epci&sel=epci:${c.epci_code}`);
      const publicForecast = anonymous.locator('[data-section="forecast"]');
      await publicForecast.locator('summary').click();
      await publicForecast.locator(`[data-figure^="forecast-rate-"]`).first().waitFor();
      expect(await publicForecast.locator('[data-control="forecast-scenario"]').count()).toBe(0);
      expect(errors).toEqual([]);
      await anonymous.close();
      await page.close();
    }, 300_000);
  },
  async (db) => {
    const [departement] = await db.knex('departement').pluck('code');
    await createUser(db.knex, {
      login: 'marc.caf',
      displayName: 'Marc Petit',
      role: 'planner',
      territories: [{ level: 'departement', code: departement }],
      password: PASSWORD,
    });
  },
);
