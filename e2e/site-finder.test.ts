import { expect, it } from 'vitest';
import type { ScenarioAnswer, SiteCardAnswer, SiteSelectionAnswer } from '../client/src/api/types';
import { scenarioOfSelection } from '../client/src/lib/scenario';
import { formatChildren } from '../client/src/lib/site-card';
import { describeInBrowser, screenshot } from './browser';

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

describeInBrowser('the "Projet de MAM" screen in Chromium, on the demo territory', (dashboard) => {
  it('opens the site card of a clicked point, then finds 2 new MAM at 15 minutes', async () => {
    const baseUrl = dashboard().server.baseUrl;
    const page = await dashboard().browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/projet-mam`);
    await page.getByRole('heading', { level: 1, name: /Projet de MAM/ }).waitFor();
    await page.waitForSelector('[data-testid="map"][data-map-state="ready"]', { timeout: 60_000 });
    await page.waitForTimeout(1_000);

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
    await page.waitForTimeout(1_500);
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
    await page.waitForTimeout(1_000);
    await screenshot(page, 'e2e-site-finder-02-optimiser');

    // Saved as a scenario: kept in the link, its difference read from the API.
    await page.getByTestId('optimiser-save').click();
    const panel = page.getByTestId('scenario');
    await panel.waitFor({ timeout: 120_000 });
    expect(new URL(page.url()).hash.startsWith('#scenario=')).toBe(true);
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
    await page.waitForTimeout(500);
    await screenshot(page, 'e2e-site-finder-03-scenario');
    // The link opens the same scenario in a new page.
    const shared = await dashboard().browser.newPage({ viewport: { width: 1400, height: 900 } });
    await shared.goto(page.url());
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
    await page.waitForTimeout(1_500);
    await screenshot(page, 'e2e-site-finder-04-chosen-site');
    expect(errors).toEqual([]);
    await page.close();
  }, 400_000);
});
