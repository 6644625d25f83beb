import type { Knex } from 'knex';
import type { TerritoryForecast } from '../../../../../contract';
import {
  DEFAULT_FORECAST_HORIZONS_YEARS,
  projectChildrenUnder3,
  projectCoverageRate,
  type ChildrenUnder3Point,
} from '../../../domain/forecast';
import { NotFound } from '../../../domain/errors';
import { loadQuery } from '../../../db/sql';
import { COVERAGE_OPTIONS, type Level, type Viewer } from '../../../kernel';
import { territoryDetail } from '../territories';

/** One year of sql/queries/forecast/territory_series.sql. */
interface SeriesRow {
  year: number;
  children_under3: number | null;
  communes: number;
  communes_with_children: number;
  estimate_rows: number;
  places_eaje_psu: number;
  places_eaje_hors_psu: number;
  places_am_home: number;
  places_am_mam: number;
  places_home_care: number;
  places_preschool: number;
  dataset_ids: number[];
  fictional: boolean;
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

/** What the data cannot give yet: said in every answer rather than guessed. */
const MISSING_INPUTS: TerritoryForecast['missing_inputs'] = [
  {
    input: 'births',
    message:
      'Naissances non disponibles (aucun fichier d’état civil importé) : projection sur la seule série des enfants de moins de 3 ans.',
  },
  {
    input: 'childminder_ages',
    message: 'Âges des assistantes maternelles non disponibles : départs en retraite non projetés.',
  },
];

/**
 * Children under 3 and the "no change" rate of one territory, projected from its own series by
 * the pure forecast module. The territory, its base year, its secrecy and its datasets come from
 * the coverage detail, so that the forecast starts from the figures the dashboard shows.
 */
export async function territoryForecast(
  knex: Knex,
  level: Level,
  code: string,
  options: { year?: number; horizonsYears?: number[]; viewer: Viewer },
): Promise<TerritoryForecast> {
  const detail = await territoryDetail(knex, level, code, options.year, 'national', options.viewer);
  const baseYear = detail.territory.year;
  const { rows } = (await knex.raw(loadQuery('forecast/territory_series'), { level, code })) as {
    rows: SeriesRow[];
  };
  // A year counts only when every commune of today's territory has its figure: a partial sum
  // would look like a fall in children.
  const complete = rows.filter(
    (r) =>
      r.year <= baseYear && r.children_under3 !== null && r.communes_with_children === r.communes,
  );
  const base = rows.find((r) => r.year === baseYear);
  if (!base || !complete.some((r) => r.year === baseYear))
    throw new NotFound(`No children under 3 for ${level} ${code} in ${baseYear} to project from`, {
      code: 'no_data',
      details: { field: 'query.year', available: complete.map((r) => r.year) },
    });
  const series: ChildrenUnder3Point[] = complete.map((r) => ({
    year: r.year,
    childrenUnder3: r.children_under3!,
    ...(r.estimate_rows === 0
      ? { source: 'census' as const }
      : r.estimate_rows === r.communes
        ? { source: 'estimate' as const }
        : {}),
  }));
  const children = projectChildrenUnder3(
    { baseYear, childrenUnder3: series },
    { horizonsYears: options.horizonsYears ?? [...DEFAULT_FORECAST_HORIZONS_YEARS] },
  );

  const withheld = detail.territory.childminders_secret;
  let coverageRate: TerritoryForecast['coverage_rate'] = null;
  if (!withheld) {
    const rate = projectCoverageRate(
      {
        supply: {
          placesEajePsu: base.places_eaje_psu,
          placesEajeHorsPsu: base.places_eaje_hors_psu,
          placesAmHome: base.places_am_home,
          placesAmMam: base.places_am_mam,
          placesHomeCare: base.places_home_care,
          placesPreschool: base.places_preschool,
        },
        children,
      },
      { amUnder3Share: COVERAGE_OPTIONS.amUnder3Share },
    );
    const noChange = rate.variants.find((v) => v.key === 'no_change')!;
    coverageRate = {
      name: noChange.name,
      method_text: rate.methodText,
      am_under3_share: rate.amUnder3Share,
      base_rate: detail.territory.coverage_rate,
      points: noChange.points.map((p) => ({
        year: p.year,
        horizon_years: p.horizonYears,
        places_counted: Math.round(p.placesCounted * 100) / 100,
        rate: round1(p.rate),
        rate_low: round1(p.rateLow),
        rate_high: round1(p.rateHigh),
        small_population: p.smallPopulation,
      })),
      warnings: noChange.warnings,
    };
  }

  const ids = [...new Set(complete.flatMap((r) => r.dataset_ids))].sort((a, b) => a - b);
  return {
    kind: 'projection',
    label: 'Projection',
    territory: { level, code, name: detail.territory.name },
    base_year: baseYear,
    interval_level: children.intervalLevel,
    children_under3: {
      method: children.method.name,
      parameters: children.method.parameters as unknown as Record<string, number | string>,
      method_text: children.methodText,
      history: children.history,
      points: children.points.map((p) => ({
        year: p.year,
        horizon_years: p.horizonYears,
        central: round1(p.central)!,
        low: round1(p.low)!,
        high: round1(p.high)!,
      })),
      warnings: children.warnings,
    },
    coverage_rate: coverageRate,
    coverage_rate_withheld: withheld,
    missing_inputs: MISSING_INPUTS,
    fictional: complete.some((r) => r.fictional),
    sources: ids,
    datasets: detail.datasets.filter((d) => ids.includes(d.id)),
  };
}
