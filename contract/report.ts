import { z } from 'zod';
import { queryYear, strictRequest, territoryLevel } from './common';
import { communeCodes, territoryParams } from './territories';

/** GET /api/report.pdf and GET /api/report.csv: the territory report, as PDF or its tables. */
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
}).superRefine((q, ctx) => {
  if (q.codes !== undefined && (q.level !== undefined || q.code !== undefined))
    ctx.addIssue({
      code: 'custom',
      path: ['codes'],
      message: 'give either codes or level and code, not both',
    });
  else if (q.codes === undefined && (q.level === undefined || q.code === undefined))
    ctx.addIssue({
      code: 'custom',
      path: [q.level === undefined ? 'level' : 'code'],
      message: 'required (or codes: a custom set of communes)',
    });
});
