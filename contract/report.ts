import { queryYear, strictRequest, territoryLevel } from './common';
import { territoryParams } from './territories';

/** GET /api/report.pdf and GET /api/report.csv: the territory report, as PDF or its tables. */
export const reportQuery = strictRequest({
  level: territoryLevel,
  code: territoryParams.shape.code,
  /** The report's year; the territory's latest year with data when absent. */
  year: queryYear.optional(),
  /** PDF only: a second report beside this one, another year and/or another territory. */
  compare_year: queryYear.optional(),
  compare_level: territoryLevel.optional(),
  compare_code: territoryParams.shape.code.optional(),
});
