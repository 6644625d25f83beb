/**
 * A custom set of communes taken as one territory (the report of communes listed): its figures
 * are sums over its communes' stored figures, as an EPCI's are (places and children summed mode
 * by mode, the rate computed from the sums, never an average of rates), with the same rounding,
 * gap classes and references as any territory's detail.
 */
import type { Knex } from 'knex';
import type { CustomTerritoryDetail } from '../../../../contract';
import {
  coverage,
  missingOfParts,
  nationalReference,
  sumInputs,
  type RateMode,
} from '../../domain/coverage';
import { NotFound } from '../../domain/errors';
import {
  COVERAGE_OPTIONS,
  datasetsAmong,
  fetchDepartementYears,
  fetchSecrecySetting,
  figureRow,
  type CoverageFigureRow,
  type ReferenceKind,
  type Viewer,
} from '../../kernel';
import {
  fetchBboxAndLabelOf,
  fetchCommuneFigures,
  fetchCommunesOf,
  fetchFacilitiesIn,
  fetchFigure,
} from './repository';
import {
  facilitySummaries,
  supplyPoints,
  historyEntryOf,
  referenceMetadata,
  toProperties,
  type Secrecy,
} from './territories';

/** `93027,93001,93001` → ['93001', '93027']. */
export function parseCommuneCodes(text: string): string[] {
  return [...new Set(text.split(','))].sort();
}

/**
 * The figure of the set for one year from its communes' figures (all of them present). The
 * stored AM places already carry the under-3 share: summed with a share of 1.
 */
function sumOfFigures(
  members: readonly CoverageFigureRow[],
  departement: string,
  departementRate: number | null,
  threshold: number,
): CoverageFigureRow {
  const c = coverage(
    sumInputs(
      members.map((m) => ({
        childrenUnder3: m.children_under3,
        placesEajePsu: m.places_eaje_psu,
        placesEajeHorsPsu: m.places_eaje_hors_psu,
        placesAmHome: m.places_am,
        placesAmMam: m.places_mam,
        placesHomeCare: m.places_home_care,
        placesPreschool: m.places_preschool,
      })),
    ),
    { ...COVERAGE_OPTIONS, amUnder3Share: 1 },
  );
  const year = members[0].year;
  const national = nationalReference(year)?.rate ?? null;
  const childminders = members.reduce((s, m) => s + m.childminders, 0);
  const atHome = members.reduce((s, m) => s + m.childminders_at_home, 0);
  const small = [childminders, atHome].some((n) => n >= 1 && n < threshold);
  // A mode missing in any commune is missing in the set, as for an EPCI.
  const missing = missingOfParts(members.map((m) => m.missing_modes as RateMode[]));
  const figure = figureRow(
    {
      level: 'commune', // replaced by 'custom' when served
      code: '',
      year,
      name: '',
      epci_code: null,
      ept_code: null,
      departement_code: departement,
      fictional: members.some((m) => m.fictional),
      dataset_ids: [...new Set(members.flatMap((m) => m.dataset_ids))].sort((a, b) => a - b),
      childminders,
      childminders_at_home: atHome,
      missing_modes: missing,
      // The Caf publishes no rate for a set of communes.
      caf_rate: null,
      am_under3_share: amShareOf(members),
    },
    c,
    national,
    departementRate,
  );
  return {
    ...figure,
    // Withheld when small, and whenever a member's are: the figures of two sets differing by
    // one commune would otherwise give that commune's back by subtraction.
    childminders_secret: small
      ? 'small'
      : members.some((m) => m.childminders_secret !== null)
        ? 'complementary'
        : null,
  };
}

/**
 * The under-3 share of the set's childminder places: its communes' one share, or their shares
 * weighted by their childminder places (the first commune's when none has any).
 */
function amShareOf(members: readonly CoverageFigureRow[]): number {
  const shares = new Set(members.map((m) => m.am_under3_share));
  if (shares.size === 1) return members[0].am_under3_share;
  let places = 0;
  let weighted = 0;
  for (const m of members) {
    const p = (m.places_am ?? 0) + (m.places_mam ?? 0);
    places += p;
    weighted += p * m.am_under3_share;
  }
  return places > 0 ? weighted / places : members[0].am_under3_share;
}

/** The set's name: « Ensemble de 3 communes ». */
export function customSetName(count: number): string {
  return `Ensemble de ${count} communes`;
}

/** A custom set of communes as one territory: figures, history, references, supply. */
export async function customTerritoryDetail(
  knex: Knex,
  codesText: string,
  yearParam: number | undefined,
  reference: ReferenceKind,
  viewer: Viewer,
): Promise<CustomTerritoryDetail> {
  const codes = parseCommuneCodes(codesText);
  const communes = await fetchCommunesOf(knex, codes);
  const unknown = codes.filter((c) => !communes.some((k) => k.code === c));
  if (unknown.length > 0)
    throw new NotFound(`Communes not loaded: ${unknown.join(', ')}`, {
      details: { field: 'query.codes' },
    });
  if (communes.length < 2)
    throw new NotFound('A custom set needs at least two communes', {
      details: { field: 'query.codes' },
    });
  // The département most of them are in: its rate is the set's département reference.
  const tally = new Map<string, number>();
  for (const c of communes) tally.set(c.departement_code, (tally.get(c.departement_code) ?? 0) + 1);
  const departement = [...tally.entries()].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0][0];

  // Years for which every commune of the set has a figure.
  const byYear = new Map<number, CoverageFigureRow[]>();
  for (const f of await fetchCommuneFigures(knex, codes))
    byYear.set(f.year, [...(byYear.get(f.year) ?? []), f]);
  const years = [...byYear.keys()]
    .filter((y) => byYear.get(y)!.length === codes.length)
    .sort((a, b) => a - b);
  if (years.length === 0)
    throw new NotFound('No year has figures for every commune of the set', { code: 'no_data' });
  const departementYears = await fetchDepartementYears(knex, departement);
  const usableYears = years.filter((y) => departementYears.includes(y));
  const year = yearParam ?? usableYears.at(-1) ?? years.at(-1)!;
  if (!years.includes(year))
    throw new NotFound(
      `No data for every commune of the set in ${year}; available years: ${years.join(', ')}`,
      { code: 'year_not_available', details: { field: 'query.year', available: years } },
    );

  const setting = await fetchSecrecySetting(knex);
  const secrecy: Secrecy = { threshold: setting.threshold, exact: viewer.exactFigures };
  const name = customSetName(codes.length);
  const departementFigures = new Map<number, CoverageFigureRow | undefined>();
  for (const y of years)
    departementFigures.set(y, await fetchFigure(knex, 'departement', departement, y));
  const figureOf = (y: number) => {
    const row = sumOfFigures(
      byYear.get(y)!,
      departement,
      departementFigures.get(y)?.coverage_rate ?? null,
      setting.threshold,
    );
    return { ...row, code: codes.join(','), name };
  };
  const history = years.map(figureOf);
  const figure = history.find((h) => h.year === year)!;
  const properties = { ...toProperties(figure, reference, secrecy), level: 'custom' as const };
  const [place, supply] = await Promise.all([
    fetchBboxAndLabelOf(knex, codes),
    fetchFacilitiesIn(knex, { codes }, year),
  ]);
  const dep = departementFigures.get(year);
  return {
    territory: { ...properties, label_point: [place.label_lon, place.label_lat] },
    bbox: [place.min_lon, place.min_lat, place.max_lon, place.max_lat],
    history: history.map((h) => historyEntryOf(toProperties(h, reference, secrecy))),
    parents: {
      departement: dep
        ? {
            code: dep.code,
            name: dep.name,
            coverage_rate: toProperties(dep, reference, secrecy).coverage_rate,
          }
        : undefined,
    },
    national: referenceMetadata('national', year, null),
    reference: referenceMetadata(reference, year, figure.reference_departement),
    supply_points: supplyPoints(supply, properties),
    facilities: facilitySummaries(supply),
    am_under3_share: figure.am_under3_share,
    secrecy_threshold: setting.threshold,
    datasets: await datasetsAmong(knex, new Set(history.flatMap((h) => h.dataset_ids))),
    // The Caf publishes no rate for a set of communes.
    caf: null,
    communes: communes.map((c) => ({ code: c.code, name: c.name })),
  };
}
