import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { Database } from '../server/src/db/database';
import { loadDemo } from '../server/src/features/demo/service';
import { runImport, type ImportRequest } from '../server/src/features/imports/service';
import { createTestDatabase, startTestServer, type TestServer } from '../server/test/database';

/**
 * Shared set-up of the browser tests: Debian's Chromium driven by playwright-core, headless,
 * WebGL through SwiftShader, no network beyond the test server.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CLIENT_DIR = path.resolve('client/dist');
export const RESULTS_DIR = path.resolve('test-results');

/** Why the browser tests cannot run here, or null when they can. */
export function browserSkipReason(): string | null {
  if (!fs.existsSync(CHROMIUM))
    return `Chromium not found at ${CHROMIUM}: browser tests skipped (apt-get install chromium, or set CHROMIUM_PATH)`;
  if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html')))
    return 'client/dist/index.html is missing: run `npm run build` before the browser tests';
  return null;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh database with the demo, the API and the built dashboard served, and Chromium. */
export interface Dashboard {
  db: Database;
  server: TestServer;
  browser: Browser;
  /** GET an API path that must answer 200, as JSON. */
  api<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

/** The importers' fixtures in the real formats: a corner of the Cher, a real territory. */
const IMPORT_FIXTURES = path.resolve('server/src/features/imports/test/fixtures');

/** The Cher's boundaries, population and MAM, beside the demo (`startDashboard`'s `prepare`). */
export const CHER_FILES: readonly [ImportRequest['kind'], string][] = [
  ['boundaries', 'boundaries-geoapi.geojson'],
  ['population', 'population-insee-2021.csv'],
  ['mams', 'mams.csv'],
];

/** Imports fixture files in order, each of which must be imported. */
export async function importFixtures(
  db: Database,
  files: readonly [ImportRequest['kind'], string][],
): Promise<void> {
  for (const [kind, file] of files) {
    const o = await runImport(db, { kind, file: path.join(IMPORT_FIXTURES, file) });
    expect(o.status, kind).toBe('imported');
  }
}

/**
 * The set-up every browser test starts from: the demo loaded (then whatever `prepare` adds, an
 * import for instance) in a fresh database, the server, Chromium. What was started is stopped
 * again if a later step fails.
 */
export async function startDashboard(
  prepare?: (db: Database) => Promise<void>,
): Promise<Dashboard> {
  const db = await createTestDatabase();
  let server: TestServer | undefined;
  try {
    await loadDemo(db);
    await prepare?.(db);
    server = await startTestServer(db, CLIENT_DIR);
    const browser = await launchChromium();
    const baseUrl = server.baseUrl;
    return {
      db,
      server,
      browser,
      async api<T>(p: string) {
        const res = await fetch(`${baseUrl}${p}`);
        expect(res.status, p).toBe(200);
        return (await res.json()) as T;
      },
      async close() {
        await browser.close();
        await server!.close();
        await db.close();
      },
    };
  } catch (error) {
    await server?.close();
    await db.close();
    throw error;
  }
}

/**
 * A block of browser tests sharing one dashboard (`startDashboard(prepare)`), started before them
 * and stopped after; skipped with a message where Chromium or the built client is missing.
 */
export function describeInBrowser(
  name: string,
  tests: (dashboard: () => Dashboard) => void,
  prepare?: (db: Database) => Promise<void>,
) {
  const skip = browserSkipReason();
  if (skip) console.warn(`[e2e] ${skip}`);
  describe.skipIf(skip !== null)(name, () => {
    let dashboard: Dashboard | undefined;
    beforeAll(async () => {
      dashboard = await startDashboard(prepare);
    });
    afterAll(async () => {
      await dashboard?.close();
    });
    tests(() => dashboard!);
  });
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Wait until the map has drawn its first choropleth (MapController sets data-map-state="ready"). */
export async function waitForMap(page: Page, timeout = 30_000) {
  await page.waitForSelector('[data-testid="map"][data-map-state="ready"]', { timeout });
}

export type Rgb = [number, number, number];

/**
 * Count, on the map's own canvas (WebGL, read back as an image), the pixels of each colour in
 * `colors` (exact match within `tolerance` per channel). This checks what was drawn, not the DOM.
 */
export async function countMapColors(
  page: Page,
  colors: Record<string, Rgb>,
  tolerance = 3,
): Promise<Record<string, number>> {
  return page.evaluate(
    ({ colors, tolerance }) => {
      const source = document.querySelector(
        '[data-testid="map"] canvas.maplibregl-canvas',
      ) as HTMLCanvasElement;
      const c = document.createElement('canvas');
      c.width = source.width;
      c.height = source.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(source, 0, 0);
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      const counts: Record<string, number> = Object.fromEntries(
        Object.keys(colors).map((k) => [k, 0]),
      );
      const entries = Object.entries(colors);
      for (let i = 0; i < data.length; i += 4) {
        for (const [k, [r, g, b]] of entries) {
          if (
            Math.abs(data[i] - r) <= tolerance &&
            Math.abs(data[i + 1] - g) <= tolerance &&
            Math.abs(data[i + 2] - b) <= tolerance
          ) {
            counts[k]++;
            break;
          }
        }
      }
      return counts;
    },
    { colors, tolerance },
  );
}

/**
 * What is wrong with a class layer on the map once it has settled, against the pixels counted
 * before the layer was on: each class holding a tenth of the features (`present`: features per
 * class id) must cover over 300 more pixels, and each class in `absent` under 100 more. Empty
 * when the layer is drawn as its answer says; poll it, tiles may still be arriving.
 */
export async function classDrawingProblems(
  page: Page,
  rgb: Record<string, Rgb>,
  before: Record<string, number>,
  present: ReadonlyMap<string, number>,
  absent: readonly string[] = [],
): Promise<string[]> {
  await settledMapFingerprint(page);
  const counts = await countMapColors(page, rgb, 1);
  const total = [...present.values()].reduce((a, b) => a + b, 0);
  const found: string[] = [];
  for (const [id, n] of present)
    if (n > total / 10 && !(counts[id] - before[id] > 300))
      found.push(`pixels of class ${id}: ${counts[id] - before[id]}, expected over 300`);
  for (const id of absent)
    if (!(counts[id] - before[id] < 100))
      found.push(`pixels of absent class ${id}: ${counts[id] - before[id]}`);
  return found;
}

/** A short fingerprint of the map canvas, to tell whether a toggle changed what is drawn. */
export async function mapFingerprint(page: Page): Promise<string> {
  return page.evaluate(() => {
    const source = document.querySelector(
      '[data-testid="map"] canvas.maplibregl-canvas',
    ) as HTMLCanvasElement;
    const c = document.createElement('canvas');
    c.width = 256;
    c.height = 256;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(source, 0, 0, 256, 256);
    const { data } = ctx.getImageData(0, 0, 256, 256);
    let h = 2166136261;
    for (let i = 0; i < data.length; i++) h = Math.imul(h ^ data[i], 16777619);
    return (h >>> 0).toString(16);
  });
}

/**
 * The map's fingerprint once it has stopped changing (two equal readings 400 ms apart): labels
 * placed and tiles drawn, so that two states can be compared exactly.
 */
export async function settledMapFingerprint(page: Page, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let previous = await mapFingerprint(page);
  for (;;) {
    await page.waitForTimeout(400);
    const current = await mapFingerprint(page);
    if (current === previous || Date.now() > deadline) return current;
    previous = current;
  }
}

/** Width and height of a PNG file, read from its IHDR chunk. */
export function pngSize(buf: Buffer): { width: number; height: number } {
  const signature = buf.subarray(0, 8).toString('hex');
  if (signature !== '89504e470d0a1a0a') throw new Error('not a PNG file');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}
