import { z } from 'zod';
import type { ApiEndpoint, ApiResponse } from './endpoints';
import { departementCode, errorAnswer, queryYear, strictRequest } from './common';

/**
 * Administrators' imports over HTTP (POST /api/imports: the file is the request body, the kind
 * and flags the CLI's, as query parameters) and the datasets' list and removal
 * (docs/imports.md, docs/security.md).
 */

export const IMPORT_KIND_VALUES = [
  'boundaries',
  'reference',
  'population',
  'births',
  'caf-coverage',
  'eaje',
  'childminders',
  'mams',
  'roads',
  'grid',
] as const;

const flag = z
  .enum(['true', 'false'], { error: 'must be true or false' })
  .default('false')
  .transform((v) => v === 'true');

export const importQuery = strictRequest({
  kind: z.enum(IMPORT_KIND_VALUES, { error: `must be one of ${IMPORT_KIND_VALUES.join(', ')}` }),
  /** The file's name as chosen (its extension tells the format: .csv, .zip, .gpkg, .7z…). */
  fileName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\\0]+$/, 'must be a file name without a folder'),
  dryRun: flag,
  replace: flag,
  skipInvalid: flag,
  year: queryYear.optional(),
  departement: departementCode.optional(),
  source: z.string().max(300).optional(),
  licence: z.string().max(300).optional(),
  vintage: z.string().max(100).optional(),
  /** The checksum a dry run gave: the file imported must be that one (409 otherwise). */
  checksum: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be the sha256 a dry run answered')
    .optional(),
});

const change = z.strictObject({ added: z.number(), updated: z.number(), removed: z.number() });
const absent = z.strictObject({
  what: z.string(),
  rows: z.record(z.string(), z.number()),
  /** A few of them, to recognise ("18004 Allogny"). */
  sample: z.array(z.string()),
  notes: z.array(z.string()),
});

export const importProblem = z.strictObject({
  row: z.number().nullable(),
  column: z.string().nullable(),
  value: z.string().nullable(),
  reason: z.string(),
  severity: z.enum(['error', 'warning']),
});

export const importReport = z
  .strictObject({
    kind: z.enum(IMPORT_KIND_VALUES),
    fileName: z.string(),
    status: z.enum(['imported', 'dry-run']),
    rowsRead: z.number(),
    imported: z.number(),
    rejected: z.number(),
    warnings: z.number(),
    problems: z.array(importProblem),
    notes: z.array(z.string()),
    checksum: z.string().nullable(),
    dataset: z
      .strictObject({ key: z.string(), name: z.string(), source: z.string(), vintage: z.string() })
      .nullable(),
    /** Rows added, updated and removed per table (or that would be, in a dry run). */
    changes: z.record(z.string(), change),
    /** What the file is about but does not list: kept by a plain import. */
    kept: absent.nullable(),
    /** What `replace` removes (or would). */
    removal: absent.nullable(),
  })
  .meta({ id: 'ImportReport' });

export const datasetSummary = z.strictObject({
  key: z.string(),
  kind: z.string(),
  name: z.string(),
  source: z.string(),
  vintage: z.string(),
  fictional: z.boolean(),
  rows: z.record(z.string(), z.number()),
  territories: z.array(z.string()),
});
export const datasetList = z.strictObject({ datasets: z.array(datasetSummary) });
export const datasetParams = z.object({ key: z.string().min(1).max(200) });
export const datasetRemoval = z.strictObject({
  datasets: z.array(
    z.strictObject({ key: z.string(), kind: z.string(), name: z.string(), fictional: z.boolean() }),
  ),
  rows: z.record(z.string(), z.number()),
  coverageFigures: z.strictObject({ before: z.number(), after: z.number() }),
});

export type ImportQuery = z.input<typeof importQuery>;
export type ImportReport = z.output<typeof importReport>;
export type DatasetList = z.output<typeof datasetList>;
export type DatasetRemoval = z.output<typeof datasetRemoval>;

const error = (description: string, code: string, message: string): ApiResponse => ({
  description,
  content: { 'application/json': { schema: errorAnswer, example: { error: { code, message } } } },
});
const anonymous = error('Not signed in', 'unauthenticated', 'Sign in to do this');
const notAdmin = error(
  'Not an admin, or no or wrong CSRF token',
  'forbidden',
  'This needs the role admin; you are planner',
);

export const IMPORT_ENDPOINTS: readonly ApiEndpoint[] = [
  {
    method: 'post',
    path: '/api/imports',
    summary:
      'Import a file (admins only): the body is the file (application/octet-stream), the kind and flags those of `berceau import`; dryRun=true answers what it would do and writes nothing',
    request: { query: importQuery },
    parameterExamples: { kind: 'eaje', fileName: 'eaje.csv', dryRun: 'true' },
    responses: {
      200: {
        description: 'Imported, or what a dry run would do',
        content: {
          'application/json': {
            schema: importReport,
            example: {
              kind: 'eaje',
              fileName: 'eaje.csv',
              status: 'dry-run',
              rowsRead: 12,
              imported: 12,
              rejected: 0,
              warnings: 0,
              problems: [],
              notes: [],
              checksum: 'a'.repeat(64),
              dataset: { key: 'eaje', name: 'EAJE', source: 'Caf', vintage: '2024' },
              changes: { eaje: { added: 12, updated: 0, removed: 0 } },
              kept: null,
              removal: null,
            },
          },
        },
      },
      400: error(
        'Invalid query, or a refused file: every problem with its row and column (nothing written)',
        'bad_request',
        'The file was refused: 2 error(s); nothing was written',
      ),
      401: anonymous,
      403: notAdmin,
      409: error(
        'The file is not the one of the dry run (checksum)',
        'conflict',
        'This file is not the one checked by the dry run',
      ),
      408: error(
        'The file did not arrive within the upload limit (BERCEAU_UPLOAD_TIMEOUT_MS; nothing written)',
        'request_timeout',
        'The request did not arrive within 3600 s',
      ),
    },
  },
  {
    method: 'get',
    path: '/api/datasets',
    summary: 'The loaded datasets with their rows per table and territories (admins only)',
    responses: {
      200: {
        description: 'OK',
        content: { 'application/json': { schema: datasetList, example: { datasets: [] } } },
      },
      401: anonymous,
      403: notAdmin,
    },
  },
  {
    method: 'delete',
    path: '/api/datasets/{key}',
    summary:
      'Remove a dataset and every row it provided, figures recomputed (admins only); dryRun=true says what would go',
    request: {
      params: datasetParams,
      query: strictRequest({ dryRun: flag }),
    },
    parameterExamples: { key: 'nope', dryRun: 'true' },
    responses: {
      200: {
        description: 'Removed, or what would be',
        content: {
          'application/json': {
            schema: datasetRemoval,
            example: { datasets: [], rows: {}, coverageFigures: { before: 0, after: 0 } },
          },
        },
      },
      401: anonymous,
      403: notAdmin,
      404: error('No such dataset', 'not_found', 'No dataset "nope"'),
    },
  },
];
