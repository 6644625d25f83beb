import { queryYear, strictRequest, territoryLevel } from './common';
import { territoryParams } from './territories';

/** GET /api/report.pdf and GET /api/report.csv: the territory report, as PDF or its tables. */
export const reportQuery = strictRequest({
  level: territoryLevel,
  code: territoryParams.shape.code,
  /** The report's year; the territory's latest year with data when absent. */
  year: queryYear.optional(),
});
