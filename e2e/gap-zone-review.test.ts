import type { AddressInfo } from 'node:net';
import type http from 'node:http';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapZoneCollection } from '../client/src/api/types';
import type { Database } from '../server/src/db/database';
import type { SignedInUser } from '../server/src/domain/accounts';
import { loadDemo } from '../server/src/features/demo/service';
import { createApp } from '../server/src/http/app';
import { createLogger } from '../server/src/logging/logger';
import { createTestDatabase } from '../server/test/database';
import { CLIENT_DIR, browserSkipReason, launchChromium, screenshot } from './browser';

/**
 * The review of gap zones in Chromium: a reviewer confirms a zone with a comment, a planner of
 * the same territory sees the status, the comment and the audit entry without controls, the
 * public sees no review at all. Sign-in arrives with the accounts: until then this test alone
 * (nothing of it ships) wraps the real app in a middleware that sets the viewer from a test
 * header, and puts the same user in the dashboard's session store, as sign-in will.
 */

const skip = browserSkipReason();
if (skip) console.warn(`[e2e] ${skip}`);

describe.skipIf(skip !== null)('the review of gap zones in Chromium, on the demo', () => {
  let db: Database;
  let server: http.Server;
  let base: string;
  let browser: Browser;
  const users: Record<string, SignedInUser> = {};

  beforeAll(async () => {
    db = await createTestDatabase();
    await loadDemo(db);
    const app = createApp({
      config: { clientDir: CLIENT_DIR, basemapStyleUrl: null },
      db,
      logger: createLogger('silent'),
    });
    const outer = express();
    outer.use((req, res, next) => {
      const user = users[req.header('x-test-user') ?? ''];
      if (user) res.locals.viewer = { exactChildminderFigures: false, user };
      next();
    });
    outer.use(app);
    server = outer.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await db?.close();
  });

  /** The zones screen as `who` (null: the public), signed in as sign-in will do it. */
  async function openZones(who: SignedInUser | null): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    if (who) await page.setExtraHTTPHeaders({ 'x-test-user': who.login });
    await page.goto(`${base}/`);
    await page.waitForFunction(() => document.querySelector('#app[data-v-app]') !== null);
    await page.evaluate((user) => {
      type AnyApp = {
        config: {
          globalProperties: {
            $pinia: { state: { value: Record<string, unknown> }; _s: Map<string, unknown> };
            $router: { push(path: string): Promise<unknown> };
          };
        };
      };
      const app = (document.querySelector('#app') as unknown as { __vue_app__: AnyApp })
        .__vue_app__;
      const { $pinia, $router } = app.config.globalProperties;
      const store = $pinia._s.get('session') as { user: unknown } | undefined;
      if (store) store.user = user;
      else $pinia.state.value.session = { user };
      return $router.push('/zones');
    }, who);
    await page
      .getByRole('table', { name: 'Zones sans offre' })
      .locator('tbody tr')
      .first()
      .waitFor();
    return page;
  }

  it('a reviewer confirms a zone with a comment; a planner sees it; the public sees nothing', async () => {
    const zones = (await (await fetch(`${base}/api/gap-zones`)).json()) as GapZoneCollection;
    const top = zones.features[0];
    const departement = top.properties.departements[0];
    const person = (id: number, role: SignedInUser['role'], name: string): SignedInUser => ({
      id,
      login: `${role}-${id}`,
      displayName: name,
      role,
      territories: [{ level: 'departement', code: departement }],
    });
    const reviewer = person(1, 'reviewer', 'Claire Dubois (PMI)');
    const planner = person(2, 'planner', 'Marc Petit');
    users[reviewer.login] = reviewer;
    users[planner.login] = planner;

    // The reviewer filters, opens the largest zone, confirms it and comments.
    const page = await openZones(reviewer);
    await page.getByTestId('review-filters').waitFor();
    await page.locator(`tr[data-zone="${top.id}"] button`).click();
    const panel = page.getByTestId('zone-review');
    await panel.waitFor();
    expect(await panel.locator('[data-field="review-status"]').innerText()).toBe('à examiner');
    await panel.locator('select[name="status"]').selectOption('confirmee');
    await panel.getByRole('button', { name: 'Changer le statut' }).click();
    await panel.locator('[data-field="review-status"]', { hasText: 'confirmée' }).waitFor();
    await panel.locator('textarea[name="comment"]').fill('Familles des hameaux sans solution.');
    await panel.getByRole('button', { name: 'Ajouter le commentaire' }).click();
    await panel.getByText('Familles des hameaux sans solution.').waitFor();
    await page.locator('select[name="status"]').first().selectOption('confirmee');
    await page.waitForFunction(
      () => document.querySelectorAll('table[aria-label="Zones sans offre"] tbody tr').length === 1,
    );
    await screenshot(page, 'e2e-gap-zone-review-01-reviewer');
    await page.close();

    // The planner sees the status, the comment and the audit entry, and no control.
    const seen = await openZones(planner);
    await seen.locator(`tr[data-zone="${top.id}"] button`).click();
    const read = seen.getByTestId('zone-review');
    await read.waitFor();
    expect(await read.locator('[data-field="review-status"]').innerText()).toBe('confirmée');
    expect(await read.innerText()).toContain('Familles des hameaux sans solution.');
    expect(await read.innerText()).toContain(
      'Claire Dubois (PMI) a changé statut : à examiner → confirmée',
    );
    expect(await read.getByTestId('review-controls').count()).toBe(0);
    expect(await read.getByTestId('comment-form').count()).toBe(0);
    await screenshot(seen, 'e2e-gap-zone-review-02-planner');
    await seen.close();

    // The public: the zones and their figures, nothing of the review.
    const open = await openZones(null);
    await open.locator(`tr[data-zone="${top.id}"] button`).click();
    await open.getByTestId('zone-panel').waitFor();
    expect(await open.getByTestId('review-filters').count()).toBe(0);
    expect(await open.getByTestId('zone-review').count()).toBe(0);
    expect(await open.locator('body').innerText()).not.toContain('confirmée');
    await open.close();
  }, 180_000);
});
