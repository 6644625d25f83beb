import {
  DEFAULT_AM_UNDER3_SHARE,
  DEFAULT_SMALL_POPULATION_THRESHOLD,
  type CoverageOptions,
} from '../domain/coverage';

/**
 * The parameters of every stored and served coverage figure: the domain's defaults (the AM
 * under-3 share, the small-population threshold). Answers name them beside the figures.
 */
export const COVERAGE_OPTIONS: Readonly<Required<CoverageOptions>> = Object.freeze({
  amUnder3Share: DEFAULT_AM_UNDER3_SHARE,
  smallPopulationThreshold: DEFAULT_SMALL_POPULATION_THRESHOLD,
});
