import { z } from 'zod';
import {
  facilitiesQuery,
  territoryDetailQuery,
  territoryListQuery,
  territoryParams,
} from '../features/coverage/schemas';
import { isochroneBody, nearestQuery } from '../features/travel/schemas';

/**
 * The OpenAPI 3.1 document served at /api/openapi.json. Parameters are generated from the same
 * zod schemas that validate the requests, so the document cannot drift from the validation.
 */
export function openApiDocument(): object {
  const errorResponse = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  const params = (schema: z.ZodObject, where: 'query' | 'path') => {
    const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
      properties: Record<string, object>;
      required?: string[];
    };
    return Object.entries(json.properties).map(([name, s]) => ({
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      schema: s,
    }));
  };
  const bboxDoc = {
    description: 'minLon,minLat,maxLon,maxLat in degrees (WGS84)',
    example: '2.3,46.9,2.6,47.2',
  };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Berceau API',
      version: '0.1.0',
      description:
        'Early-childhood care coverage in France (CNAF taux de couverture global) by commune, EPCI and département, with facilities and map layers. Every figure carries its sources (dataset ids, see /api/health); fictional data is flagged `fictional: true`.',
    },
    paths: {
      '/api/health': {
        get: {
          summary:
            'Database mode, PostGIS version, capabilities, loaded territories and datasets (provenance)',
          responses: { 200: { description: 'OK' } },
        },
      },
      '/api/territories': {
        get: {
          summary:
            'Coverage of every territory of a level for a year, as GeoJSON or CSV (French Excel)',
          parameters: params(territoryListQuery, 'query'),
          responses: {
            200: {
              description:
                'A FeatureCollection with `metadata` (year, years, reference, datasets), or CSV with format=csv',
              content: { 'application/geo+json': {}, 'text/csv': {} },
            },
            400: errorResponse('Invalid parameter (details name the field)'),
            404: errorResponse('Year without data or département not loaded'),
          },
        },
      },
      '/api/territories/{level}/{code}': {
        get: {
          summary:
            'One territory: figures, history over the years, parents, references, supply points, facilities',
          parameters: [
            ...params(territoryParams, 'path'),
            ...params(territoryDetailQuery, 'query'),
          ],
          responses: {
            200: { description: 'OK' },
            400: errorResponse('Invalid parameter'),
            404: errorResponse('Unknown territory or year'),
          },
        },
      },
      '/api/facilities': {
        get: {
          summary:
            'EAJE and MAM in a bounding box, as GeoJSON points (childminders are never listed: personal data)',
          parameters: params(facilitiesQuery, 'query').map((p) =>
            p.name === 'bbox' ? { ...p, schema: { type: 'string', ...bboxDoc } } : p,
          ),
          responses: {
            200: { description: 'OK', content: { 'application/geo+json': {} } },
            400: errorResponse('Invalid parameter'),
          },
        },
      },
      '/api/isochrones': {
        post: {
          summary:
            'Isochrones from a point by car or on foot: one nested MultiPolygon per band (cumulative, minutes from 0) with the children under 3 (estimated by commune area share) and the places inside; see docs/travel-times.md',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: z.toJSONSchema(isochroneBody, { io: 'input', unrepresentable: 'any' }),
              },
            },
          },
          responses: {
            200: {
              description:
                'A FeatureCollection of bands with `origin` (snapped point and off-network leg, or `reachable: false` with `reason` and `message` for a point beyond the roads: no feature then) and `metadata` (year, method, datasets)',
              content: { 'application/geo+json': {} },
            },
            400: errorResponse(
              'Invalid body: point outside the loaded territories, minutes empty, unsorted, repeated, more than 6 or outside 1..60, unknown mode, year without data (details name the field)',
            ),
            404: errorResponse('No territory or no road network loaded'),
          },
        },
      },
      '/api/travel/nearest': {
        get: {
          summary:
            'Minutes to the nearest EAJE, MAM or either (formal) with at least min_places places, by commune (from its label point) or by grid cell (from its centre); null beyond 60 min',
          parameters: params(nearestQuery, 'query'),
          responses: {
            200: {
              description:
                'A FeatureCollection (commune outlines or square cells) with `metadata` (max_minutes, cell_m, targets, datasets)',
              content: { 'application/geo+json': {} },
            },
            400: errorResponse('Invalid parameter (details name the field)'),
            404: errorResponse('Département not loaded, no territory or no road network'),
          },
        },
      },
      '/api/layers': {
        get: {
          summary:
            'Catalogue of map layers: id, geometry type, fields, zoom range, tile URL template',
          responses: { 200: { description: 'OK' } },
        },
      },
      '/api/tiles/{layer}/{z}/{x}/{y}.mvt': {
        get: {
          summary: 'Mapbox Vector Tile of one layer (204 when the tile is empty)',
          parameters: ['layer', 'z', 'x', 'y'].map((name) => ({
            name,
            in: 'path',
            required: true,
            schema: { type: name === 'layer' ? 'string' : 'integer' },
          })),
          responses: {
            200: { description: 'Tile', content: { 'application/vnd.mapbox-vector-tile': {} } },
            204: { description: 'Empty tile' },
            304: { description: 'Not modified (If-None-Match)' },
            400: errorResponse('z/x/y out of range or invalid parameter'),
            404: errorResponse('Unknown layer'),
          },
        },
      },
    },
    components: {
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: {
                  type: 'string',
                  examples: ['bad_request', 'not_found', 'year_not_available'],
                },
                message: { type: 'string' },
                details: { description: 'For 400: a list of { field, message }' },
              },
            },
          },
        },
      },
    },
  };
}
