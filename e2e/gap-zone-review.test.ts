import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapZoneCollection } from '../client/src/api/types';
import { createUser } from '../server/src/features/accounts/users';
import { browserSkipReason, type Dashboard, screenshot, startDashboard } from './browser';

/**
 * The review of gap zones in Chromium, signed in as people are: a reviewer of the demo's
 * département signs in on /connexion, filters the zones, confirms the largest with a comment
 * and signs out; a planner of the same département then sees the status, the comment and the
 * audit entry without any control, and reads the decision in the territory's report; the
 * public sees no review at all, on the screen or in the report.
 */

const skip = browserSkipReason();
if (skip) console.warn(`[e2e] ${skip}`);

const PASSWORD = 'une phrase de passe pour le comité';

describe.skipIf(skip !== null)('the review of gap zones in Chromium, on the demo', () => {
  let dashboard: Dashboard;
  let base: string;

  beforeAll(async () => {
    dashboard = await startDashboard(async (db) => {
      const [departement] = await db.knex('departement').pluck('code');
      const territories = [{ level: 'departement' as const, code: departement }];
      await createUser(db.knex, {
        login: 'claire.pmi',
        displayName: 'Claire Dubois (PMI)',
        role: 'reviewer',
        territories,
        password: PASSWORD,
      });
      await createUser(db.knex, {
        login: 'marc.caf',
        displayName: 'Marc Petit',
        role: 'planner',
        territories,
        password: PASSWORD,
      });
    });
    base = dashboard.server.baseUrl;
  }, 180_000);
  afterAll(async () => {
    await dashboard?.close();
  });

  /** The zones screen, after signing in as `login` on /connexion (null: the public). */
  async function openZones(login: string | null): Promise<Page> {
    const page = await dashboard.browser.newPage({ viewport: { width: 1280, height: 900 } });
    if (login) {
      await page.goto(`${base}/connexion`);
      await page.locator('#sign-in-login').fill(login);
      await page.locator('#sign-in-password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${base}/`);
      await page.getByRole('link', { name: 'Zones à examiner' }).click();
    } else {
      await page.goto(`${base}/zones`);
    }
    await page
      .getByRole('table', { name: 'Zones sans offre' })
      .locator('tbody tr')
      .first()
      .waitFor();
    return page;
  }

  async function signOut(page: Page) {
    await page.locator('.user-menu summary').click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
  }

  it('a reviewer confirms a zone with a comment; a planner sees it; the public sees nothing', async () => {
    const zones = await dashboard.api<GapZoneCollection>('/api/gap-zones');
    const top = zones.features[0];

    // The reviewer filters, opens the largest zone, confirms it and comments.
    const page = await openZones('claire.pmi');
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
    await panel.locator('textarea[name="decision"]').fill('Étudier une MAM au bourg voisin.');
    await panel.getByRole('button', { name: 'Enregistrer la décision' }).click();
    await panel.getByText('Étudier une MAM au bourg voisin.').waitFor();
    await page.locator('select[name="status"]').first().selectOption('confirmee');
    await page.waitForFunction(
      () => document.querySelectorAll('table[aria-label="Zones sans offre"] tbody tr').length === 1,
    );
    await screenshot(page, 'e2e-gap-zone-review-01-reviewer');
    await signOut(page);
    await page.close();

    // The planner sees the status, the comment and the audit entry, and no control.
    const seen = await openZones('marc.caf');
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

    // The report of the zone's département, for the planner: status and decision.
    const departement = top.properties.departements[0];
    await seen.goto(`${base}/rapport?level=departement&code=${departement}`);
    const status = seen.locator(`[data-figure="review-${top.id}"]`);
    await expect.poll(() => status.count(), { timeout: 120_000 }).toBe(1);
    expect((await status.innerText()).trim()).toBe('confirmée');
    const decisions = seen.locator('table[data-table="zone-decisions"]');
    expect(await decisions.innerText()).toContain('Étudier une MAM au bourg voisin.');
    expect(await decisions.innerText()).toContain('Claire Dubois (PMI)');
    await signOut(seen);
    await seen.close();

    // The public: the zones and their figures, nothing of the review.
    const open = await openZones(null);
    await open.locator(`tr[data-zone="${top.id}"] button`).click();
    await open.getByTestId('zone-panel').waitFor();
    expect(await open.getByTestId('review-filters').count()).toBe(0);
    expect(await open.getByTestId('zone-review').count()).toBe(0);
    expect(await open.locator('body').innerText()).not.toContain('confirmée');
    // Nor in the public's report.
    await open.goto(`${base}/rapport?level=departement&code=${top.properties.departements[0]}`);
    await open.locator('table[data-table="gap-zones"]').waitFor({ timeout: 120_000 });
    expect(await open.locator('table[data-table="zone-decisions"]').count()).toBe(0);
    expect(await open.locator(`[data-figure="review-${top.id}"]`).count()).toBe(0);
    await open.close();
  }, 240_000);
});
