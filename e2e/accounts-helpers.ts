/** Signing in and saving scenarios, shared by the browser tests that need a planner. */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { SavedScenario } from '../client/src/api/types';
import { browser, signInAs } from '../server/test/sign-in';

/** Signs `page` in through the sign-in screen, and waits for the home page. */
export async function signInPage(page: Page, baseUrl: string, login: string, password: string) {
  await page.goto(`${baseUrl}/connexion`);
  await page.locator('#sign-in-login').fill(login);
  await page.locator('#sign-in-password').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${baseUrl}/`);
}

/** Saves a scenario over the API as `login` (201 expected), and returns it. */
export async function saveScenario(
  baseUrl: string,
  login: string,
  password: string,
  body: { name: string; changes: unknown[]; minutes?: number },
): Promise<SavedScenario> {
  const api = await signInAs(browser(baseUrl), login, password);
  const res = await api.fetch('/api/scenarios', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as SavedScenario;
}
