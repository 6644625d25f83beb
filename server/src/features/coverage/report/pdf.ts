import { chromium } from 'playwright-core';
import { Unavailable } from '../../../domain/errors';

/** Longest wait for the report page's data and map before giving up. */
const READY_TIMEOUT_MS = 90_000;

/**
 * The report page (`/rapport?…`) of the server itself, printed to an A4 PDF by a headless
 * Chromium: the same page a planner prints from the dashboard, so the PDF and the screen cannot
 * differ. The page marks `<html data-report-ready>` once its data and its map are drawn.
 */
export async function renderReportPdf(executablePath: string, pageUrl: string): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 1600 } });
    await page.goto(pageUrl);
    const ready = await page
      .waitForSelector('html[data-report-ready]', { state: 'attached', timeout: READY_TIMEOUT_MS })
      .then(() => page.getAttribute('html', 'data-report-ready'));
    if (ready !== 'true') {
      const problem = (await page.textContent('.report-error').catch(() => null)) ?? ready;
      throw new Unavailable(`PDF indisponible : le rapport n’a pas pu être préparé (${problem})`, {
        code: 'pdf_unavailable',
      });
    }
    return await page.pdf({ preferCSSPageSize: true, printBackground: true });
  } finally {
    await browser.close();
  }
}
