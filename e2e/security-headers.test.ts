import { expect, it } from 'vitest';
import type { FacilityCollection, TerritoryCollection } from '../client/src/api/types';
import { coverageColor, hexToRgb } from '../client/src/lib/coverage-scale';
import {
  countMapColors,
  describeInBrowser,
  screenshot,
  settledMapFingerprint,
  waitForMap,
} from './browser';

/**
 * The dashboard under its own Content Security Policy: MapLibre (its worker module), deck.gl
 * (labels, facility points) and an isochrone all draw, and the browser reports no violation.
 */
describeInBrowser('the dashboard under its security headers', (dashboard) => {
  it('draws the map, its deck.gl layers and an isochrone with no CSP violation', async () => {
    const { server, browser, api } = dashboard();
    const home = await fetch(server.baseUrl);
    expect(home.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const epci = await api<TerritoryCollection>('/api/territories?level=epci');
    const [minLon, minLat, maxLon, maxLat] = [-6, 45, -4, 47];
    const facilities = await api<FacilityCollection>(
      `/api/facilities?bbox=${minLon},${minLat},${maxLon},${maxLat}&type=eaje`,
    );
    const [lon, lat] = facilities.features[0].geometry.coordinates;

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(
          `${e.violatedDirective} ${e.blockedURI}`,
        );
      });
    });

    await page.goto(server.baseUrl);
    await waitForMap(page);
    const classes = [...new Set(epci.features.map((f) => coverageColor(f.properties)))];
    const counts = await countMapColors(
      page,
      Object.fromEntries(classes.map((c) => [c, hexToRgb(c)])),
    );
    for (const c of classes) expect(counts[c], `choropleth ${c}`).toBeGreaterThan(500);

    await page.goto(
      `${server.baseUrl}/?layers=eaje,mam&iso=${lon},${lat},car,10-20&view=${lon},${lat},11`,
    );
    await waitForMap(page);
    await page
      .getByRole('region', { name: /^Isochrone en voiture/ })
      .getByRole('table')
      .waitFor({ timeout: 30_000 });
    await settledMapFingerprint(page);
    await screenshot(page, 'e2e-security-headers');
    expect(violations).toEqual([]);
    await page.close();
  });
});
