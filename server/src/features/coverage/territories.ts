import type { Knex } from 'knex';
import type { z } from 'zod';
import type {
  referenceInfo,
  territoryDetail as territoryDetailAnswer,
  territoryProperties,
} from '../../../../contract';
import { compareWithCaf, nationalReference, type RateMode } from '../../domain/coverage';
import { exactCovers, type ExactRule } from '../../domain/accounts';
import { NotFound } from '../../domain/errors';
import {
  COVERAGE_OPTIONS,
  datasetsAmong,
  departementNotLoaded,
  pointIsFictional,
  resolveSideYear,
  resolveYear,
  fetchDepartementYears,
  fetchSecrecySetting,
  type CoverageFigureRow,
  type Level,
  type ReferenceKind,
  type Viewer,
} from '../../kernel';
import {
  fetchBboxAndLabel,
  fetchCafRates,
  fetchFacilitiesIn,
  fetchFigure,
  fetchHistory,
  fetchTerritoryList,
  fetchTerritoryYears,
  sourcesJson,
  territoryExists,
  type EajeInside,
  type MamInside,
} from './repository';

/** The properties of a territory as the API serves them (GeoJSON properties, CSV rows). */
export type TerritoryProperties = z.output<typeof territoryProperties>;
type TerritoryDetail = z.output<typeof territoryDetailAnswer>;
type ReferenceInfo = z.output<typeof referenceInfo>;

const round = (x: number | null, digits: number) =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** What a viewer is shown of the childminder figures: the threshold, and where exactly. */
export interface Secrecy {
  threshold: number;
  exact: ExactRule;
}

/**
 * Figures as served: rates to 0.1, places and children to 0.01 (AM places carry the share).
 * Unless `secrecy.exact` covers the territory, a figure flagged by statistical secrecy has its childminder places,
 * and the total and rate they could be subtracted back from, withheld (null).
 */
export function toProperties(
  f: CoverageFigureRow,
  reference: ReferenceKind,
  secrecy: Secrecy,
): TerritoryProperties {
  const hidden =
    f.childminders_secret !== null &&
    !exactCovers(secrecy.exact, {
      level: f.level,
      code: f.code,
      epci_code: f.epci_code,
      departement_code: f.departement_code,
    });
  const childminderFigure = (x: number, digits: number) => (hidden ? null : round(x, digits));
  return {
    code: f.code,
    name: f.name,
    level: f.level,
    epci_code: f.epci_code,
    ept_code: f.ept_code ?? null,
    departement_code: f.departement_code,
    year: f.year,
    children_under3: round(f.children_under3, 2),
    places_eaje_psu: round(f.places_eaje_psu, 2)!,
    places_eaje_hors_psu: round(f.places_eaje_hors_psu, 2)!,
    places_am: childminderFigure(f.places_am, 2),
    places_mam: childminderFigure(f.places_mam, 2),
    places_home_care: round(f.places_home_care, 2)!,
    places_preschool: round(f.places_preschool, 2)!,
    places_total: childminderFigure(f.places_total, 2),
    coverage_rate: hidden ? null : round(f.coverage_rate, 1),
    coverage_class: reference === 'national' ? f.class_national : f.class_departement,
    reference_rate: round(
      reference === 'national' ? f.reference_national : f.reference_departement,
      1,
    ),
    childminders_secret: hidden,
    childminders_below: hidden && f.childminders_secret === 'small' ? secrecy.threshold : null,
    missing_modes: f.missing_modes,
    caf_rate: round(f.caf_rate, 1),
    am_under3_share: f.am_under3_share,
    small_population: f.small_population,
    fictional: f.fictional,
    sources: f.dataset_ids,
  };
}

export function referenceMetadata(
  kind: ReferenceKind,
  year: number,
  departementRate: number | null,
): ReferenceInfo {
  if (kind === 'departement') {
    return {
      kind,
      year,
      rate: round(departementRate, 1),
      carriedForward: false,
      source: 'Taux du département calculé par Berceau',
    };
  }
  const ref = nationalReference(year);
  return {
    kind,
    year: ref?.year ?? null,
    rate: ref?.rate ?? null,
    carriedForward: Boolean(ref && ref.year !== year),
    source: ref?.source ?? null,
  };
}

export interface TerritoryListQuery {
  level: Level;
  year?: number;
  departement?: string;
  reference: ReferenceKind;
  /** False for the CSV, which has no outlines (default true). */
  withGeometry?: boolean;
  viewer: Viewer;
}

/** Rows for the list endpoint (GeoJSON or CSV) and the metadata that explains them. */
export async function listTerritories(knex: Knex, q: TerritoryListQuery) {
  const { year, years } = await resolveYear(knex, q.year, q.departement);
  const rows = await fetchTerritoryList(knex, {
    level: q.level,
    year,
    departement: q.departement ?? null,
    reference: q.reference,
    with_geometry: q.withGeometry ?? true,
    exact: q.viewer.exactFigures,
  });
  // A loaded département outside the Métropole du Grand Paris has no EPT: an empty list.
  if (q.departement && rows.length === 0 && q.level !== 'ept')
    throw departementNotLoaded(q.departement);
  // Most territories share a few source lists: parse each distinct one once.
  const lists = new Set(rows.map((r) => r.dataset_ids));
  const sourceIds = [...lists].flatMap(
    (dataset_ids) => JSON.parse(sourcesJson({ dataset_ids })) as number[],
  );
  const datasets = await datasetsAmong(knex, sourceIds);
  const departementRates = [...new Set(rows.map((r) => r.reference_departement))];
  const shares = [...new Set(rows.map((r) => r.am_under3_share))];
  return {
    rows,
    metadata: {
      level: q.level,
      year,
      years,
      reference: referenceMetadata(
        q.reference,
        year,
        departementRates.length === 1 ? departementRates[0] : null,
      ),
      // The share of the figures listed when they share one (a département's own), else the
      // default; each territory's own is in its properties.
      am_under3_share: shares.length === 1 ? shares[0] : COVERAGE_OPTIONS.amUnder3Share,
      small_population_threshold: COVERAGE_OPTIONS.smallPopulationThreshold,
      secrecy_threshold: (await fetchSecrecySetting(knex)).threshold,
      fictional: rows.some((r) => r.fictional),
      datasets,
    },
  };
}

/** One year of the served properties as a history entry. */
export function historyEntryOf(p: TerritoryProperties): TerritoryDetail['history'][number] {
  return {
    year: p.year,
    children_under3: p.children_under3,
    places_eaje_psu: p.places_eaje_psu,
    places_eaje_hors_psu: p.places_eaje_hors_psu,
    places_am: p.places_am,
    places_mam: p.places_mam,
    places_home_care: p.places_home_care,
    places_preschool: p.places_preschool,
    places_total: p.places_total,
    coverage_rate: p.coverage_rate,
    coverage_class: p.coverage_class,
    reference_rate: p.reference_rate,
    childminders_secret: p.childminders_secret,
    childminders_below: p.childminders_below,
    missing_modes: p.missing_modes,
    caf_rate: p.caf_rate,
    am_under3_share: p.am_under3_share,
  };
}

/** How many EAJE, MAM and childminders a territory holds, as its detail counts them. */
export function supplyPoints(
  supply: { eaje: readonly unknown[]; mam: readonly unknown[]; childminders: number },
  served: Pick<TerritoryProperties, 'childminders_secret'>,
): TerritoryDetail['supply_points'] {
  return {
    eaje: supply.eaje.length,
    mam: supply.mam.length,
    // The count itself is the secret of a withheld figure.
    childminders: served.childminders_secret ? null : supply.childminders,
  };
}

/** The facilities of a territory as its detail lists them. */
export function facilitySummaries(supply: {
  eaje: EajeInside[];
  mam: MamInside[];
}): TerritoryDetail['facilities'] {
  return [
    ...supply.eaje.map((e) => ({
      id: e.id,
      type: 'eaje' as const,
      name: e.name,
      kind: e.kind,
      financing: e.financing,
      places: e.places,
      commune_code: e.commune_code,
      location_approximate: e.location_approximate,
      lon: e.lon,
      lat: e.lat,
    })),
    ...supply.mam.map((m) => ({
      id: m.id,
      type: 'mam' as const,
      name: m.name,
      kind: 'mam' as const,
      financing: null,
      places: m.places,
      childminder_count: m.childminder_count,
      commune_code: m.commune_code,
      location_approximate: m.location_approximate,
      lon: m.lon,
      lat: m.lat,
    })),
  ];
}

/** The latest year with data in the territory's département for which it has a figure. */
async function defaultYearOf(knex: Knex, level: Level, code: string): Promise<number> {
  const history = await fetchHistory(knex, level, code);
  if (history.length === 0)
    throw new NotFound(`No figure for ${level} ${code} yet`, { code: 'no_data' });
  const own = history.map((h) => h.year);
  const departement = level === 'departement' ? code : history[0].departement_code;
  const years = departement ? await fetchDepartementYears(knex, departement) : own;
  const usable = years.filter((y) => own.includes(y));
  return usable.length > 0 ? usable[usable.length - 1] : own[own.length - 1];
}

/** One territory: its figures for the year, its history, parents, references, supply. */
export async function territoryDetail(
  knex: Knex,
  level: Level,
  code: string,
  yearParam: number | undefined,
  reference: ReferenceKind,
  viewer: Viewer,
): Promise<TerritoryDetail> {
  if (!(await territoryExists(knex, level, code))) {
    throw new NotFound(`Unknown ${level} "${code}"`, { details: { field: 'params.code' } });
  }
  // By default, the latest year with data in the territory's own département (not the latest
  // of every loaded territory: an imported census may stop before the demo's last year).
  const year = yearParam ?? (await defaultYearOf(knex, level, code));
  const figure = await fetchFigure(knex, level, code, year);
  if (!figure) {
    const available = await fetchTerritoryYears(knex, level, code);
    throw new NotFound(
      `No data for ${level} ${code} in ${year}; available years: ${available.join(', ')}`,
      { code: 'year_not_available', details: { field: 'query.year', available } },
    );
  }
  const [history, place, supply, setting, cafRates] = await Promise.all([
    fetchHistory(knex, level, code),
    fetchBboxAndLabel(knex, level, code),
    fetchFacilitiesIn(knex, { level, code }, year),
    fetchSecrecySetting(knex),
    figure.fictional ? Promise.resolve([]) : fetchCafRates(knex, level, code, year),
  ]);
  const secrecy: Secrecy = { threshold: setting.threshold, exact: viewer.exactFigures };
  const properties = toProperties(figure, reference, secrecy);
  const parent = async (parentLevel: Level, parentCode: string | null) => {
    if (!parentCode || parentLevel === level) return undefined;
    const f = await fetchFigure(knex, parentLevel, parentCode, year);
    if (!f) return undefined;
    return {
      code: f.code,
      name: f.name,
      coverage_rate: toProperties(f, reference, secrecy).coverage_rate,
    };
  };
  const ids = new Set(history.flatMap((h) => h.dataset_ids));
  return {
    territory: {
      ...properties,
      label_point: [place.label_lon, place.label_lat],
    },
    bbox: [place.min_lon, place.min_lat, place.max_lon, place.max_lat],
    history: history.map((h) => historyEntryOf(toProperties(h, reference, secrecy))),
    parents: {
      epci: await parent('epci', figure.epci_code),
      ept: await parent('ept', figure.ept_code),
      departement: await parent('departement', figure.departement_code),
    },
    national: referenceMetadata('national', year, null),
    reference: referenceMetadata(reference, year, figure.reference_departement),
    supply_points: supplyPoints(supply, properties),
    facilities: facilitySummaries(supply),
    am_under3_share: figure.am_under3_share,
    secrecy_threshold: setting.threshold,
    datasets: await datasetsAmong(knex, ids),
    caf: cafBeside(figure, properties, cafRates),
  };
}

/**
 * The Caf's published rate beside Berceau's, mode by mode; null without a Caf rate, or when
 * Berceau's rate is withheld (its childminder places could be subtracted back from the gap).
 */
function cafBeside(
  f: CoverageFigureRow,
  served: TerritoryProperties,
  rates: { measure: string; value: number; dataset_id: number }[],
): TerritoryDetail['caf'] {
  if (rates.length === 0 || served.childminders_secret) return null;
  const per100 = (p: number) =>
    f.children_under3 !== null && f.children_under3 > 0 ? (100 * p) / f.children_under3 : null;
  const comparison = compareWithCaf(
    f.coverage_rate,
    {
      eaje: per100(f.places_eaje_psu + f.places_eaje_hors_psu),
      am: per100(f.places_am + f.places_mam),
      home_care: per100(f.places_home_care),
      preschool: per100(f.places_preschool),
    },
    Object.fromEntries(rates.map((r) => [r.measure, r.value])),
    f.missing_modes as RateMode[],
  );
  if (!comparison) return null;
  return {
    rate: round(comparison.rate, 1)!,
    difference: round(comparison.difference, 1),
    modes: comparison.modes.map((m) => ({
      mode: m.mode,
      berceau: round(m.berceau, 1),
      caf: round(m.caf, 1),
      difference: round(m.difference, 1),
    })),
    differing: comparison.differing,
    source: rates.find((r) => r.measure === 'txcouv')!.dataset_id,
  };
}

/**
 * The latest year with figures of the département, or else of the side of the data (real or
 * fictional: kernel/fiction.ts) at `point`; null when nothing is loaded.
 */
export async function latestYear(
  knex: Knex,
  departement: string | undefined,
  point: { lon: number; lat: number },
): Promise<number | null> {
  try {
    if (departement) return (await resolveYear(knex, undefined, departement)).year;
    const fictional = await pointIsFictional(knex, point.lon, point.lat);
    if (fictional === null) return null;
    return (await resolveSideYear(knex, undefined, fictional)).year;
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}
