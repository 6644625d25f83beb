/**
 * The accessibility rate of each commune, EPCI, EPT and département beside its official rate, and the
 * flows that explain the difference (docs/accessibility.md, "Leakage"): the engine's `zoneFlows`
 * over one computation, with each cell and site given the territory its commune belongs to.
 */
import { zoneFlows } from '../../domain/accessibility';
import { fetchTerritories, type TerritoryLevel, type TerritoryRow } from './repository';
import type { AccessibilityRun, AccessibilityService } from './service';

export const TERRITORY_LEVELS: readonly TerritoryLevel[] = [
  'commune',
  'epci',
  'ept',
  'departement',
];

/** A territory's figures (children and places to 0.01, rates to 0.1). */
export interface TerritoryAccess {
  level: TerritoryLevel;
  code: string;
  name: string;
  /** The official rate (every mode, inside the lines); null: no figure, or withheld. */
  official_rate: number | null;
  /** Children under 3 of the grid cells of the territory (the accessibility rate's denominator). */
  children: number;
  /** Places of the modes counted at the territory's sites. */
  places: number;
  /** 100 × places ÷ children: the same places, counted inside the lines. */
  places_rate: number | null;
  /** Places reachable per 100 children, population-weighted over the territory's cells. */
  accessibility_rate: number | null;
  places_used_by_residents: number;
  places_used_by_outsiders: number;
  places_used_outside: number;
  places_unreached: number;
  /** Some of its children are placed by the estimate, not INSEE's grid ("estimé"). */
  estimated: boolean;
}

const round = (x: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/** The figures of every territory of `level` for one computation, by code. */
export function territoryFigures(
  run: AccessibilityRun,
  level: TerritoryLevel,
  territories: readonly TerritoryRow[],
): TerritoryAccess[] {
  const listed = territories.filter((t) => t.level === level);
  const zone = new Map(listed.map((t, z) => [t.code, z]));
  const codeOf = (r: {
    commune_code: string;
    epci_code: string | null;
    ept_code: string | null;
    departement_code: string;
  }) =>
    level === 'commune'
      ? r.commune_code
      : level === 'epci'
        ? r.epci_code
        : level === 'ept'
          ? r.ept_code
          : r.departement_code;
  const zoneOf = (r: Parameters<typeof codeOf>[0]) => zone.get(codeOf(r) ?? '') ?? -1;
  const demandZone = Int32Array.from(run.cells, zoneOf);
  const estimated = new Uint8Array(listed.length);
  run.cells.forEach((c, i) => {
    if (c.estimated && demandZone[i] >= 0) estimated[demandZone[i]] = 1;
  });
  const flows = zoneFlows(run.catchment, run.supply, {
    demandZone,
    siteZone: Int32Array.from(run.sites, zoneOf),
    zoneCount: listed.length,
  });
  return listed.map((t, z) => {
    const children = flows.children[z];
    const rate = (x: number) => (children > 0 ? round((100 * x) / children, 1) : null);
    return {
      level,
      code: t.code,
      name: t.name,
      official_rate: t.coverage_rate === null ? null : round(t.coverage_rate, 1),
      children: round(children, 2),
      places: round(flows.places[z], 2),
      places_rate: rate(flows.places[z]),
      accessibility_rate: rate(flows.accessiblePlaces[z]),
      places_used_by_residents: round(flows.placesUsedByResidents[z], 2),
      places_used_by_outsiders: round(flows.placesUsedByOutsiders[z], 2),
      places_used_outside: round(flows.placesUsedOutside[z], 2),
      places_unreached: round(flows.placesUnreached[z], 2),
      estimated: estimated[z] === 1,
    };
  });
}

/** The figures of every territory of `level` (or of every level) for one computation. */
export async function territoryAccessibility(
  service: AccessibilityService,
  run: AccessibilityRun,
  levels: readonly TerritoryLevel[] = TERRITORY_LEVELS,
): Promise<TerritoryAccess[]> {
  const territories = await fetchTerritories(service.knex, {
    year: run.year,
    exact: run.exact,
    fictional: run.side,
  });
  return levels.flatMap((level) => territoryFigures(run, level, territories));
}
