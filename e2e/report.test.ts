import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  GapZoneCollection,
  TerritoryCollection,
  TerritoryDetail,
  TerritoryForecast,
} from '../client/src/api/types';
import { COVERAGE_COLORS, coverageColor, hexToRgb } from '../client/src/lib/coverage-scale';
import { formatCount } from '../client/src/lib/format';
import {
  CHER_FILES,
  importFixtures,
  browserSkipReason,
  RESULTS_DIR,
  startDashboard,
  type Dashboard,
} from './browser';

/**
 * The territory report rendered to PDF by the server (GET /api/report.pdf, headless Chromium),
 * its pages turned into images and text with poppler (pdftoppm, pdftotext): the map page must
 * hold the choropleth colours of the territory's communes, the printed figures must be the
 * API's, and a demo report must say "territoire fictif" on every page, a real one never.
 */
const POPPLER = ['/usr/bin/pdftoppm', '/usr/bin/pdftotext'];

const skip =
  browserSkipReason() ??
  (POPPLER.every((p) => fs.existsSync(p))
    ? null
    : 'poppler-utils missing (apt-get install poppler-utils): report PDF test skipped');
if (skip) console.warn(`[e2e] ${skip}`);

/** French number as the report prints it (Intl fr-FR), spaces made plain for pdftotext. */
const fr = (x: number, digits: number) =>
  new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits })
    .format(x)
    .replace(/[\u202f\u00a0]/g, ' ');
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

/** The text of each page of a PDF, in reading layout. */
function pagesText(pdf: string): string[] {
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  return text
    .split('\f')
    .filter((p) => p.trim() !== '')
    .map(plain);
}

/** Pixels of each colour (within `tolerance` per channel) on one page rendered as PPM. */
function countPageColors(
  pdf: string,
  page: number,
  colors: Record<string, [number, number, number]>,
  tolerance = 4,
): Record<string, number> {
  const ppm = execFileSync('pdftoppm', ['-r', '100', '-f', `${page}`, '-l', `${page}`, pdf], {
    maxBuffer: 64 * 1024 * 1024,
  });
  // P6 <width> <height> <max>\n then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString('latin1'))!;
  const data = ppm.subarray(header[0].length);
  const counts = Object.fromEntries(Object.keys(colors).map((k) => [k, 0]));
  const entries = Object.entries(colors);
  for (let i = 0; i + 2 < data.length; i += 3) {
    for (const [key, [r, g, b]] of entries) {
      if (
        Math.abs(data[i] - r) <= tolerance &&
        Math.abs(data[i + 1] - g) <= tolerance &&
        Math.abs(data[i + 2] - b) <= tolerance
      ) {
        counts[key]++;
        break;
      }
    }
  }
  return counts;
}

function savePagePng(pdf: string, page: number, name: string): string {
  const prefix = path.join(RESULTS_DIR, name);
  execFileSync('pdftoppm', [
    '-r',
    '90',
    '-png',
    '-singlefile',
    '-f',
    `${page}`,
    '-l',
    `${page}`,
    pdf,
    prefix,
  ]);
  return `${prefix}.png`;
}

describe.skipIf(skip !== null)('territory report as PDF', () => {
  let dashboard: Dashboard;
  let epci: string;
  let detail: TerritoryDetail;
  let forecast: TerritoryForecast;
  let communes: TerritoryCollection['features'];
  let demoPdf: string;
  let demoPages: string[];

  const fetchPdf = async (query: string, file: string) => {
    const res = await fetch(`${dashboard.server.baseUrl}/api/report.pdf?${query}`);
    expect(res.status, await (res.status === 200 ? '' : res.clone().text())).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const out = path.join(RESULTS_DIR, file);
    fs.writeFileSync(out, Buffer.from(await res.arrayBuffer()));
    return out;
  };

  beforeAll(async () => {
    dashboard = await startDashboard((db) => importFixtures(db, CHER_FILES));
    const list = await dashboard.api<TerritoryCollection>(
      '/api/territories?level=epci&departement=Z1',
    );
    // The demo EPCI with the most communes: the richest map.
    const all = await dashboard.api<TerritoryCollection>(
      '/api/territories?level=commune&departement=Z1',
    );
    const size = (code: string) =>
      all.features.filter((f) => f.properties.epci_code === code).length;
    epci = list.features.map((f) => f.properties.code).sort((a, b) => size(b) - size(a))[0];
    communes = all.features.filter((f) => f.properties.epci_code === epci);
    detail = await dashboard.api<TerritoryDetail>(`/api/territories/epci/${epci}`);
    forecast = await dashboard.api<TerritoryForecast>(`/api/territories/epci/${epci}/forecast`);
    demoPdf = await fetchPdf(`level=epci&code=${epci}`, 'report-demo-epci.pdf');
    demoPages = pagesText(demoPdf);
  }, 240_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  it('says "territoire fictif" on every page of a demo report', () => {
    expect(demoPages.length).toBeGreaterThanOrEqual(7);
    demoPages.forEach((text, i) => expect(text, `page ${i + 1}`).toMatch(/Territoire fictif/));
  });

  it('draws the communes in the choropleth colours of their rates on the map page', () => {
    const mapPage = demoPages.findIndex((p) => p.includes('Carte de la couverture')) + 1;
    expect(mapPage).toBeGreaterThan(0);
    const expected = new Set(communes.map((f) => coverageColor(f.properties)));
    const palette = Object.fromEntries(COVERAGE_COLORS.map((c) => [c, hexToRgb(c)]));
    const counts = countPageColors(demoPdf, mapPage, palette);
    const png = savePagePng(demoPdf, mapPage, 'report-map-page');
    expect(fs.existsSync(png)).toBe(true);
    // At 100 dpi a legend swatch is about 12 × 12 px: a class drawn on the map covers far more.
    const LEGEND_ONLY = 400;
    for (const color of COVERAGE_COLORS.filter((c) => c !== '#f7f7f7')) {
      if (expected.has(color)) expect(counts[color], color).toBeGreaterThan(LEGEND_ONLY);
      else expect(counts[color], color).toBeLessThan(LEGEND_ONLY);
    }
    expect(
      [...expected].filter((c) => COVERAGE_COLORS.includes(c as never)).length,
    ).toBeGreaterThan(1);
  });

  it('prints the figures the API serves', () => {
    const first = demoPages[0];
    savePagePng(demoPdf, 1, 'report-first-page');
    const t = detail.territory;
    expect(first).toContain(t.name);
    expect(first).toMatch(
      new RegExp(`Enfants de moins de 3 ans \\(${t.year}\\)\\s+${fr(t.children_under3!, 0)}`),
    );
    expect(first).toMatch(
      new RegExp(`Taux de couverture global \\(${t.year}\\)\\s+${fr(t.coverage_rate!, 1)}`),
    );
    expect(first).toMatch(
      new RegExp(
        `Taux du département .*\\(${t.year}\\)\\s+${fr(detail.parents.departement!.coverage_rate!, 1)}`,
      ),
    );
    expect(first).toMatch(new RegExp(`Référence nationale .*\\s+${fr(detail.national.rate!, 1)}`));
    const all = demoPages.join('\n');
    for (const h of detail.history)
      expect(all).toMatch(
        new RegExp(
          `\\n\\s*${h.year}\\s+${fr(h.children_under3!, 0)}\\s+\\S.*?${fr(h.coverage_rate!, 1)}`,
        ),
      );
    for (const p of forecast.children_under3.points)
      expect(all).toMatch(
        new RegExp(
          `${p.year} \\(\\+${p.horizon_years} ans\\)\\s+${fr(Math.round(p.central), 0)}\\s+${fr(Math.round(p.low), 0)} – ${fr(Math.round(p.high), 0)}`,
        ),
      );
    // Long method texts wrap in the PDF: compare with every run of spaces as one.
    const oneLine = (text: string) => text.replace(/[\s\u202f\u00a0]+/g, ' ');
    expect(oneLine(all)).toContain(oneLine(forecast.children_under3.method_text));
    if (forecast.childminder_departures)
      expect(oneLine(all)).toContain(
        `Départs projetés d’assistantes maternelles d’ici ${forecast.childminder_departures.years.at(-1)!.year} : ${forecast.childminder_departures.years.at(-1)!.cumulative_departures} sur ${fr(forecast.childminder_departures.active.count, 0)} en activité`,
      );
  });

  it('prints the gap zones touching the territory and its accessibility rate, as served', async () => {
    const zones = await dashboard.api<GapZoneCollection>(
      `/api/gap-zones?level=epci&code=${epci}&minutes=15`,
    );
    // Zones are computed for one year, the real territories' latest once one is loaded (the
    // Cher's here): the report of another year says so, the report of that year prints them.
    const year = zones.metadata.year;
    let pages = demoPages;
    if (year !== detail.territory.year) {
      const other = demoPages.find((p) => p.includes('Zones où l’offre manque'))!;
      expect(other).toContain(`Non disponible : les zones sont calculées pour ${year}`);
      pages = pagesText(
        await fetchPdf(`level=epci&code=${epci}&year=${year}`, 'report-demo-epci-zones.pdf'),
      );
    }
    const access = await dashboard.api<TerritoryDetail>(
      `/api/territories/epci/${epci}?accessibility=true&year=${year}`,
    );
    const gaps = pages.find((p) => p.includes('Zones où l’offre manque'))!;
    expect(gaps).toBeDefined();
    if (zones.features.length === 0) expect(gaps).toContain('Aucune : chaque groupe');
    const flat = gaps.replace(/\s+/g, ' ');
    for (const z of zones.features.slice(0, 8)) {
      expect(gaps.replace(/\s+/g, '')).toContain(z.id);
      expect(flat).toMatch(
        new RegExp(
          ` ${plain(formatCount(z.properties.children_under3))}(?: \\(estimé\\))? ${plain(formatCount(z.properties.places_missing))} `,
        ),
      );
    }
    expect(flat).toContain(`${zones.features.length} zones`);
    const rate = access.accessibility!.accessibility_rate!;
    expect(flat).toContain(`${fr(rate, 1)} places à portée pour 100 enfants`);
  }, 120_000);

  it('sets two years side by side with the differences highlighted', async () => {
    const first = detail.history[0];
    const pdf = await fetchPdf(
      `level=epci&code=${epci}&compare_year=${first.year}`,
      'report-demo-compared.pdf',
    );
    const pages = pagesText(pdf);
    const page = pages.find((p) => p.includes('Comparaison :'))!;
    // A: the year compared with; B: the report's own (names may wrap).
    expect(page).toMatch(
      new RegExp(
        `Comparaison : [\\s\\S]*?\\(${first.year}\\) et [\\s\\S]*?\\(${detail.territory.year}\\)`,
      ),
    );
    const t = detail.territory;
    const delta = Math.round((t.coverage_rate! - first.coverage_rate!) * 10) / 10;
    const signed = (delta > 0 ? '+' : delta < 0 ? '\u2212' : '') + fr(Math.abs(delta), 1);
    expect(page).toMatch(
      new RegExp(
        `Taux de couverture global\\s+${fr(first.coverage_rate!, 1)}\\s+${fr(t.coverage_rate!, 1)}\\s+${signed.replace('+', '\\+')}`,
      ),
    );
    savePagePng(pdf, pages.indexOf(page) + 1, 'report-comparison-page');
    // Both projections, horizon by horizon, each from its own year.
    const flat = page.replace(/\s+/g, ' ');
    const before = await dashboard.api<TerritoryForecast>(
      `/api/territories/epci/${epci}/forecast?year=${first.year}`,
    );
    const p3 = (f: TerritoryForecast) =>
      f.children_under3.points.find((p) => p.horizon_years === 3)!;
    expect(flat).toContain(
      `Enfants de moins de 3 ans projetés à +3 ans ${plain(formatCount(p3(before).central))} (${p3(before).year}) ${plain(formatCount(p3(forecast).central))} (${p3(forecast).year})`,
    );
    // The two maps side by side: the communes' colours of both years, well beyond the legend.
    const mapsPage =
      pages.findIndex((p) => p.includes('les cartes de la couverture par commune')) + 1;
    expect(mapsPage).toBeGreaterThan(0);
    const palette = Object.fromEntries(COVERAGE_COLORS.map((c) => [c, hexToRgb(c)]));
    const counts = countPageColors(pdf, mapsPage, palette);
    const drawn = COVERAGE_COLORS.filter((c) => c !== '#f7f7f7' && counts[c] > 400);
    expect(drawn.length).toBeGreaterThan(0);
    savePagePng(pdf, mapsPage, 'report-comparison-maps-page');
  }, 120_000);

  it('reports a custom set of communes: its title lists them, its figures are the API’s', async () => {
    // Three communes whose figures are public (a withheld member withholds the set's).
    const chosen = communes
      .map((f) => f.properties)
      .filter((p) => !p.childminders_secret && p.coverage_rate !== null)
      .sort((a, b) => b.children_under3! - a.children_under3!)
      .slice(0, 3);
    expect(chosen).toHaveLength(3);
    const codes = chosen.map((c) => c.code).join(',');
    const set = await dashboard.api<TerritoryDetail>(`/api/territories/custom?codes=${codes}`);
    const pdf = await fetchPdf(`codes=${codes}`, 'report-custom-set.pdf');
    const pages = pagesText(pdf);
    const oneLine = (text: string) => text.replace(/\s+/g, ' ');
    const first = oneLine(pages[0]);
    expect(first).toContain('Ensemble de communes choisi (3) :');
    for (const c of chosen) expect(first).toContain(`${c.name} (${c.code})`);
    const t = set.territory;
    expect(t.childminders_secret).toBe(false);
    expect(first).toContain(`Enfants de moins de 3 ans (${t.year}) ${fr(t.children_under3!, 0)}`);
    expect(first).toContain(`Taux de couverture global (${t.year}) ${fr(t.coverage_rate!, 1)}`);
    // Summed, not one commune's figure.
    expect(t.children_under3).toBeCloseTo(
      chosen.reduce((s, c) => s + c.children_under3!, 0),
      1,
    );
    expect(oneLine(pages.join(' '))).toContain('pas pour un ensemble de communes choisi');
    savePagePng(pdf, 1, 'report-custom-set-first-page');
  }, 120_000);

  it('has no fictional mention in the report of a real imported commune, and names its sources', async () => {
    const cher = await dashboard.api<TerritoryCollection>(
      '/api/territories?level=commune&departement=18',
    );
    const code = cher.features[0].properties.code;
    const pdf = await fetchPdf(`level=commune&code=${code}`, 'report-real-commune.pdf');
    const pages = pagesText(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(7);
    for (const text of pages) expect(text).not.toMatch(/fictif/i);
    const sources = pages.find((p) => p.includes('Sources et millésimes'))!;
    expect(sources).toMatch(/INSEE/);
    expect(sources).toMatch(/2021/);
    // The demo's roads, grid and places never serve a real commune: without its own, its report
    // says so (in French) rather than showing no gap zone: its gap zones and its times to the
    // nearest place need roads, its accessibility a grid and roads.
    const all = pages.join('\n');
    expect(
      all.match(/Non disponible : aucun réseau routier n’est chargé pour ce territoire/g),
    ).toHaveLength(2);
    expect(all).toMatch(/Non calculé : ni carroyage ni routes pour ce territoire/);
    expect(all).not.toMatch(/Aucune : chaque groupe de carreaux/);
  }, 120_000);
});
