/**
 * The shapes every projection shares. All are plain data (JSON as they are), unrounded, and
 * carry `kind: 'projection'` and a French `methodText` so that no screen can show them as
 * observed figures.
 */

/** One year and one observed value (children under 3, or births). */
export interface YearValue {
  year: number;
  value: number;
}

/** A projected value for one year, with its interval. All ≥ 0 (clamped). */
export interface ProjectedValue {
  year: number;
  /** Years after the base year. */
  horizonYears: number;
  central: number;
  low: number;
  high: number;
}

/** How one series was projected, with the parameters a reader needs to redo it. */
export type SeriesMethod =
  | {
      name: 'linear_trend';
      parameters: {
        /** Least-squares change per year (in children, or births, per year). */
        slopePerYear: number;
        /** The fitted line at the mean year of the series. */
        levelAtMeanYear: number;
        meanYear: number;
        /** Standard deviation of the residuals around the line. */
        residualSd: number;
        /**
         * The σ of the forecast errors: `residualSd`, or, for a series exactly on a line (no
         * residual to learn from), √levelAtMeanYear, the chance variation of a count of births.
         */
        forecastSd: number;
        sdBasis: 'residuals' | 'chance_of_small_counts';
        points: number;
        /** n − 2 for the Student quantile of the interval; Infinity (normal) on the chance basis. */
        degreesOfFreedom: number;
      };
    }
  | {
      name: 'constant';
      parameters: {
        /** The last observed value, carried forward. */
        level: number;
        levelYear: number;
        /** Spread of a one-year change; the range grows as its × √(years after `levelYear`). */
        sdPerYear: number;
        /**
         * Where `sdPerYear` comes from: the observed year-to-year changes, or (when larger, and
         * always for a series without variation) the chance variation of births counted as
         * Poisson events: a one-year change of a sum of `c` yearly cohorts has variance 2 × level / c.
         */
        sdBasis: 'year_to_year_changes' | 'chance_of_small_counts';
      };
    };

/** Why a projection deserves caution. `message` is French, for display. */
export interface ForecastWarning {
  code:
    | 'too_short'
    | 'flat'
    | 'noisy'
    | 'break'
    | 'gap'
    | 'perfect_fit'
    | 'small_population'
    | 'mixed_sources'
    | 'clamped_at_zero'
    | 'no_births_ratio'
    | 'single_year_ratio'
    | 'births_behind_children'
    | 'unknown_age'
    | 'past_retirement_age'
    | 'places_below_zero'
    | 'change_before_base_year';
  message: string;
  /** The years the warning is about, when it is about some (a gap, a break). */
  years?: number[];
}
