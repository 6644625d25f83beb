import { queryYear, strictRequest, territoryLevel } from './common';
import { communeCodes, territoryParams } from './territories';

/**
 * GET /api/report.pdf and GET /api/report.csv: the territory report, as PDF or its tables.
 * Either `level` and `code`, or `codes` (checked by the route: a 400 naming the field).
 */
export const reportQuery = strictRequest({
  /** With `code`: one commune, EPCI, EPT or département. */
  level: territoryLevel.optional(),
  code: territoryParams.shape.code.optional(),
  /** Instead of `level` and `code`: a custom set of communes (`93001,93027,…`). */
  codes: communeCodes.optional(),
  /** The report's year; the territory's latest year with data when absent. */
  year: queryYear.optional(),
  /**
   * A second report beside this one, another year and/or another territory (the PDF's
   * comparison pages, the CSV's `Comparaison` rows); with `codes` and no `compare_level`, the
   * same set of communes another year.
   */
  compare_year: queryYear.optional(),
  compare_level: territoryLevel.optional(),
  compare_code: territoryParams.shape.code.optional(),
});
