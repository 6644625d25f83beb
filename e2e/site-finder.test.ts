import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type {
  SavedScenario,
  ScenarioAnswer,
  SiteCardAnswer,
  SiteSelectionAnswer,
} from '../client/src/api/types';
import {
  DIFFERENCE_COLORS,
  compareScenarios,
  scenarioOfSelection,
} from '../client/src/lib/scenario';
import { formatChildren, formatRate, formatSigned } from '../client/src/lib/site-card';
import { createUser } from '../server/src/features/accounts/users';
import { browser, signInAs } from '../server/test/sign-in';
import { saveScenario, signInPage } from './accounts-helpers';
import {
  countMapColors,
  describeInBrowser,
  screenshot,
  settledMapFingerprint,
  type Rgb,
} from './browser';

const PASSWORD = 'une phrase de passe pour les projets';
/** Where the note's screenshots go (outside the repository). */
const SHOTS = '/work/wt/shots/wave6/scenarios-speed';

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

/** The map once it has drawn what it was told and stopped changing. */
async function settledMap(page: Page) {
  await page.waitForSelector('[data-testid="map"][data-map-state="ready"]', { timeout: 60_000 });
  await settledMapFingerprint(page);
}

async function shot(page: Page, name: string) {
  const file = await screenshot(page, name);
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.copyFileSync(file, path.join(SHOTS, path.basename(file)));
}

/** POSTs a JSON body to the dashboard's API, which must answer 200. */
async function post<T>(baseUrl: string, path: string, body: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, path).toBe(200);
  return (await res.json()) as T;
}

describeInBrowser(
  'the "Projet de MAM" screen in Chromium, on the demo territory',
  (dashboard) => {
    it('opens the site card of a clicked point, then finds 2 new MAM at 15 minutes', async () => {
      const baseUrl = dashboard().server.baseUrl;
      const page = await dashboard().browser.newPage({ viewport: { width: 1400, height: 900 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${baseUrl}/projet-mam`);
      await page.getByRole('heading', { level: 1, name: /Projet de MAM/ }).waitFor();
      await settledMap(page);

      // A click in the middle of the map asks for the card of that point.
      const asked = page.waitForRequest((r) => r.url().endsWith('/api/site-card'));
      const box = (await page.getByTestId('map').boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const body = (await asked).postDataJSON();
      expect(body.project).toEqual({ kind: 'mam', childminders: 4, places_per_agreement: 4 });
      const card = page.getByTestId('site-card');
      await card.waitFor({ timeout: 120_000 });
      // The table shows the API's figures for that point.
      const expected = await post<SiteCardAnswer>(baseUrl, '/api/site-card', body);
      const rows = page.getByTestId('site-bands').locator('tbody tr');
      expect(await rows.count()).toBe(4);
      for (let k = 0; k < 4; k++) {
        const cells = await rows.nth(k).locator('td').allInnerTexts();
        expect(cells[0].replace('*', '')).toBe(formatChildren(expected.bands[k].children));
      }
      expect(await card.innerText()).toContain(expected.point.commune.name);
      expect(await card.innerText()).toContain('données fictives');
      // The births around the point, their trend and source.
      const births = page.getByTestId('site-births');
      expect(expected.births?.statement).toBeTruthy();
      expect(await births.innerText()).toContain(expected.births!.statement!);
      expect(await births.innerText()).toContain('Source');
      await settledMap(page);
      await screenshot(page, 'e2e-site-finder-01-card');

      // The optimiser: 2 new sites at 15 minutes, as the API answers.
      await page.getByTestId('optimiser-p').selectOption('2');
      await page.getByTestId('optimiser-minutes').selectOption('15');
      await page.getByTestId('optimiser-run').click();
      const result = page.getByTestId('optimiser-result');
      await result.waitFor({ timeout: 120_000 });
      const answer = await post<SiteSelectionAnswer>(baseUrl, '/api/site-selection', {
        model: 'mclp',
        p: 2,
        minutes: 15,
      });
      expect(answer.sites).toHaveLength(2);
      expect(await result.locator('ol li').count()).toBe(2);
      expect(await result.innerText()).toContain(formatChildren(answer.covered_children));
      await settledMap(page);
      await screenshot(page, 'e2e-site-finder-02-optimiser');

      // Saved as a scenario: kept in the link, its difference read from the API.
      await page.getByTestId('optimiser-save').click();
      const panel = page.getByTestId('scenario');
      await panel.waitFor({ timeout: 120_000 });
      // The scenario's link, kept: opening a chosen site's card below changes the page's.
      const scenarioLink = page.url();
      expect(new URL(scenarioLink).hash.startsWith('#scenario=')).toBe(true);
      const difference = await post<ScenarioAnswer>(baseUrl, '/api/scenario', {
        ...scenarioOfSelection(answer),
        minutes: 15,
      });
      // The scenario's children gaining a place are those the optimiser's sites add.
      expect(difference.children_gaining).toBeCloseTo(
        answer.covered_children - answer.covered_by_fixed!,
        0,
      );
      expect(await page.getByTestId('scenario-children').innerText()).toContain(
        formatChildren(difference.children_gaining),
      );
      expect(await page.getByTestId('scenario-territories').locator('tbody tr').count()).toBe(
        difference.territories.length,
      );
      // The public keeps the scenario in its link: no save controls, no list of saved ones.
      expect(await page.getByTestId('scenario-save').count()).toBe(0);
      expect(await page.getByTestId('saved-scenarios').count()).toBe(0);
      await settledMap(page);
      await screenshot(page, 'e2e-site-finder-03-scenario');
      // The link opens the same scenario in a new page.
      const shared = await dashboard().browser.newPage({ viewport: { width: 1400, height: 900 } });
      await shared.goto(scenarioLink);
      await shared.getByTestId('scenario').waitFor({ timeout: 120_000 });
      expect(await shared.getByTestId('scenario-children').innerText()).toContain(
        formatChildren(difference.children_gaining),
      );
      await shared.close();

      // A chosen site opens its own card.
      const next = page.waitForRequest((r) => r.url().endsWith('/api/site-card'));
      await result.locator('ol li button').first().click();
      const chosen = (await next).postDataJSON();
      expect(chosen.lon).toBeCloseTo(answer.sites[0].lon, 5);
      await page.getByTestId('site-card').waitFor({ timeout: 120_000 });
      await settledMap(page);
      await screenshot(page, 'e2e-site-finder-04-chosen-site');
      expect(errors).toEqual([]);

      // A planner signs in, opens the same link, and saves the scenario in the database.
      const planner = await dashboard().browser.newPage({ viewport: { width: 1400, height: 900 } });
      planner.on('pageerror', (e) => errors.push(e.message));
      await signInPage(planner, baseUrl, 'marc.caf', PASSWORD);
      await planner.goto(scenarioLink);
      await planner.getByTestId('scenario-save').waitFor({ timeout: 120_000 });
      await planner.getByTestId('scenario-name').fill('Deux MAM à 15 min (essai)');
      const saving = planner.waitForResponse(
        (r) => r.url().endsWith('/api/scenarios') && r.request().method() === 'POST',
      );
      await planner.getByTestId('scenario-save').getByRole('button').click();
      const created = (await (await saving).json()) as SavedScenario;
      expect(created.author.name).toBe('Marc Petit');
      await expect
        .poll(() => new URL(planner.url()).searchParams.get('scenario'))
        .toBe(String(created.id));
      const list = planner.getByTestId('saved-scenarios');
      await list.locator(`tr[data-scenario-id="${created.id}"]`).waitFor();
      expect(await list.innerText()).toContain('Deux MAM à 15 min (essai)');
      expect(await list.innerText()).toContain('Marc Petit');

      // Reloaded by its link alone, it is evaluated again: the table and the map are the API's.
      const reopened = await dashboard().browser.newPage({
        viewport: { width: 1400, height: 900 },
      });
      reopened.on('pageerror', (e) => errors.push(e.message));
      await reopened.context().addCookies(await planner.context().cookies());
      await planner.close();
      const before = await (async () => {
        await reopened.goto(`${baseUrl}/projet-mam`);
        await settledMap(reopened);
        return countMapColors(reopened, { gain: rgb(DIFFERENCE_COLORS.gain) }, 2);
      })();
      await reopened.goto(`${baseUrl}/projet-mam?scenario=${created.id}`);
      const panel2 = reopened.getByTestId('scenario');
      await panel2.waitFor({ timeout: 120_000 });
      expect(await reopened.getByTestId('scenario-saved').innerText()).toContain('Marc Petit');
      const expectedSaved = await post<ScenarioAnswer>(baseUrl, '/api/scenario', {
        name: created.name,
        changes: created.changes,
        minutes: created.minutes,
      });
      expect(await reopened.getByTestId('scenario-children').innerText()).toContain(
        formatChildren(expectedSaved.children_gaining),
      );
      const rows2 = reopened.getByTestId('scenario-territories').locator('tbody tr');
      expect(await rows2.count()).toBe(expectedSaved.territories.length);
      for (const [k, t] of expectedSaved.territories.entries()) {
        const cells = await rows2.nth(k).locator('td').allInnerTexts();
        expect(cells, t.name).toEqual([
          formatRate(t.coverage_before),
          formatRate(t.coverage_after),
          formatRate(t.accessibility_before),
          formatRate(t.accessibility_after),
          expect.any(String),
          formatChildren(t.children_gaining),
          formatChildren(t.children_losing),
        ]);
      }
      // The difference map: the cells gaining a place are drawn in the gain colour.
      expect(expectedSaved.cells.filter((c) => c.change === 'gain').length).toBeGreaterThan(0);
      await settledMap(reopened);
      const after = await countMapColors(reopened, { gain: rgb(DIFFERENCE_COLORS.gain) }, 2);
      expect(after.gain - before.gain).toBeGreaterThan(100);
      expect(await reopened.getByTestId('difference-legend').innerText()).toContain(
        'Enfants qui gagneraient',
      );
      await shot(reopened, 'e2e-site-finder-05-saved-scenario-difference');
      await reopened.getByTestId('saved-scenarios').scrollIntoViewIfNeeded();
      await shot(reopened, 'e2e-site-finder-06-saved-scenarios-list');

      // A second scenario (one MAM of the two), saved over the API by the same planner, compared
      // side by side with the first: the table's rows are those of the pure comparison.
      const second = await saveScenario(baseUrl, 'marc.caf', PASSWORD, {
        name: 'Une seule MAM',
        changes: created.changes.slice(0, 1),
      });
      await reopened.reload();
      const row = reopened.locator(
        `[data-testid="saved-scenarios"] tr[data-scenario-id="${second.id}"]`,
      );
      await row.getByRole('button', { name: 'Comparer' }).click();
      const comparison = reopened.getByTestId('scenario-comparison');
      await comparison.waitFor({ timeout: 120_000 });
      const expectedOne = await post<ScenarioAnswer>(baseUrl, '/api/scenario', {
        name: second.name,
        changes: second.changes,
        minutes: second.minutes,
      });
      const compared = compareScenarios(expectedSaved, expectedOne);
      expect(await comparison.locator('tbody tr').count()).toBe(compared.length);
      expect(await comparison.locator('tbody tr').first().locator('td').nth(2).innerText()).toBe(
        formatSigned(compared[0].accessibilityGap),
      );
      expect(new URL(reopened.url()).searchParams.get('comparer')).toBe(String(second.id));
      await comparison.scrollIntoViewIfNeeded();
      await shot(reopened, 'e2e-site-finder-07-comparison');

      // Its author renames a saved scenario in the list, then deletes another: the list and the
      // API follow.
      const api = await signInAs(browser(baseUrl), 'marc.caf', PASSWORD);
      const third = await saveScenario(baseUrl, 'marc.caf', PASSWORD, {
        name: 'À supprimer',
        changes: created.changes.slice(1),
      });
      await reopened.reload();
      const list2 = reopened.getByTestId('saved-scenarios');
      const secondRow = list2.locator(`tr[data-scenario-id="${second.id}"]`);
      await secondRow.getByRole('button', { name: 'Renommer' }).click();
      await secondRow.getByTestId('rename-input').fill('Une seule MAM (renommée)');
      const renaming = reopened.waitForResponse(
        (r) => r.url().endsWith(`/api/scenarios/${second.id}`) && r.request().method() === 'PUT',
      );
      await secondRow.getByRole('button', { name: 'OK' }).click();
      expect((await renaming).status()).toBe(200);
      await secondRow.getByRole('link', { name: 'Une seule MAM (renommée)' }).waitFor();
      const renamed = await api.fetch(`/api/scenarios/${second.id}`);
      expect(((await renamed.json()) as SavedScenario).name).toBe('Une seule MAM (renommée)');
      await list2.scrollIntoViewIfNeeded();
      await shot(reopened, 'e2e-site-finder-08-renamed');

      const thirdRow = list2.locator(`tr[data-scenario-id="${third.id}"]`);
      await thirdRow.waitFor();
      reopened.once('dialog', (d) => {
        expect(d.message()).toContain('« À supprimer »');
        void d.accept();
      });
      const deleting = reopened.waitForResponse(
        (r) => r.url().endsWith(`/api/scenarios/${third.id}`) && r.request().method() === 'DELETE',
      );
      await thirdRow.getByRole('button', { name: 'Supprimer' }).click();
      expect((await deleting).status()).toBeLessThan(300);
      await thirdRow.waitFor({ state: 'detached' });
      expect((await api.fetch(`/api/scenarios/${third.id}`)).status).toBe(404);
      // The others are still there.
      expect(await list2.locator(`tr[data-scenario-id="${created.id}"]`).count()).toBe(1);
      expect(await list2.locator(`tr[data-scenario-id="${second.id}"]`).count()).toBe(1);

      // The public, given the saved link, is asked to sign in and sees no save control.
      const anonymous = await dashboard().browser.newPage({
        viewport: { width: 1400, height: 900 },
      });
      await anonymous.goto(`${baseUrl}/projet-mam?scenario=${created.id}`);
      await anonymous.getByText('Connectez-vous pour ouvrir un scénario enregistré.').waitFor();
      expect(await anonymous.getByTestId('scenario-save').count()).toBe(0);
      expect(await anonymous.getByTestId('saved-scenarios').count()).toBe(0);
      expect(errors).toEqual([]);
      await anonymous.close();
      await reopened.close();
      await page.close();
    }, 600_000);
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
