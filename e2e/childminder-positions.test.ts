import type { Page, Response } from 'playwright-core';
import { expect, it } from 'vitest';
import { createUser } from '../server/src/features/accounts/users';
import { describeInBrowser, screenshot, settledMapFingerprint, waitForMap } from './browser';

/**
 * The childminders' positions layer: a planner signs in, turns it on and the map draws the homes
 * of their territory's childminders, and those only (the API's answer says which); signing out
 * takes the toggle and the points away. A public visitor has no toggle and never asks for them.
 */
const PASSWORD = 'le mot de passe du réseau';
/** The demo's EPCI the planner works on, and its communes (read from the database). */
let epci = '';
let members: string[] = [];

const TOGGLE = 'input[name="layer-childminder-positions"]';

describeInBrowser(
  'childminders’ positions in Chromium',
  (dashboard) => {
    async function signIn(page: Page) {
      const base = dashboard().server.baseUrl;
      await page.goto(`${base}/connexion`);
      await page.locator('#sign-in-login').fill('planner.am');
      await page.locator('#sign-in-password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL(`${base}/`);
    }

    it('shows a planner the homes of their territory only, and drops them on signing out', async () => {
      const page = await dashboard().browser.newPage({ viewport: { width: 1280, height: 800 } });
      try {
        await signIn(page);
        await waitForMap(page);
        const toggle = page.locator(TOGGLE);
        await toggle.waitFor();
        const before = await settledMapFingerprint(page);

        const answered = page.waitForResponse((r: Response) =>
          r.url().includes('/api/childminders?'),
        );
        await toggle.check();
        const response = await answered;
        expect(response.status()).toBe(200);
        expect(new URL(response.url()).searchParams.get('code')).toBe(epci);
        const body = (await response.json()) as {
          features: { geometry: unknown; properties: { commune_code: string } }[];
        };
        expect(body.features.length).toBeGreaterThan(0);
        const outside = body.features.filter((f) => !members.includes(f.properties.commune_code));
        expect(outside).toEqual([]);
        const located = body.features.filter((f) => f.geometry !== null).length;

        await expect
          .poll(() => page.locator('.positions-count').textContent())
          .toContain(`${body.features.length} assistant`);
        expect(located).toBeGreaterThan(0);
        const drawn = await settledMapFingerprint(page);
        expect(drawn).not.toBe(before);
        await screenshot(page, 'childminder-positions-planner');

        // Signing out: the toggle goes, and the points with it.
        await page.locator('.user-menu summary').click();
        await page.getByRole('button', { name: 'Se déconnecter' }).click();
        await expect.poll(() => page.getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
        await expect.poll(() => page.locator(TOGGLE).count()).toBe(0);
        expect(await settledMapFingerprint(page)).toBe(before);
      } finally {
        await page.close();
      }
    });

    it('gives a public visitor no toggle and asks nothing about childminders', async () => {
      const context = await dashboard().browser.newContext({
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      const asked: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/childminders')) asked.push(r.url());
      });
      try {
        await page.goto(`${dashboard().server.baseUrl}/?layers=childminders,eaje`);
        await waitForMap(page);
        await settledMapFingerprint(page);
        expect(await page.getByRole('heading', { name: 'Couches' }).count()).toBe(1);
        expect(await page.locator(TOGGLE).count()).toBe(0);
        expect(await page.getByText('Assistants maternels (positions)').count()).toBe(0);
        expect(asked).toEqual([]);
      } finally {
        await context.close();
      }
    });
  },
  async (db) => {
    // The demo's EPCI with the most childminders with a home, and a planner who works on it.
    const { rows } = await db.knex.raw(
      `SELECT c.epci_code, count(*) AS n FROM childminder a JOIN commune c ON c.code = a.commune_code
       WHERE a.geom IS NOT NULL GROUP BY c.epci_code ORDER BY n DESC, c.epci_code LIMIT 1`,
    );
    epci = rows[0].epci_code;
    members = (await db.knex('commune').where({ epci_code: epci }).select('code')).map(
      (r: { code: string }) => r.code,
    );
    await createUser(db.knex, {
      login: 'planner.am',
      displayName: 'Paul (relais petite enfance)',
      role: 'planner',
      territories: [{ level: 'epci', code: epci }],
      password: PASSWORD,
    });
  },
);
