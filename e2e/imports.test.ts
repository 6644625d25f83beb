import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../server/test/database';
import type { Database } from '../server/src/db/database';
import { createUser } from '../server/src/features/accounts/users';
import { runImport } from '../server/src/features/imports/service';
import { browserSkipReason, type Dashboard, screenshot, startDashboard } from './browser';

/**
 * An admin imports a file from /administration: a refused file shows its problems by row and
 * column and writes nothing; a good one is checked (upload progress, the rows it would add),
 * then confirmed, and its dataset appears in the list, from which it can be removed.
 */
const skip = browserSkipReason();
if (skip) console.warn(`[e2e] ${skip}`);

const PASSWORD = 'le mot de passe de l’admin';
const fixture = (name: string) => path.resolve('server/src/features/imports/test/fixtures', name);

describe.skipIf(skip !== null)('imports in Chromium', () => {
  let dashboard: Dashboard;
  let server: TestServer;
  let db: Database;
  let browser: Browser;
  let page: Page;
  let baseline = 0;
  const eajeRows = async () => Number((await db.knex('eaje').count({ n: '*' }))[0].n);

  beforeAll(async () => {
    dashboard = await startDashboard(async (d) => {
      await createUser(d.knex, {
        login: 'admin',
        displayName: 'Alice Admin',
        role: 'admin',
        territories: [],
        password: PASSWORD,
      });
      const o = await runImport(d, {
        kind: 'boundaries',
        file: fixture('boundaries-seine-saint-denis.geojson'),
      });
      expect(o.status).toBe('imported');
    });
    ({ server, browser, db } = dashboard);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.baseUrl}/connexion`);
    await page.locator('#sign-in-login').fill('admin');
    await page.locator('#sign-in-password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(`${server.baseUrl}/`);
  }, 120_000);
  afterAll(async () => {
    await dashboard?.close();
  });

  it('shows a refused file’s problems by row and column, nothing written', async () => {
    await page.goto(`${server.baseUrl}/administration`);
    const before = await eajeRows();
    await page.getByLabel('Type de fichier').selectOption('eaje');
    await page.locator('input[type=file]').setInputFiles(fixture('eaje-broken-rows.csv'));
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await expect
      .poll(() => page.locator('.imports-admin__message').textContent())
      .toContain('Fichier refusé');
    const rows = await page.locator('.imports-admin__problems tbody tr').allTextContents();
    expect(rows.some((r) => r.startsWith('5code_insee'))).toBe(true);
    expect(await eajeRows()).toBe(before);
  });

  it('checks a good file with upload progress, shows what it adds, then imports it', async () => {
    const before = await eajeRows();
    baseline = before;
    await page.locator('input[type=file]').setInputFiles(fixture('eaje-seine-saint-denis.csv'));
    await page.getByRole('button', { name: 'Vérifier le fichier' }).click();
    await page.locator('.imports-admin__summary').waitFor();
    // The bar is set by the upload's progress events only: 100 means they came.
    expect(await page.locator('.imports-admin__progress').getAttribute('value')).toBe('100');
    const change = await page.locator('.imports-admin__summary tbody tr').allTextContents();
    expect(change).toContain('eaje400');
    expect(await eajeRows()).toBe(before);
    await screenshot(page, 'imports-dry-run');
    await page.getByRole('button', { name: 'Confirmer l’import' }).click();
    await expect
      .poll(() => page.locator('.imports-admin__message').textContent())
      .toContain('Import terminé');
    expect(await eajeRows()).toBe(before + 4);
    await expect
      .poll(() => page.locator('.imports-admin__datasets').textContent())
      .toContain('import:eaje:93');
  });

  it('removes the dataset from the list after confirmation', async () => {
    page.once('dialog', (d) => void d.accept());
    await page
      .locator('.imports-admin__datasets tr', { hasText: 'import:eaje:93' })
      .getByRole('button', { name: 'Supprimer' })
      .click();
    // The removal recomputes the figures in its transaction: seconds on a database server.
    await expect
      .poll(() => page.locator('.imports-admin__datasets').textContent(), { timeout: 60_000 })
      .not.toContain('import:eaje:93');
    expect(await eajeRows()).toBe(baseline);
  });
});
