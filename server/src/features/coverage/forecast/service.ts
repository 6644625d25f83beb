import type { Knex } from 'knex';
import type { TerritoryForecast } from '../../../../../contract';
import {
  DEFAULT_FORECAST_HORIZONS_YEARS,
  projectChildminderDepartures,
  projectChildrenUnder3,
  projectCoverageRate,
  type ActiveChildminder,
  type BirthsPoint,
  type ChildrenMethod,
  type ChildminderDepartures,
  type ChildrenUnder3Point,
  type PlaceChange,
  type RateVariant,
} from '../../../domain/forecast';
import { NotFound } from '../../../domain/errors';
import { loadQuery } from '../../../db/sql';
import type { SignedInUser } from '../../../domain/accounts';
import { COVERAGE_OPTIONS, datasetsAmong, type Level, type Viewer } from '../../../kernel';
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

/** One year of sql/queries/forecast/territory_births.sql. */
interface BirthsRow {
  year: number;
  births: number;
  communes: number;
  communes_with_births: number;
  dataset_ids: number[];
  fictional: boolean;
}

/** One group of sql/queries/forecast/territory_childminder_ages.sql. */
interface AgesRow {
  birth_year: number | null;
  agreement_places: number;
  in_mam: boolean;
  childminders: number;
  dataset_ids: number[];
  fictional: boolean;
}

/** What the data cannot give: said in every answer rather than guessed. */
const MISSING = {
  births: {
    input: 'births',
    message:
      'Naissances non disponibles (aucun fichier d’état civil importé) : projection sur la seule série des enfants de moins de 3 ans.',
  },
  childminder_ages: {
    input: 'childminder_ages',
    message: 'Âges des assistantes maternelles non disponibles : départs en retraite non projetés.',
  },
} as const satisfies Record<string, TerritoryForecast['missing_inputs'][number]>;

/**
 * A saved scenario's places, read for `user` (a 404 for an unknown id, a 403 outside their
 * territories): the places each change moves per commune, counted as in the rate (MAM places
 * after the under-3 share), on the data of the scenario's year. Wired in http/app.ts from the
 * site finder's saved scenarios and evaluation.
 */
export type ScenarioPlaces = (
  id: number,
  user: SignedInUser,
) => Promise<{
  id: number;
  name: string;
  author: string;
  year: number;
  moves: { commune_code: string; mode: 'eaje' | 'mam'; places: number; label: string }[];
}>;

/**
 * Children under 3 and the "no change" rate of one territory, projected from its own series by
 * the pure forecast module. The territory, its base year, its secrecy and its datasets come from
 * the coverage detail, so that the forecast starts from the figures the dashboard shows.
 */
export async function territoryForecast(
  knex: Knex,
  level: Level,
  code: string,
  options: {
    year?: number;
    horizonsYears?: number[];
    viewer: Viewer;
    /** A saved scenario read for the viewer, with the function reading its places. */
    scenario?: { id: number; user: SignedInUser; places: ScenarioPlaces };
  },
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
  // Births count for a year only when every commune has them, as children do.
  const { rows: birthRows } = (await knex.raw(loadQuery('forecast/territory_births'), {
    level,
    code,
  })) as { rows: BirthsRow[] };
  const completeBirths = birthRows.filter(
    (r) => r.year <= baseYear && r.communes_with_births === r.communes,
  );
  const births: BirthsPoint[] = completeBirths.map((r) => ({ year: r.year, births: r.births }));
  const children = projectChildrenUnder3(
    { baseYear, childrenUnder3: series, ...(births.length > 0 ? { births } : {}) },
    { horizonsYears: options.horizonsYears ?? [...DEFAULT_FORECAST_HORIZONS_YEARS] },
  );
  const birthsUsed = children.method.name === 'cohort';

  const withheld = detail.territory.childminders_secret;
  // Departures are childminder figures: withheld where the base year's are.
  const { rows: ageRows } = withheld
    ? { rows: [] as AgesRow[] }
    : ((await knex.raw(loadQuery('forecast/territory_childminder_ages'), {
        level,
        code,
        year: baseYear,
      })) as { rows: AgesRow[] });
  const departures = ageRows.some((r) => r.birth_year !== null)
    ? projectChildminderDepartures(
        { baseYear, childminders: activeChildminders(ageRows) },
        {
          horizonYears: Math.max(...(options.horizonsYears ?? DEFAULT_FORECAST_HORIZONS_YEARS)),
          amUnder3Share: COVERAGE_OPTIONS.amUnder3Share,
        },
      )
    : null;

  // Read before the rate is withheld, so that its access rule answers alike either way.
  const scenario = options.scenario
    ? await options.scenario.places(options.scenario.id, options.scenario.user)
    : null;
  let inTerritory: Awaited<ReturnType<ScenarioPlaces>>['moves'] = [];
  if (scenario) {
    const { rows: communeRows } = (await knex.raw(loadQuery('forecast/territory_communes'), {
      level,
      code,
    })) as { rows: { code: string }[] };
    const communes = new Set(communeRows.map((r) => r.code));
    inTerritory = scenario.moves.filter((m) => communes.has(m.commune_code));
  }

  let coverageRate: TerritoryForecast['coverage_rate'] = null;
  let coverageRateDepartures: TerritoryForecast['coverage_rate_departures'] = null;
  let coverageRateScenario: TerritoryForecast['coverage_rate_scenario'] = null;
  if (!withheld) {
    const share = COVERAGE_OPTIONS.amUnder3Share;
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
        ...(departures ? { departures } : {}),
        ...(scenario
          ? {
              scenarios: [
                {
                  id: String(scenario.id),
                  name: scenario.name,
                  changes: scenarioChanges(inTerritory, base, share),
                },
              ],
            }
          : {}),
      },
      { amUnder3Share: share },
    );
    const variant = (key: RateVariant['key'], methodText: string) =>
      rateAnswer(
        rate.variants.find((v) => v.key === key)!,
        methodText,
        rate.amUnder3Share,
        detail.territory.coverage_rate,
      );
    coverageRate = variant('no_change', rate.methodText);
    coverageRateDepartures = departures
      ? variant(
          'childminder_departures',
          `${rate.methodText} ; moins les départs : ${departures.methodText.replace(/^Projection : /, '')}`,
        )
      : null;
    if (scenario) {
      const answer = variant(
        'scenario',
        `${rate.methodText} ; avec le scénario « ${scenario.name} » : ses places dans le territoire (MAM comptées à ${share.toLocaleString('fr-FR')}) ajoutées ou retirées à partir de ${baseYear + 1}`,
      );
      const delta = inTerritory.reduce((t, m) => t + m.places, 0);
      coverageRateScenario = {
        ...answer,
        scenario: {
          id: scenario.id,
          name: scenario.name,
          author: scenario.author,
          year: scenario.year,
          places_counted_delta: Math.round(delta * 100) / 100,
          changes: inTerritory.map((m) => ({
            commune_code: m.commune_code,
            label: m.label,
            places_counted: Math.round(m.places * 100) / 100,
          })),
        },
      };
    }
  }

  const used = [
    ...complete.map((r) => r.dataset_ids),
    ...(birthsUsed ? completeBirths.map((r) => r.dataset_ids) : []),
    ...(departures ? ageRows.map((r) => r.dataset_ids) : []),
  ];
  const ids = [...new Set(used.flat())].sort((a, b) => a - b);
  return {
    kind: 'projection',
    label: 'Projection',
    territory: { level, code, name: detail.territory.name },
    base_year: baseYear,
    interval_level: children.intervalLevel,
    children_under3: {
      method: children.method.name,
      parameters: methodParameters(children.method),
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
    coverage_rate_departures: coverageRateDepartures,
    coverage_rate_scenario: coverageRateScenario,
    childminder_departures: departures ? departuresAnswer(departures) : null,
    coverage_rate_withheld: withheld,
    missing_inputs: [
      ...(births.length === 0 ? [MISSING.births] : []),
      ...(!withheld && !departures ? [MISSING.childminder_ages] : []),
    ],
    fictional:
      complete.some((r) => r.fictional) ||
      (birthsUsed && completeBirths.some((r) => r.fictional)) ||
      (departures !== null && ageRows.some((r) => r.fictional)),
    sources: ids,
    datasets: await datasetsAmong(knex, ids),
  };
}

/**
 * A scenario's moves in the territory as changes of the supply by mode, undated (from the year
 * after the base year). MAM places go back to agreement places, the rate counting them with
 * the same share; crèche places removed come from the PSU places first, then the others, as
 * the evaluation does not say which financing a closed crèche had.
 */
function scenarioChanges(
  moves: Awaited<ReturnType<ScenarioPlaces>>['moves'],
  base: SeriesRow,
  share: number,
): PlaceChange[] {
  const sum = (mode: 'eaje' | 'mam') =>
    moves.filter((m) => m.mode === mode).reduce((t, m) => t + m.places, 0);
  const eaje = sum('eaje');
  const psu = eaje >= 0 ? eaje : Math.max(eaje, -base.places_eaje_psu);
  return [
    { mode: 'placesEajePsu', places: psu },
    { mode: 'placesEajeHorsPsu', places: eaje - psu },
    { mode: 'placesAmMam', places: sum('mam') / share },
  ];
}

/** The groups of the ages query as the departures module takes them (one entry per AM). */
function activeChildminders(rows: readonly AgesRow[]): ActiveChildminder[] {
  return rows.flatMap((r) =>
    Array.from({ length: r.childminders }, () => ({
      birthYear: r.birth_year,
      agreementPlaces: r.agreement_places,
      inMam: r.in_mam,
    })),
  );
}

function rateAnswer(
  variant: RateVariant,
  methodText: string,
  amUnder3Share: number,
  baseRate: number | null,
): NonNullable<TerritoryForecast['coverage_rate']> {
  return {
    name: variant.name,
    method_text: methodText,
    am_under3_share: amUnder3Share,
    base_rate: baseRate,
    points: variant.points.map((p) => ({
      year: p.year,
      horizon_years: p.horizonYears,
      places_counted: Math.round(p.placesCounted * 100) / 100,
      rate: round1(p.rate),
      rate_low: round1(p.rateLow),
      rate_high: round1(p.rateHigh),
      small_population: p.smallPopulation,
    })),
    warnings: variant.warnings,
  };
}

function departuresAnswer(d: ChildminderDepartures): TerritoryForecast['childminder_departures'] {
  const tally = (t: { count: number; agreementPlaces: number }) => ({
    count: t.count,
    agreement_places: t.agreementPlaces,
  });
  return {
    method_text: d.methodText,
    retirement_age: d.retirementAge,
    active: tally(d.active),
    known_age: tally(d.knownAge),
    unknown_age: tally(d.unknownAge),
    years: d.years.map((y) => ({
      year: y.year,
      departures: y.departures,
      agreement_places_lost: y.agreementPlacesLost,
      cumulative_departures: y.cumulative.departures,
      cumulative_agreement_places_lost: y.cumulative.agreementPlacesLost,
    })),
    warnings: d.warnings,
  };
}

/**
 * The method's parameters as flat numbers and words, to redo the projection: the cohort
 * method's lists become ranges and its births series method a name with its own parameters.
 */
function methodParameters(method: ChildrenMethod): Record<string, number | string> {
  if (method.name !== 'cohort') return { ...method.parameters };
  const p = method.parameters;
  const flat: Record<string, number | string> = {
    ratio: p.ratio,
    ratioYears: p.ratioYears.join(','),
    birthLags: p.birthLags.join(','),
    birthsMethod: p.birthsMethod.name,
  };
  if (p.ratioSd !== null) flat.ratioSd = p.ratioSd;
  for (const [k, v] of Object.entries(p.birthsMethod.parameters))
    if (typeof v === 'number') flat[`births.${k}`] = v;
  return flat;
}
