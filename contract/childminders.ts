import { z } from 'zod';
import type { ApiEndpoint, ApiResponse } from './endpoints';
import { errorAnswer, sources, strictRequest, territoryLevel } from './common';
import { point } from './geojson';

/**
 * GET /api/childminders: the childminders (assistants maternels) of one territory with their
 * home positions, for the planners, reviewers and admins whose territories contain it (network
 * coordination). A childminder is a person: the public never gets this answer (401), a user of
 * another territory neither (403) (docs/security.md).
 */

export const childminderQuery = strictRequest({
  level: territoryLevel,
  code: z.string().regex(/^[0-9A-Z]{2,9}$/, 'must be an INSEE, SIREN or département code'),
});

export const childminderFeature = z.strictObject({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: point.nullable(),
  properties: z.strictObject({
    id: z.number().int(),
    commune_code: z.string(),
    commune_name: z.string(),
    agreement_places: z.number().int(),
    active: z.boolean(),
    /** The MAM they work in, or null (at home). */
    mam_id: z.number().int().nullable(),
    mam_name: z.string().nullable(),
    started_year: z.number().int().nullable(),
    ended_year: z.number().int().nullable(),
    fictional: z.boolean(),
    sources,
  }),
});

export const childminderCollection = z
  .strictObject({
    type: z.literal('FeatureCollection'),
    metadata: z.strictObject({
      level: territoryLevel,
      code: z.string(),
      count: z.number().int(),
      active: z.number().int(),
      in_mam: z.number().int(),
      /** Childminders without a known home position (geometry null). */
      without_position: z.number().int(),
      fictional: z.boolean(),
    }),
    features: z.array(childminderFeature),
  })
  .meta({ id: 'ChildminderCollection' });

const error = (description: string, code: string, message: string): ApiResponse => ({
  description,
  content: { 'application/json': { schema: errorAnswer, example: { error: { code, message } } } },
});

export const CHILDMINDER_ENDPOINTS: readonly ApiEndpoint[] = [
  {
    method: 'get',
    path: '/api/childminders',
    summary:
      'Childminders of a territory with their home positions, places, MAM and activity (planners, reviewers and admins of that territory only)',
    request: { query: childminderQuery },
    parameterExamples: { level: 'departement', code: 'Z1' },
    responses: {
      200: {
        description: 'A FeatureCollection, one Point per childminder (never cached)',
        content: {
          'application/geo+json': {
            schema: childminderCollection,
            example: {
              type: 'FeatureCollection',
              metadata: {
                level: 'commune',
                code: 'Z1001',
                count: 1,
                active: 1,
                in_mam: 0,
                without_position: 0,
                fictional: true,
              },
              features: [
                {
                  type: 'Feature',
                  id: 'am-1',
                  geometry: { type: 'Point', coordinates: [2.4, 47.1] },
                  properties: {
                    id: 1,
                    commune_code: 'Z1001',
                    commune_name: 'Abreville',
                    agreement_places: 4,
                    active: true,
                    mam_id: null,
                    mam_name: null,
                    started_year: 2015,
                    ended_year: null,
                    fictional: true,
                    sources: [3],
                  },
                },
              ],
            },
          },
        },
      },
      400: error(
        'Invalid query',
        'bad_request',
        'Invalid request: query.level: must be one of commune, epci, departement',
      ),
      401: error('Not signed in', 'unauthenticated', 'Sign in to do this'),
      403: error(
        'The territory is not one of yours',
        'forbidden',
        'This is outside the territories you work on',
      ),
      404: error('Unknown territory', 'not_found', 'Unknown departement "Z9"'),
    },
  },
];

export type ChildminderQuery = z.input<typeof childminderQuery>;
export type ChildminderCollection = z.output<typeof childminderCollection>;
export type ChildminderFeature = z.output<typeof childminderFeature>;
