/**
 * Client benchmark: time to the first rendered choropleth in headless Chromium (Debian's
 * /usr/bin/chromium through playwright-core, WebGL in SwiftShader), on the demo territory and on
 * a large synthetic territory, for the default view (EPCI) and the commune level; and the size
 * of the built bundle.
 *
 *   npm run build && npm run bench:client
 *   npm run bench:client -- --runs 7 --communes 35000 --scales demo,large
 *
 * "First rendered choropleth" is the `berceau:choropleth-rendered` performance mark that the map
 * sets on its first `idle` event after the territories are drawn (client/src/map/map-controller.ts),
 * measured from the start of navigation: HTML, scripts, the API request and the WebGL drawing.
 * Each run uses a fresh browser context (cold HTTP cache). Target (issue): under 2 s on the demo.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { openDatabase } from '../server/src/db/database';
import { loadDemo } from '../server/src/features/demo/service';
import { createApp } from '../server/src/http/app';
import { createLogger } from '../server/src/logging/logger';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    scales: { type: 'string', default: 'demo,large' },
    communes: { type: 'string', default: '5000' },
    childminders: { type: 'string', default: '40000' },
    chromium: { type: 'string', default: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
  },
});
const RUNS = Number(values.runs);
const CLIENT_DIR = path.resolve('client/dist');
const TARGET_MS = 2000;

function bundleSize() {
  const files: { file: string; bytes: number; gzip: number }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else {
        const buf = fs.readFileSync(p);
        files.push({
          file: path.relative(CLIENT_DIR, p),
          bytes: buf.length,
          gzip: zlib.gzipSync(buf).length,
        });
      }
    }
  };
  walk(CLIENT_DIR);
  return files.sort((a, b) => b.bytes - a.bytes);
}

const kb = (n: number) => `${(n / 1024).toFixed(0)} kB`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)];
};

async function main() {
  if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) {
    console.error('client/dist is missing: run `npm run build` first.');
    process.exit(2);
  }
  if (!fs.existsSync(values.chromium)) {
    console.error(`Chromium not found at ${values.chromium} (set --chromium or CHROMIUM_PATH).`);
    process.exit(2);
  }

  const files = bundleSize();
  const total = files.reduce((s, f) => s + f.bytes, 0);
  const totalGzip = files.reduce((s, f) => s + f.gzip, 0);
  console.log(`# Berceau client benchmark\n`);
  console.log(
    `Machine: ${os.cpus().length} CPU (${os.cpus()[0]?.model ?? '?'}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at start — WebGL in SwiftShader (CPU): timings grow with the load.\n`,
  );
  console.log(`## Bundle (client/dist): ${kb(total)}, ${kb(totalGzip)} gzipped\n`);
  console.log('| file | size | gzip |\n|---|---|---|');
  for (const f of files) console.log(`| ${f.file} | ${kb(f.bytes)} | ${kb(f.gzip)} |`);

  const browser = await chromium.launch({
    executablePath: values.chromium,
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
  const results: { scale: string; level: string; median: number; max: number }[] = [];
  try {
    for (const scale of values.scales.split(',')) {
      const db = await openDatabase({ databaseUrl: null });
      const options =
        scale === 'large'
          ? { communes: Number(values.communes), childminders: Number(values.childminders) }
          : {};
      const load = await loadDemo(db, options);
      const app = createApp({
        config: { clientDir: CLIENT_DIR, basemapStyleUrl: null },
        db,
        logger: createLogger('silent'),
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      console.log(
        `\n## ${scale} territory: ${load.counts.communes} communes, ${load.counts.epcis} EPCI, ${load.counts.childminders} childminders\n`,
      );
      console.log(
        '| view | runs (ms, first = cold server) | median ms | max ms | GeoJSON of the level shown | load avg after |\n|---|---|---|---|---|---|',
      );
      for (const [level, query, param] of [
        ['epci (default view)', '', 'level=epci'],
        ['commune', '?level=commune', 'level=commune'],
      ] as const) {
        const times: number[] = [];
        let received = 0;
        for (let i = 0; i < RUNS; i++) {
          const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
          const page = await context.newPage();
          let bytes = 0;
          page.on('response', async (res) => {
            if (res.url().includes(`/api/territories?${param}`))
              bytes += (await res.body().catch(() => Buffer.alloc(0))).length;
          });
          await page.goto(`${base}/${query}`);
          await page.waitForSelector('[data-map-state="ready"]', { timeout: 120_000 });
          const ms = await page.evaluate(
            () => performance.getEntriesByName('berceau:choropleth-rendered')[0]?.startTime ?? NaN,
          );
          times.push(ms);
          received = bytes;
          // Let the lists loaded after the first map finish, so that the server is idle for the next run.
          await page.waitForLoadState('networkidle', { timeout: 120_000 }).catch(() => undefined);
          await context.close();
        }
        const m = median(times);
        results.push({ scale, level, median: m, max: Math.max(...times) });
        console.log(
          `| ${level} | ${times.map((t) => t.toFixed(0)).join(', ')} | ${m.toFixed(0)} | ${Math.max(...times).toFixed(0)} | ${kb(received)} | ${os.loadavg()[0].toFixed(1)} |`,
        );
      }
      await new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
      await db.close();
    }
  } finally {
    await browser.close();
  }
  const demo = results.find((r) => r.scale === 'demo' && r.level.startsWith('epci'));
  if (demo) {
    const ok = demo.median < TARGET_MS;
    console.log(
      `\nTarget: first choropleth under ${TARGET_MS} ms on the demo (default view): ${demo.median.toFixed(0)} ms median — ${ok ? 'met' : 'NOT met'}.`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
