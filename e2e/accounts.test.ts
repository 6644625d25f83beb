import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/test/database';
import { createUser } from '../server/src/features/accounts/users';
import { browserSkipReason, type Dashboard, screenshot, startDashboard } from './browser';

/**
 * Accounts in the dashboard: an admin (created as the command line does) signs in on /connexion,
 * creates a reviewer on /administration, signs out; the public sees no admin control; the
 * reviewer then signs in with the password the admin gave.
 */
const skip = browserSkipReason();
if (skip) console.warn(`[e2e] ${skip}`);

const ADMIN_PASSWORD = 'le mot de passe de l’admin';
const REVIEWER_PASSWORD = 'le mot de passe de la PMI';

describe.skipIf(skip !== null)('accounts in Chromium', () => {
  let dashboard: Dashboard;
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dashboard = await startDashboard(async (db) => {
      await createUser(db.knex, {
        login: 'admin',
        displayName: 'Alice Admin',
        role: 'admin',
        territories: [],
        password: ADMIN_PASSWORD,
      });
    });
    ({ server, browser } = dashboard);
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  });
  afterAll(async () => {
    await dashboard?.close();
  });

  async function signIn(login: string, password: string) {
    await page.goto(`${server.baseUrl}/connexion`);
    await page.locator('#sign-in-login').fill(login);
    await page.locator('#sign-in-password').fill(password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  it('refuses a wrong password in French, then signs the admin in', async () => {
    await signIn('admin', 'pas le bon mot de passe');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('Identifiant ou mot de passe incorrect.');
    await signIn('admin', ADMIN_PASSWORD);
    await page.waitForURL(`${server.baseUrl}/`);
    await expect
      .poll(() => page.locator('.user-menu summary').textContent())
      .toContain('Alice Admin');
  });

  it('creates a reviewer on /administration, then signs out', async () => {
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.locator('#new-login').fill('marie.pmi');
    await page.getByLabel('Nom affiché').fill('Marie (PMI)');
    await page.getByLabel('Rôle', { exact: true }).selectOption('reviewer');
    await page.getByLabel('Territoires (niveau:code').fill('departement:Z1');
    await page.locator('#new-password').fill(REVIEWER_PASSWORD);
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toBe('Compte marie.pmi créé.');
    // The accounts' table (the page also lists the loaded datasets).
    const accounts = page.getByRole('region', { name: 'Comptes' });
    await expect.poll(() => accounts.locator('tbody tr').count()).toBe(2);
    await screenshot(page, 'accounts-administration');
    await page.locator('.user-menu summary').click();
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
  });

  it('shows the public no admin control, and the reviewer can sign in', async () => {
    await page.goto(`${server.baseUrl}/administration`);
    await expect.poll(() => page.getByText('Connectez-vous').count()).toBe(1);
    expect(await page.getByText('Ajouter un compte').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Désactiver' }).count()).toBe(0);
    await signIn('marie.pmi', REVIEWER_PASSWORD);
    await expect
      .poll(() => page.locator('.user-menu summary').textContent())
      .toContain('Marie (PMI)');
  });
});
