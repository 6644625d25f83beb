import { assertValidInput, type CoverageInput } from './inputs';

/** Parameters of the official rate. */
export interface CoverageOptions {
  /**
   * Share of AM agreement places used by children under 3, in [0, 1]. Default 0.81: CNAF's
   * national estimate for 2018 (about 81% of AM places go to under-3s; the rest to older
   * children, before and after school). Use a local share when the Caf publishes one.
   */
  amUnder3Share?: number;
  /**
   * Below this many children under 3 the rate is unstable (one AM more or less moves it by
   * tens of points): the territory is flagged `smallPopulation` and classed `small_population`
   * rather than coloured as extreme. Default 20, as in docs/coverage.md.
   */
  smallPopulationThreshold?: number;
}

/** CNAF's national share of AM places used by under-3s (2018). */
export const DEFAULT_AM_UNDER3_SHARE = 0.81;
/** Fewer children under 3 than this: the rate is flagged as unstable. */
export const DEFAULT_SMALL_POPULATION_THRESHOLD = 20;

/**
 * Places counted in the official rate, by mode. AM places are already multiplied by the under-3
 * share, so they may be fractional. `total` is the sum of the six modes.
 */
export interface CoverageBreakdown {
  eajePsu: number;
  eajeHorsPsu: number;
  amHome: number;
  amMam: number;
  homeCare: number;
  preschool: number;
  total: number;
}

/** The official coverage of one territory for one year. Nothing is rounded. */
export interface Coverage {
  childrenUnder3: number | null;
  places: CoverageBreakdown;
  /**
   * Places per 100 children under 3 (taux de couverture global). Null when there are no
   * children (0) or no population data (null): never 0 by default, since 0 would read as
   * "no place at all". May exceed 100 (a place is not a child).
   */
  rate: number | null;
  /** The same ratio for each mode (and `total`, equal to `rate`); null exactly when `rate` is. */
  rateByMode: Record<keyof CoverageBreakdown, number | null>;
  /**
   * Known population below the threshold (0 included): the rate is unstable, do not colour it
   * as extreme. False when the population is unknown (that is `no_data`, not "small").
   */
  smallPopulation: boolean;
}

/**
 * The official coverage rate (TCG, CNAF / ONAPE) of one territory:
 * rate = 100 × (EAJE PSU + EAJE hors PSU + share × (AM home + AM in MAM) + home care + preschool)
 *        ÷ children under 3.
 * Throws a RangeError on an invalid input or option. Pure: no rounding (see `roundRate`).
 */
export function coverage(input: CoverageInput, options: CoverageOptions = {}): Coverage {
  assertValidInput(input);
  const share = options.amUnder3Share ?? DEFAULT_AM_UNDER3_SHARE;
  const threshold = options.smallPopulationThreshold ?? DEFAULT_SMALL_POPULATION_THRESHOLD;
  if (!Number.isFinite(share) || share < 0 || share > 1) {
    throw new RangeError(
      `Invalid coverage option: amUnder3Share must be a number from 0 to 1 (got ${share})`,
    );
  }
  if (!Number.isFinite(threshold) || threshold < 0) {
    throw new RangeError(
      `Invalid coverage option: smallPopulationThreshold must be a finite number >= 0 (got ${threshold})`,
    );
  }

  const modes = {
    eajePsu: input.placesEajePsu,
    eajeHorsPsu: input.placesEajeHorsPsu,
    amHome: input.placesAmHome * share,
    amMam: input.placesAmMam * share,
    homeCare: input.placesHomeCare,
    preschool: input.placesPreschool,
  };
  const places: CoverageBreakdown = {
    ...modes,
    total:
      modes.eajePsu +
      modes.eajeHorsPsu +
      modes.amHome +
      modes.amMam +
      modes.homeCare +
      modes.preschool,
  };

  const children = input.childrenUnder3;
  const per100 = (p: number): number | null =>
    children !== null && children > 0 ? (100 * p) / children : null;
  const rateByMode = {
    eajePsu: per100(places.eajePsu),
    eajeHorsPsu: per100(places.eajeHorsPsu),
    amHome: per100(places.amHome),
    amMam: per100(places.amMam),
    homeCare: per100(places.homeCare),
    preschool: per100(places.preschool),
    total: per100(places.total),
  };

  return {
    childrenUnder3: children,
    places,
    rate: rateByMode.total,
    rateByMode,
    smallPopulation: children !== null && children < threshold,
  };
}

/**
 * Formal places counted in the rate: EAJE (PSU and hors PSU) and AM (at home and in MAM, after
 * the under-3 share). Garde à domicile and préscolarisation are not formal care modes in
 * Berceau's sense. With children > 0, 0 formal places is a zone blanche.
 */
export function formalPlaces(c: Coverage): number {
  return c.places.eajePsu + c.places.eajeHorsPsu + c.places.amHome + c.places.amMam;
}
