/**
 * Forecasts for a territory, always labelled as projections: children under 3 (linear trend,
 * constant, or cohorts of births), childminder departures from their ages, and the coverage
 * rate under "no change", minus departures, and scenarios of places. Pure: no I/O, no clock
 * ("now" is the `baseYear` input). See docs/forecasts.md.
 *
 * Flow: `projectChildrenUnder3` and `projectChildminderDepartures` per territory → their results
 * and the base year's supply into `projectCoverageRate`.
 */
export {
  DEFAULT_FORECAST_HORIZONS_YEARS,
  DEFAULT_INTERVAL_LEVEL,
  DEFAULT_MIN_TREND_POINTS,
  DEFAULT_WINDOW_YEARS,
  projectChildrenUnder3,
  type BirthsPoint,
  type ChildrenForecastInput,
  type ChildrenForecastOptions,
  type ChildrenMethod,
  type ChildrenMethodChoice,
  type ChildrenProjection,
  type ChildrenUnder3Point,
} from './children';
export { BIRTH_LAGS, type CohortParameters } from './cohort';
export {
  DEFAULT_DEPARTURE_HORIZON_YEARS,
  DEFAULT_RETIREMENT_AGE,
  projectChildminderDepartures,
  type ActiveChildminder,
  type ChildminderDepartures,
  type ChildminderTally,
  type DeparturesInput,
  type DeparturesOptions,
  type DeparturesYear,
} from './departures';
export {
  projectCoverageRate,
  type PlaceChange,
  type RateForecastInput,
  type RateForecastOptions,
  type RatePoint,
  type RateProjection,
  type RateScenario,
  type RateVariant,
  type SupplyField,
} from './rate';
export { normalQuantile, studentQuantile } from './quantiles';
export type { ForecastWarning, ProjectedValue, SeriesMethod, YearValue } from './types';
