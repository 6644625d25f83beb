import { formalPlaces, type Coverage } from './coverage-rate';

/**
 * Where a territory stands against a reference rate, for maps and lists.
 * - `no_data`: no population data (or no usable reference to compare with);
 * - `zone_blanche`: children under 3 and not one formal place (EAJE, AM, MAM);
 * - `small_population`: fewer children than the small-population threshold: unstable rate;
 * - `well_below` / `below` / `near` / `above`: rate ÷ reference against the ratios below;
 * - `incomplete`: a mode of the rate has no data (classWithCompleteness): a lower bound.
 */
export type CoverageClass =
  | 'zone_blanche'
  | 'well_below'
  | 'below'
  | 'near'
  | 'above'
  | 'no_data'
  | 'small_population'
  | 'incomplete';

/**
 * The class of a figure that lacks data for some modes of the rate (`missing`, see
 * completeness.ts): `incomplete` (a lower bound, neither a shortage nor a zone blanche) once its
 * children are known; otherwise the class of `coverageClass`.
 */
export function classWithCompleteness(
  c: Coverage,
  referenceRate: number | null,
  missing: readonly string[],
  options: GapClassOptions = {},
): CoverageClass {
  if (c.childrenUnder3 !== null && missing.length > 0) return 'incomplete';
  return coverageClass(c, referenceRate, options);
}

/**
 * Ratios of rate ÷ reference that separate the classes. Each bound belongs to the class above
 * it: well_below < wellBelowRatio <= below < belowRatio <= near < nearRatio <= above.
 */
export interface GapClassOptions {
  /** Default 0.6: under 60% of the reference (36.5 against the 2023 national 60.9). */
  wellBelowRatio?: number;
  /** Default 0.9: under 90% of the reference. */
  belowRatio?: number;
  /** Default 1.1: from 90% to under 110% of the reference is "near"; 110% and more "above". */
  nearRatio?: number;
}

/**
 * Why these defaults: a ±10% band around the reference (0.9-1.1) is about ±6 points at the
 * national 60.9; in a commune of 60 children under 3, one childminder more or less (4 agreement
 * places × 0.81 = 3.24 places) moves the rate by 5.4 points, so a territory inside the band is
 * "near" rather than ahead or behind. 0.6 marks the territories that need more than
 * a marginal effort: against the 2020 national 58.8 it puts Seine-Saint-Denis (32.2, lowest in
 * metropolitan France) and Guyane (11.1) well below, Mayenne (83.1) above. They are conventions
 * of Berceau, not CNAF thresholds; a Caf may choose its own.
 */
export const DEFAULT_GAP_CLASS_OPTIONS: Readonly<Required<GapClassOptions>> = Object.freeze({
  wellBelowRatio: 0.6,
  belowRatio: 0.9,
  nearRatio: 1.1,
});

/**
 * The gap class of a coverage against a reference rate (places per 100 children under 3: the
 * national rate of the year, or the département's own rate).
 *
 * Order of decision: no population data → `no_data`; children > 0 and no formal place →
 * `zone_blanche` (a count, not a ratio, so it is reported even for a small population; garde à
 * domicile and préscolarisation do not count as formal: a commune with only those is still a
 * zone blanche); fewer children than the threshold (0 included) → `small_population`;
 * no usable reference (null, NaN, ±Infinity) → `no_data`; otherwise the ratio rate ÷ reference
 * against the options. Comparing the ratio (not rate against ratio × reference) keeps exact
 * boundaries exact in floating point: 55 against 50 is 1.1, hence `above`.
 *
 * Throws a RangeError for a reference <= 0 or ratios that are not 0 <= wellBelow <= below <= near.
 */
export function coverageClass(
  c: Coverage,
  referenceRate: number | null,
  options: GapClassOptions = {},
): CoverageClass {
  const { wellBelowRatio, belowRatio, nearRatio } = {
    ...DEFAULT_GAP_CLASS_OPTIONS,
    ...definedOnly(options),
  };
  if (
    ![wellBelowRatio, belowRatio, nearRatio].every(Number.isFinite) ||
    !(0 <= wellBelowRatio && wellBelowRatio <= belowRatio && belowRatio <= nearRatio)
  ) {
    throw new RangeError(
      `Invalid gap class options: need 0 <= wellBelowRatio <= belowRatio <= nearRatio (got ${wellBelowRatio}, ${belowRatio}, ${nearRatio})`,
    );
  }
  if (referenceRate !== null && Number.isFinite(referenceRate) && referenceRate <= 0) {
    throw new RangeError(
      `Invalid reference rate: must be > 0 places per 100 children (got ${referenceRate})`,
    );
  }

  const children = c.childrenUnder3;
  if (children === null) return 'no_data';
  if (children > 0 && formalPlaces(c) === 0) return 'zone_blanche';
  if (c.smallPopulation) return 'small_population';
  if (c.rate === null || referenceRate === null || !Number.isFinite(referenceRate))
    return 'no_data';

  const ratio = c.rate / referenceRate;
  if (ratio < wellBelowRatio) return 'well_below';
  if (ratio < belowRatio) return 'below';
  if (ratio < nearRatio) return 'near';
  return 'above';
}

function definedOnly(options: GapClassOptions): GapClassOptions {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
