import { z } from 'zod';

/**
 * Pieces every part of the API contract shares: the request parameters several endpoints take
 * (year, level, reference, département), provenance records and the one error shape.
 * Messages are those a client receives in a 400's details, next to the field they name.
 */

/** A strict request part: an unknown parameter is an error naming it, not silently ignored. */
export function strictRequest<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown parameter(s): ${issue.keys.join(', ')}`
        : undefined,
  });
}

const YEAR_MESSAGE = 'must be a year such as 2024';
const YEAR_RANGE_MESSAGE = 'must be a year between 1900 and 2100';
const yearChecks = <N extends z._ZodNumber>(n: N) =>
  n.int(YEAR_MESSAGE).min(1900, YEAR_RANGE_MESSAGE).max(2100, YEAR_RANGE_MESSAGE);

/** A year in a query string (`?year=2024`). Latest with data when absent. */
export const queryYear = yearChecks(z.coerce.number<string | number>({ error: YEAR_MESSAGE }));
/** A year in a JSON body (a number, not a string). */
export const bodyYear = yearChecks(z.number({ error: YEAR_MESSAGE }));

export const territoryLevel = z.enum(['commune', 'epci', 'ept', 'departement'], {
  error: 'must be one of commune, epci, ept, departement',
});

/** Which rate gap classes are measured against. */
export const referenceKind = z.enum(['national', 'departement'], {
  error: 'must be national or departement',
});
export const reference = referenceKind.default('national');

export const departementCode = z
  .string()
  .regex(/^[0-9A-Z]{2,3}$/, 'must be a département code such as 18, 2A or 974');

export const travelMode = z.enum(['car', 'walk'], { error: 'must be car or walk' });

/** The gap classes of docs/coverage.md, against the reference of the answer. */
export const coverageClass = z.enum([
  'zone_blanche',
  'well_below',
  'below',
  'near',
  'above',
  'no_data',
  'small_population',
  /** A mode of the rate has no data: the rate is a lower bound, not measured against a reference. */
  'incomplete',
]);

/**
 * The modes of the official rate (docs/coverage.md): EAJE, assistants maternels at home (`am`)
 * and in MAM (`mam`), garde à domicile (`home_care`), préscolarisation (`preschool`).
 */
export const rateMode = z.enum(['eaje', 'am', 'mam', 'home_care', 'preschool']);

const int = z.number().int();

/** Provenance of one dataset: every figure names its datasets by id. */
export const dataset = z
  .strictObject({
    id: int,
    key: z.string(),
    kind: z.string(),
    name: z.string(),
    source: z.string(),
    sourceUrl: z.string().nullable(),
    licence: z.string(),
    vintage: z.string(),
    fictional: z.boolean(),
    fileName: z.string().nullable(),
    checksum: z.string().nullable(),
    /** ISO 8601 time of the import or load. */
    importedAt: z.string(),
    rowCounts: z.record(z.string(), z.number()),
  })
  .meta({ id: 'Dataset' });

/** Dataset ids, ascending: what a figure comes from (see `datasets` beside it). */
export const sources = z.array(int);

/** One problem with one field of the request: `query.year`, `params.code`, `body.minutes.2`. */
export const fieldProblem = z
  .strictObject({
    field: z.string(),
    message: z.string(),
    /** For a year without data: the years there are. */
    available: z.array(int).optional(),
  })
  .meta({ id: 'FieldProblem' });

/** Every error code the API answers with. */
export const errorCode = z.enum([
  'bad_request',
  'invalid_json',
  'unauthenticated',
  'forbidden',
  'conflict',
  'not_found',
  'no_data',
  'no_roads',
  'year_not_available',
  'database_timeout',
  'database_unavailable',
  'pdf_unavailable',
  'routing_busy',
  'rate_limited',
  'optimiser_busy',
  'internal_error',
  'request_timeout',
]);

/** The one error shape: `{ "error": { "code", "message", "details"? } }`. */
export const errorAnswer = z
  .strictObject({
    error: z.strictObject({
      code: errorCode,
      message: z.string(),
      /** 400: every problem with its field; 404: the field at fault and what exists. */
      details: z
        .union([
          z.array(fieldProblem),
          z.strictObject({
            field: z.string().optional(),
            available: z.array(int).optional(),
            layers: z.array(z.string()).optional(),
          }),
        ])
        .optional(),
    }),
  })
  .meta({ id: 'Error' });
