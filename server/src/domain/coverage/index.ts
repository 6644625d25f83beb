/**
 * The official coverage indicator (taux de couverture global, CNAF / ONAPE) as pure functions:
 * rate of a territory, aggregation by sums, gap classes against a reference, the national
 * series, and rounding for display. No I/O, no clock. See docs/coverage.md.
 */
export {
  SUPPLY_FIELDS,
  assertValidInput,
  coverageInputProblems,
  type CoverageInput,
  type CoverageInputProblem,
  type SupplyInput,
} from './inputs';
export {
  DEFAULT_AM_UNDER3_SHARE,
  DEFAULT_SMALL_POPULATION_THRESHOLD,
  coverage,
  formalPlaces,
  type Coverage,
  type CoverageBreakdown,
  type CoverageOptions,
} from './coverage-rate';
export { sumInputs, type AggregatedInput } from './aggregate';
export {
  DEFAULT_GAP_CLASS_OPTIONS,
  classWithCompleteness,
  coverageClass,
  type CoverageClass,
  type GapClassOptions,
} from './gap-class';
export {
  NATIONAL_COVERAGE_SERIES,
  nationalReference,
  parseNationalSeries,
  type NationalBreakdown,
  type NationalReference,
  type NationalSeriesEntry,
  type ReferenceKind,
} from './national-reference';
export { roundRate } from './round-rate';
export {
  RATE_MODES,
  RATE_MODE_LABELS,
  missingModes,
  missingOfParts,
  modesInFrench,
  type RateMode,
} from './completeness';
export {
  CAF_RATE_COLUMNS,
  DEFAULT_COMPARISON_TOLERANCE,
  compareWithCaf,
  type CafComparison,
  type ComparedMode,
  type ModeComparison,
} from './caf-comparison';
