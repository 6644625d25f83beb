import { stringify } from 'csv-stringify/sync';
import type { Knex } from 'knex';
import type {
  CustomTerritoryDetail,
  TerritoryDetail,
  TerritoryForecast,
} from '../../../../../contract';
import { spreadsheetSafe, type Level, type Viewer } from '../../../kernel';
import { listTerritories, territoryDetail, type TerritoryProperties } from '../territories';
import { sourcesJson } from '../repository';
import { territoryForecast } from '../forecast/service';
import { customTerritoryDetail, parseCommuneCodes } from '../custom-territory';

/** What a report is about: a territory of a level, or a custom set of communes (`93001,…`). */
export type ReportTarget = { level: Level; code: string } | { codes: string };

/**
 * The report's tables as one long CSV for French Excel: one row per figure (section,
 * territory, indicator, year, value, nature, sources), the values exactly as the API serves them
 * (territory detail, commune list, forecast). UTF-8 with a BOM, `;`, decimal commas, CRLF, text
 * neutralised against formulas, as the territory list's CSV.
 */
export const REPORT_CSV_COLUMNS = [
  'section',
  'territoire',
  'code',
  'indicateur',
  'annee',
  'valeur',
  'nature',
  'sources',
] as const;

type Cell = string | number | null;
type Row = Record<(typeof REPORT_CSV_COLUMNS)[number], Cell>;

const HISTORY_FIGURES = [
  ['children_under3', 'Enfants de moins de 3 ans'],
  ['places_eaje_psu', 'Places EAJE PSU'],
  ['places_eaje_hors_psu', 'Places EAJE hors PSU'],
  ['places_am', 'Places assistants maternels à domicile (× part des moins de 3 ans)'],
  ['places_mam', 'Places assistants maternels en MAM (× part des moins de 3 ans)'],
  ['places_home_care', 'Places de garde à domicile'],
  ['places_preschool', 'Préscolarisation à 2 ans'],
  ['places_total', 'Total des places'],
  ['coverage_rate', 'Taux de couverture global (places pour 100 enfants)'],
  ['reference_rate', 'Référence nationale'],
  ['coverage_class', 'Classe d’écart'],
] as const;

export interface ReportTables {
  detail: TerritoryDetail | CustomTerritoryDetail;
  /** The other report of a comparison (`compare_year`, `compare_level`, `compare_code`). */
  comparison?: {
    detail: TerritoryDetail | CustomTerritoryDetail;
    forecast: TerritoryForecast | null;
  } | null;
  forecast: TerritoryForecast | null;
  communes: TerritoryProperties[];
  /** Of the commune list (the territory's own are in `detail`). */
  datasets: TerritoryDetail['datasets'];
}

/** The figures of the report, fetched as the report page fetches them. */
export async function fetchReportTables(
  knex: Knex,
  target: ReportTarget,
  year: number | undefined,
  viewer: Viewer,
): Promise<ReportTables> {
  if ('codes' in target) {
    // A custom set: its own figures, its communes from their départements' lists. No
    // projection: the forecasts are made for territories of a level.
    const detail = await customTerritoryDetail(knex, target.codes, year, 'national', viewer);
    const codes = new Set(parseCommuneCodes(target.codes));
    const lists = await Promise.all(
      (await departementsOf(knex, [...codes])).map((d) =>
        communeList(knex, d, detail.territory.year, viewer),
      ),
    );
    return {
      detail,
      forecast: null,
      communes: lists.flatMap((l) => l.communes).filter((p) => codes.has(p.code)),
      datasets: lists.flatMap((l) => l.datasets),
    };
  }
  const { level, code } = target;
  const detail = await territoryDetail(knex, level, code, year, 'national', viewer);
  const t = detail.territory;
  const forecast = await territoryForecast(knex, level, code, { year: t.year, viewer }).catch(
    () => null,
  );
  const departement = level === 'departement' ? code : t.departement_code;
  const list = await communeList(knex, departement ?? undefined, t.year, viewer);
  const communes = list.communes.filter((p) =>
    level === 'commune'
      ? p.code === code
      : level === 'epci'
        ? p.epci_code === code
        : level === 'ept'
          ? p.ept_code === code
          : p.departement_code === code,
  );
  return { detail, forecast, communes, datasets: list.datasets };
}

async function departementsOf(knex: Knex, codes: string[]): Promise<string[]> {
  const rows = await knex('commune').whereIn('code', codes).distinct('departement_code');
  return rows.map((r: { departement_code: string }) => r.departement_code).sort();
}

/** The communes of a département (all loaded without one) as the list serves them. */
async function communeList(
  knex: Knex,
  departement: string | undefined,
  year: number,
  viewer: Viewer,
) {
  const { rows, metadata } = await listTerritories(knex, {
    level: 'commune',
    year,
    departement,
    reference: 'national',
    withGeometry: false,
    viewer,
  });
  const communes = rows.map(
    (r) =>
      ({
        ...JSON.parse(r.properties),
        sources: JSON.parse(sourcesJson(r)),
      }) as TerritoryProperties,
  );
  return { communes, datasets: metadata.datasets };
}

/** The evaluation indicators a comparison sets side by side (the page's, lib/report.ts). */
const COMPARED = [
  ['children_under3', 'Enfants de moins de 3 ans'],
  ...HISTORY_FIGURES.filter(([k]) => k.startsWith('places_')),
  ['coverage_rate', 'Taux de couverture global (places pour 100 enfants)'],
] as const;

/**
 * The other report of a comparison: another year of the same territory (or set), or another
 * territory; null when nothing differs from the report itself.
 */
export async function fetchComparison(
  knex: Knex,
  target: ReportTarget,
  report: TerritoryDetail | CustomTerritoryDetail,
  compare: { year?: number; level?: Level; code?: string },
  viewer: Viewer,
): Promise<ReportTables['comparison']> {
  const year = compare.year ?? report.territory.year;
  const other: ReportTarget =
    compare.level && compare.code ? { level: compare.level, code: compare.code } : target;
  const same =
    'codes' in other
      ? 'codes' in target
      : 'level' in target && other.level === target.level && other.code === target.code;
  if (same && year === report.territory.year) return null;
  if ('codes' in other)
    return {
      detail: await customTerritoryDetail(knex, other.codes, year, 'national', viewer),
      forecast: null,
    };
  const detail = await territoryDetail(knex, other.level, other.code, year, 'national', viewer);
  const forecast = await territoryForecast(knex, other.level, other.code, { year, viewer }).catch(
    () => null,
  );
  return { detail, forecast };
}

/** The CSV text (with its BOM) of the report's tables. */
export function reportCsv({
  detail,
  forecast,
  communes,
  datasets,
  comparison,
}: ReportTables): string {
  const t = detail.territory;
  const label = new Map(
    [...datasets, ...detail.datasets, ...(comparison?.detail.datasets ?? [])].map((d) => [
      d.id,
      `${d.name} (${d.vintage})${d.fictional ? ' [fictif]' : ''}`,
    ]),
  );
  const sourcesOf = (ids: number[]) => ids.map((id) => label.get(id) ?? String(id)).join(' | ');
  const observed = t.fictional ? 'observé (fictif)' : 'observé';
  const rows: Row[] = [];
  // A custom set says what it is made of first.
  if ('communes' in detail)
    for (const c of detail.communes)
      rows.push({
        section: 'Composition',
        territoire: t.name,
        code: c.code,
        indicateur: `Commune de l’ensemble : ${c.name}`,
        annee: t.year,
        valeur: null,
        nature: 'ensemble de communes choisi',
        sources: '',
      });
  for (const h of detail.history)
    for (const [key, name] of HISTORY_FIGURES) {
      const secret = h.childminders_secret && h[key] === null;
      rows.push({
        section: 'Historique',
        territoire: t.name,
        code: t.code,
        indicateur: name,
        annee: h.year,
        valeur: secret ? 'secret' : h[key],
        nature: observed,
        sources: sourcesOf(t.sources),
      });
    }
  if (detail.parents.departement)
    rows.push({
      section: 'Références',
      territoire: detail.parents.departement.name,
      code: detail.parents.departement.code,
      indicateur: 'Taux de couverture global du département',
      annee: t.year,
      valeur: detail.parents.departement.coverage_rate,
      nature: observed,
      sources: sourcesOf(t.sources),
    });
  rows.push({
    section: 'Références',
    territoire: 'France',
    code: '',
    indicateur: 'Taux de couverture national',
    annee: detail.national.year,
    valeur: detail.national.rate,
    nature: 'publié',
    sources: detail.national.source,
  });
  if (forecast) {
    const f = forecast.children_under3;
    for (const p of f.points)
      for (const [end, value] of [
        ['valeur centrale', p.central],
        ['borne basse', p.low],
        ['borne haute', p.high],
      ] as const)
        rows.push({
          section: 'Projection',
          territoire: t.name,
          code: t.code,
          indicateur: `Enfants de moins de 3 ans, ${end}`,
          annee: p.year,
          valeur: value,
          nature: `projection : ${f.method_text}`,
          sources: sourcesOf(forecast.sources),
        });
    for (const p of forecast.coverage_rate?.points ?? [])
      for (const [end, value] of [
        ['valeur centrale', p.rate],
        ['borne basse', p.rate_low],
        ['borne haute', p.rate_high],
      ] as const)
        rows.push({
          section: 'Projection',
          territoire: t.name,
          code: t.code,
          indicateur: `Taux sans changement, ${end}`,
          annee: p.year,
          valeur: value,
          nature: 'projection : places reconduites',
          sources: sourcesOf(forecast.sources),
        });
  }
  if (comparison) {
    // Each side as served, then B − A to 0.1 (A: the other report, B: this one).
    const a = comparison.detail.territory;
    const side = (label: string, x: typeof t, key: (typeof COMPARED)[number][0], name: string) =>
      rows.push({
        section: 'Comparaison',
        territoire: `${label} : ${x.name}`,
        code: x.code,
        indicateur: name,
        annee: x.year,
        valeur: x.childminders_secret && x[key] === null ? 'secret' : x[key],
        nature: x.fictional ? 'observé (fictif)' : 'observé',
        sources: sourcesOf(x.sources),
      });
    for (const [key, name] of COMPARED) {
      side('A', a, key, name);
      side('B', t, key, name);
      const [x, y] = [a[key], t[key]];
      rows.push({
        section: 'Comparaison',
        territoire: 'Écart (B − A)',
        code: '',
        indicateur: name,
        annee: `${a.year} → ${t.year}`,
        valeur:
          typeof x === 'number' && typeof y === 'number' ? Math.round((y - x) * 10) / 10 : null,
        nature: 'écart',
        sources: '',
      });
    }
    for (const [label, f, x] of [
      ['A', comparison.forecast, a],
      ['B', forecast, t],
    ] as const)
      for (const p of f?.children_under3.points ?? [])
        rows.push({
          section: 'Comparaison',
          territoire: `${label} : ${x.name}`,
          code: x.code,
          indicateur: `Enfants de moins de 3 ans projetés à +${p.horizon_years} ans (valeur centrale)`,
          annee: p.year,
          valeur: p.central,
          nature: `projection : ${f!.children_under3.method_text}`,
          sources: sourcesOf(f!.sources),
        });
  }
  for (const c of communes)
    for (const [key, name] of [
      ['children_under3', 'Enfants de moins de 3 ans'],
      ['places_total', 'Total des places'],
      ['coverage_rate', 'Taux de couverture global'],
      ['coverage_class', 'Classe d’écart'],
    ] as const)
      rows.push({
        section: 'Communes',
        territoire: c.name,
        code: c.code,
        indicateur: name,
        annee: c.year,
        valeur: c.childminders_secret && c[key] === null ? 'secret' : c[key],
        nature: c.fictional ? 'observé (fictif)' : 'observé',
        sources: sourcesOf(c.sources),
      });

  return stringify(
    rows.map((r) =>
      REPORT_CSV_COLUMNS.map((c) => {
        const v = r[c];
        if (typeof v === 'number') return String(v).replace('.', ',');
        return typeof v === 'string' ? spreadsheetSafe(v) : '';
      }),
    ),
    {
      header: true,
      columns: REPORT_CSV_COLUMNS as unknown as string[],
      delimiter: ';',
      record_delimiter: 'windows',
      bom: true,
    },
  );
}
