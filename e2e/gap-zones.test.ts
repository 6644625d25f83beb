import { expect, it } from 'vitest';
import type { GapZoneCollection } from '../client/src/api/types';
import { hexToRgb } from '../client/src/lib/coverage-scale';
import {
  GAP_ZONE_COLOR,
  GAP_ZONE_SELECTED_COLOR,
  childrenLabel,
} from '../client/src/lib/gap-zones';
import {
  countMapColors,
  describeInBrowser,
  screenshot,
  settledMapFingerprint,
  waitForMap,
} from './browser';

describeInBrowser('the gap zones screen in Chromium, on the demo territory', (dashboard) => {
  it('lists the zones of the API by children, draws them, and shows a zone’s figures', async () => {
    const expected = await dashboard().api<GapZoneCollection>('/api/gap-zones');
    expect(expected.features.length).toBeGreaterThan(5);
    const page = await dashboard().browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${dashboard().server.baseUrl}/zones`);
    await page.getByRole('heading', { level: 1, name: 'Zones à examiner' }).waitFor();
    const list = page.getByRole('table', { name: 'Zones sans offre' });
    await list.locator('tbody tr').first().waitFor();

    // The list is the API's zones, in its order (most children first).
    const ids = await list
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.zone));
    expect(ids).toEqual(expected.features.map((f) => f.id));
    const firstRow = await list.locator('tbody tr').first().locator('td').allInnerTexts();
    expect(firstRow[1]).toBe(childrenLabel(expected.features[0].properties.children_under3));
    expect(firstRow[2]).toBe(String(expected.features[0].properties.places_missing));

    // The zones are drawn in their colour on the map's canvas.
    await page.waitForSelector('[data-testid="map"][data-map-state="ready"]', { timeout: 30_000 });
    await settledMapFingerprint(page);
    const drawn = await countMapColors(page, { zone: hexToRgb(GAP_ZONE_COLOR) });
    expect(drawn.zone).toBeGreaterThan(100);
    await screenshot(page, 'e2e-gap-zones-01-list');

    // Choosing a zone shows its figures and draws it in the selection's colour.
    const top = expected.features[0];
    await list.locator('tbody tr').first().getByRole('button').click();
    const panel = page.getByTestId('zone-panel');
    await panel.waitFor();
    expect(await panel.locator('code').innerText()).toBe(top.id);
    expect(await panel.locator('[data-field="places_missing"]').innerText()).toContain(
      String(top.properties.places_missing),
    );
    await settledMapFingerprint(page);
    const selected = await countMapColors(page, { selected: hexToRgb(GAP_ZONE_SELECTED_COLOR) });
    expect(selected.selected).toBeGreaterThan(100);
    await screenshot(page, 'e2e-gap-zones-02-selected');

    // Another threshold: the list follows the API.
    const wider = await dashboard().api<GapZoneCollection>('/api/gap-zones?minutes=20');
    await page.getByRole('combobox', { name: 'Minutes en voiture' }).selectOption('20');
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('table[aria-label="Zones sans offre"] tbody tr').length === n,
      wider.features.length,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the coverage map draws the zones when their layer is on', async () => {
    const page = await dashboard().browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${dashboard().server.baseUrl}/?layers=gapzones`);
    await waitForMap(page, 120_000);
    const toggle = page.getByRole('checkbox', { name: /Zones sans offre/ });
    expect(await toggle.isChecked()).toBe(true);
    await settledMapFingerprint(page);
    const on = await countMapColors(page, { zone: hexToRgb(GAP_ZONE_COLOR) });
    expect(on.zone).toBeGreaterThan(100);
    await screenshot(page, 'e2e-gap-zones-03-coverage-map');
    await toggle.uncheck();
    await page.waitForTimeout(1_000);
    const off = await countMapColors(page, { zone: hexToRgb(GAP_ZONE_COLOR) });
    expect(off.zone).toBeLessThan(on.zone / 10);
    expect(errors).toEqual([]);
    await page.close();
  });
});
