import {
  DEFAULT_AM_UNDER3_SHARE,
  SUPPLY_FIELDS,
  assertValidInput,
  coverage,
  type SupplyInput,
} from '../coverage';
import type { ChildrenProjection } from './children';
import type { ChildminderDepartures } from './departures';
import type { ForecastWarning } from './types';

/**
 * The coverage rate projected: the official rate (coverage module) of the projected supply over
 * the projected children under 3, for "no change", "no change minus childminder departures",
 * and scenarios of added or removed places. The rate's low and high come from the children's
 * range only (the high end of children gives the low rate): places are taken as given.
 */

export type SupplyField = (typeof SUPPLY_FIELDS)[number];

/** Places added or removed from a year on, in one mode (AM modes: agreement places). */
export interface PlaceChange {
  /** First year the change counts in; absent: from the first projected year. */
  year?: number;
  mode: SupplyField;
  /** Places added (> 0) or removed (< 0). */
  places: number;
  /** What it is, for display ("Micro-crèche des Tilleuls"). */
  label?: string;
}

/** A named set of changes, as the site finder saves them. */
export interface RateScenario {
  id: string;
  name: string;
  changes: readonly PlaceChange[];
  /** Also take away the projected childminder departures (default false). */
  withChildminderDepartures?: boolean;
}

export interface RateForecastInput {
  /** Supply of the base year, by mode, as the coverage module takes it (AM: agreement places). */
  supply: SupplyInput;
  children: ChildrenProjection;
  /** Needed for the "departures" variant and for scenarios that take departures away. */
  departures?: ChildminderDepartures;
  scenarios?: readonly RateScenario[];
}

export interface RateForecastOptions {
  /** Share of AM places used by under-3s (default: the departures', else 0.81). */
  amUnder3Share?: number;
}

export interface RatePoint {
  year: number;
  horizonYears: number;
  /** Projected supply by mode (AM: agreement places, before the under-3 share). */
  supply: SupplyInput;
  /** Places counted in the rate (AM after the share). */
  placesCounted: number;
  childrenUnder3: { central: number; low: number; high: number };
  /** Places per 100 children under 3 at the central children; null when children are 0. */
  rate: number | null;
  /** At the high end of children. */
  rateLow: number | null;
  /** At the low end of children; null when that end is 0 (no upper bound). */
  rateHigh: number | null;
  /** Fewer than 20 children at the central value: the rate is unstable. */
  smallPopulation: boolean;
}

export interface RateVariant {
  key: 'no_change' | 'childminder_departures' | 'scenario';
  /** The scenario's id (null for the two reference variants). */
  scenarioId: string | null;
  /** French label: "Sans changement", or the scenario's name. */
  name: string;
  withChildminderDepartures: boolean;
  points: RatePoint[];
  warnings: ForecastWarning[];
}

export interface RateProjection {
  kind: 'projection';
  quantity: 'coverage_rate';
  baseYear: number;
  intervalLevel: number;
  amUnder3Share: number;
  variants: RateVariant[];
  methodText: string;
}

/** Projects the coverage rate for each horizon of the children projection. */
export function projectCoverageRate(
  input: RateForecastInput,
  options: RateForecastOptions = {},
): RateProjection {
  const { children, departures } = input;
  assertValidInput({ ...input.supply, childrenUnder3: null }, 'rate forecast supply');
  const share = options.amUnder3Share ?? departures?.amUnder3Share ?? DEFAULT_AM_UNDER3_SHARE;
  const baseYear = children.baseYear;
  const years = children.points.map((p) => p.year);
  if (departures) {
    if (departures.baseYear !== baseYear)
      throw new RangeError(
        `Invalid rate forecast input: departures start from ${departures.baseYear}, children from ${baseYear}`,
      );
    if (departures.amUnder3Share !== share)
      throw new RangeError(
        `Invalid rate forecast input: departures use an under-3 share of ${departures.amUnder3Share}, the rate ${share}`,
      );
    const covered = new Set(departures.years.map((d) => d.year));
    const missing = years.filter((y) => !covered.has(y));
    if (missing.length > 0)
      throw new RangeError(
        `Invalid rate forecast input: departures are not projected for ${missing.join(', ')}`,
      );
  }
  const scenarios = input.scenarios ?? [];
  scenarios.forEach((s, i) => checkScenario(s, i, departures !== undefined));

  const variant = (
    key: RateVariant['key'],
    scenario: RateScenario | null,
    name: string,
    withDepartures: boolean,
  ): RateVariant => {
    const warnings: ForecastWarning[] = [];
    const past = (scenario?.changes ?? []).filter(
      (c) => c.year !== undefined && c.year <= baseYear,
    );
    if (past.length > 0)
      warnings.push({
        code: 'change_before_base_year',
        message: `${past.length} changement${past.length > 1 ? 's' : ''} daté${past.length > 1 ? 's' : ''} de ${baseYear} ou avant : compté${past.length > 1 ? 's' : ''} à partir de ${baseYear + 1}.`,
      });
    const negative = new Set<number>();
    const points = children.points.map((c) => {
      const supply: SupplyInput = { ...input.supply };
      for (const change of scenario?.changes ?? [])
        if ((change.year ?? baseYear + 1) <= c.year) supply[change.mode] += change.places;
      if (withDepartures && departures) {
        const lost = departures.years.find((d) => d.year === c.year)!.cumulative;
        supply.placesAmHome -= lost.homeAgreementPlacesLost;
        supply.placesAmMam -= lost.mamAgreementPlacesLost;
      }
      for (const field of SUPPLY_FIELDS)
        if (supply[field] < 0) {
          negative.add(c.year);
          supply[field] = 0;
        }
      const at = (n: number) =>
        coverage({ ...supply, childrenUnder3: n }, { amUnder3Share: share });
      const central = at(c.central);
      return {
        year: c.year,
        horizonYears: c.horizonYears,
        supply,
        placesCounted: central.places.total,
        childrenUnder3: { central: c.central, low: c.low, high: c.high },
        rate: central.rate,
        rateLow: at(c.high).rate,
        rateHigh: at(c.low).rate,
        smallPopulation: central.smallPopulation,
      };
    });
    if (negative.size > 0)
      warnings.push({
        code: 'places_below_zero',
        message: `Plus de places retirées que de places existantes en ${[...negative].join(', ')} : ramenées à 0.`,
        years: [...negative],
      });
    return {
      key,
      scenarioId: scenario?.id ?? null,
      name,
      withChildminderDepartures: withDepartures,
      points,
      warnings,
    };
  };

  const variants = [variant('no_change', null, 'Sans changement', false)];
  if (departures)
    variants.push(
      variant(
        'childminder_departures',
        null,
        'Sans changement, moins les départs d’assistantes maternelles',
        true,
      ),
    );
  for (const s of scenarios)
    variants.push(variant('scenario', s, s.name, s.withChildminderDepartures ?? false));

  const childrenText = children.methodText.replace(/^Projection : /, '');
  return {
    kind: 'projection',
    quantity: 'coverage_rate',
    baseYear,
    intervalLevel: children.intervalLevel,
    amUnder3Share: share,
    variants,
    methodText: `Projection : places de ${baseYear} reconduites (hors départs et scénarios) sur les enfants de moins de 3 ans projetés (${childrenText}) ; la fourchette du taux ne tient qu’à celle des enfants`,
  };
}

function checkScenario(s: RateScenario, i: number, hasDepartures: boolean): void {
  const where = `scenarios[${i}]`;
  const bad = (field: string, rule: string, got: unknown) =>
    new RangeError(`Invalid rate forecast input: ${where}${field} ${rule} (got ${String(got)})`);
  if (typeof s?.id !== 'string' || s.id === '') throw bad('.id', 'must be a non-empty text', s?.id);
  if (typeof s.name !== 'string' || s.name === '')
    throw bad('.name', 'must be a non-empty text', s.name);
  if (!Array.isArray(s.changes)) throw bad('.changes', 'must be a list', s.changes);
  if (s.withChildminderDepartures && !hasDepartures)
    throw bad('.withChildminderDepartures', 'needs the departures projection', true);
  s.changes.forEach((c, j) => {
    const at = `.changes[${j}]`;
    if (!(SUPPLY_FIELDS as readonly string[]).includes(c?.mode))
      throw bad(`${at}.mode`, `must be one of ${SUPPLY_FIELDS.join(', ')}`, c?.mode);
    if (typeof c.places !== 'number' || !Number.isFinite(c.places))
      throw bad(`${at}.places`, 'must be a finite number', c.places);
    if (c.year !== undefined && !Number.isInteger(c.year))
      throw bad(`${at}.year`, 'must be an integer', c.year);
  });
}
