import { z } from 'zod';
import {
  ACCESSIBILITY_EXAMPLE,
  accessibilityAnswer,
  accessibilityBody,
  accessibilityCellCollection,
  accessibilityCellsQuery,
} from './accessibility';
import { ACCOUNT_ENDPOINTS } from './accounts-endpoints';
import { CHILDMINDER_ENDPOINTS } from './childminders';
import { IMPORT_ENDPOINTS } from './imports';
import { errorAnswer } from './common';
import { EXAMPLES } from './examples';
import { facilitiesQuery, facilityCollection } from './facilities';
import { FORECAST_EXAMPLE, forecastQuery, territoryForecast } from './forecast';
import { GAP_ZONE_EXAMPLE, gapZoneCollection, gapZoneQuery } from './gap-zones';
import { GAP_ZONE_REVIEW_ENDPOINTS } from './gap-zone-review';
import { health } from './health';
import { reportQuery } from './report';
import { siteCardAnswer, siteCardBody } from './site-card';
import { siteSelectionAnswer, siteSelectionBody, siteSelectionStreamLine } from './site-selection';
import { scenarioAnswer, scenarioBody } from './scenario';
import { SAVED_SCENARIO_ENDPOINTS } from './saved-scenarios';
import {
  customTerritoryDetail,
  customTerritoryQuery,
  territoryCollection,
  territoryDetail,
  territoryDetailQuery,
  territoryListQuery,
  territoryParams,
} from './territories';
import { layersDocument, tileParams, tileQueryParameters } from './tiles';
import { isochroneBody, isochroneCollection, nearestCollection, nearestQuery } from './travel';

/**
 * Every endpoint of the API: what it takes and what it answers, with examples. The server
 * validates requests with these schemas, serves the OpenAPI document generated from this list
 * (server/src/http/openapi.ts), and its tests check real answers against the answer schemas.
 */

export interface ApiContent {
  /** Absent for bodies that are not JSON (CSV, vector tiles). */
  schema?: z.ZodType;
  example?: unknown;
}

export interface ApiResponse {
  description: string;
  content?: Record<string, ApiContent>;
}

export interface ApiEndpoint {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI path, e.g. `/api/territories/{level}/{code}`. */
  path: string;
  summary: string;
  request?: {
    params?: z.ZodObject;
    query?: z.ZodObject;
    body?: ApiContent & { schema: z.ZodType };
  };
  /** An example of each parameter, of the type the document gives it. */
  parameterExamples?: Record<string, string | number>;
  responses: Record<number, ApiResponse>;
}

const json = (schema: z.ZodType, example: unknown) => ({
  'application/json': { schema, example },
});
const geojson = (schema: z.ZodType, example: unknown) => ({
  'application/geo+json': { schema, example },
});
const failure = (description: string, example: unknown): ApiResponse => ({
  description,
  content: json(errorAnswer, example),
});

/** Heavy endpoints are rate-limited per client (`Retry-After` in seconds). */
const rateLimited = failure(
  'Too many requests from this client in the last minute (`Retry-After` says when to retry)',
  EXAMPLES.rateLimited,
);

/** Every endpoint that reads the database may answer this. */
const unavailable = failure(
  'Database unreachable (with `Retry-After` in seconds), too slow (`database_timeout`: the statement timeout was reached), or, for travel times, every routing thread busy and the queue full (`routing_busy`, with `Retry-After`), or, for site selection, every optimiser thread busy and its queue full (`optimiser_busy`, with `Retry-After`)',
  EXAMPLES.databaseUnavailable,
);

export const API_ENDPOINTS: readonly ApiEndpoint[] = withCsrfRefusal([
  {
    method: 'get',
    path: '/api/health',
    summary:
      'Database mode, PostGIS version, capabilities, loaded territories and datasets (provenance)',
    responses: {
      200: { description: 'OK', content: json(health, EXAMPLES.health) },
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/territories',
    summary: 'Coverage of every territory of a level for a year, as GeoJSON or CSV (French Excel)',
    request: { query: territoryListQuery },
    parameterExamples: { level: 'epci', year: 2024, departement: '18', reference: 'national' },
    responses: {
      200: {
        description:
          'A FeatureCollection with `metadata` (year, years, reference, datasets), or with format=csv a CSV of the same properties (UTF-8 with BOM, `;`, decimal commas)',
        content: {
          ...geojson(territoryCollection, EXAMPLES.territoryCollection),
          'text/csv': {},
        },
      },
      400: failure('Invalid parameter (details name the field)', EXAMPLES.badRequest),
      404: failure('Year without data or département not loaded', EXAMPLES.yearNotAvailable),
      429: rateLimited,
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/territories/custom',
    summary:
      'A custom set of communes as one territory (a report of communes listed): figures summed over them, history, references, facilities',
    request: { query: customTerritoryQuery },
    parameterExamples: { codes: 'Z1001,Z1002', year: 2024 },
    responses: {
      200: {
        description: 'OK',
        content: json(customTerritoryDetail, {
          ...EXAMPLES.territoryDetail,
          territory: {
            ...EXAMPLES.territoryDetail.territory,
            level: 'custom',
            code: 'Z1001,Z1002',
            name: 'Ensemble de 2 communes',
            epci_code: null,
          },
          communes: [
            { code: 'Z1001', name: 'Alpha' },
            { code: 'Z1002', name: 'Beta' },
          ],
        }),
      },
      400: failure('Invalid parameter', EXAMPLES.badRequest),
      404: failure('A commune not loaded, or a year without data', EXAMPLES.unknownTerritory),
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/territories/{level}/{code}',
    summary:
      'One territory: figures, history over the years, parents, references, supply points, facilities',
    request: { params: territoryParams, query: territoryDetailQuery },
    parameterExamples: { level: 'epci', code: '000001001', year: 2024 },
    responses: {
      200: { description: 'OK', content: json(territoryDetail, EXAMPLES.territoryDetail) },
      400: failure('Invalid parameter', EXAMPLES.badRequest),
      404: failure('Unknown territory or year', EXAMPLES.unknownTerritory),
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/territories/{level}/{code}/forecast',
    summary:
      'Projections for a territory: children under 3 at 3 and 5 years with a range, and the official rate if nothing changes or with a saved scenario (`scenario`: signed-in users whose territories it touches); see docs/forecasts.md',
    request: { params: territoryParams, query: forecastQuery },
    parameterExamples: { level: 'epci', code: '000001001', horizon: '3', year: 2024 },
    responses: {
      200: { description: 'OK', content: json(territoryForecast, FORECAST_EXAMPLE) },
      400: failure('Invalid parameter', EXAMPLES.badRequest),
      401: failure('`scenario` asked by the public', {
        error: { code: 'unauthenticated', message: 'Sign in to do this' },
      }),
      403: failure('`scenario` touches none of the user’s territories', {
        error: { code: 'forbidden', message: 'This is outside the territories you work on' },
      }),
      404: failure(
        'Unknown territory or year, or no saved scenario of that id',
        EXAMPLES.unknownTerritory,
      ),
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/report.pdf',
    summary:
      'The territory report (diagnostic territorial) as an A4 PDF, printed from /rapport by a headless Chromium on the server; see docs/report.md',
    request: { query: reportQuery },
    parameterExamples: { level: 'epci', code: '000001001', year: 2024 },
    responses: {
      200: { description: 'A4 PDF', content: { 'application/pdf': {} } },
      400: failure('Invalid parameter', EXAMPLES.badRequest),
      404: failure('Unknown territory or year', EXAMPLES.unknownTerritory),
      429: rateLimited,
      503: failure(
        'No Chromium on the server (`pdf_unavailable`: print /rapport from a browser), or database unreachable',
        EXAMPLES.pdfUnavailable,
      ),
    },
  },
  {
    method: 'get',
    path: '/api/report.csv',
    summary:
      "The report's tables for French Excel: one row per figure (section, territory, indicator, year, value, nature, sources)",
    request: { query: reportQuery },
    parameterExamples: { level: 'epci', code: '000001001', year: 2024 },
    responses: {
      200: { description: 'CSV (UTF-8 with BOM, `;`, decimal comma)', content: { 'text/csv': {} } },
      400: failure('Invalid parameter', EXAMPLES.badRequest),
      404: failure('Unknown territory or year', EXAMPLES.unknownTerritory),
      429: rateLimited,
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/facilities',
    summary:
      'EAJE and MAM in a bounding box, as GeoJSON points (childminders are never listed: personal data)',
    request: { query: facilitiesQuery },
    parameterExamples: { bbox: '2.3,46.9,2.6,47.2', type: 'eaje', limit: 5000 },
    responses: {
      200: { description: 'OK', content: geojson(facilityCollection, EXAMPLES.facilityCollection) },
      400: failure('Invalid parameter', EXAMPLES.badRequest),
      503: unavailable,
    },
  },
  {
    method: 'post',
    path: '/api/isochrones',
    summary:
      'Isochrones from a point by car or on foot: one nested MultiPolygon per band (cumulative, minutes from 0) with the children under 3 (from the demand grid, by commune area share without it) and the places inside (childminders at home spread by the children share); see docs/travel-times.md',
    request: {
      body: {
        schema: isochroneBody,
        example: { lon: 2.87068, lat: 46.974, minutes: [10, 20, 30], mode: 'car' },
      },
    },
    responses: {
      200: {
        description:
          'A FeatureCollection of bands with `origin` (snapped point and off-network leg, or `reachable: false` with `reason` and `message` for a point beyond the roads: no feature then) and `metadata` (year, method, datasets)',
        content: geojson(isochroneCollection, EXAMPLES.isochroneCollection),
      },
      400: failure(
        'Invalid body: point outside the loaded territories, minutes empty, unsorted, repeated, more than 6 or outside 1..60, unknown mode, year without data (details name the field)',
        EXAMPLES.badRequest,
      ),
      404: failure('No territory or no road network loaded', EXAMPLES.noRoads),
      413: failure('Body larger than 1 MB', EXAMPLES.bodyTooLarge),
      429: rateLimited,
      503: unavailable,
    },
  },
  {
    method: 'post',
    path: '/api/accessibility',
    summary:
      'Accessibility rate of every commune, EPCI and département (places within reach per 100 children, over the demand grid and car times) beside the official rate, with the leakage; see docs/accessibility.md',
    request: {
      body: {
        schema: accessibilityBody,
        example: { method: 'e2sfca', modes: ['eaje', 'mam', 'am'], minutes: 30, level: 'epci' },
      },
    },
    responses: {
      200: {
        description:
          'The territories with `metadata` (year, method, weights, catchment, modes, grid or estimated demand, datasets)',
        content: json(accessibilityAnswer, ACCESSIBILITY_EXAMPLE),
      },
      400: failure(
        'Invalid body: unknown method or mode, minutes outside 1..60, weights unreadable or not taken by the method, year without data (details name the field)',
        EXAMPLES.badRequest,
      ),
      404: failure('No territory, no demand grid or no road network loaded', EXAMPLES.noRoads),
      429: rateLimited,
      503: unavailable,
    },
  },
  {
    method: 'post',
    path: '/api/site-card',
    summary:
      'The site card of a point: children, places and childminders within 5/10/15/20 min by car, the accessibility there and its gap to the reference, the gap zones reached, and what a MAM or a micro-crèche there would add; see docs/site-finder.md',
    request: {
      body: {
        schema: siteCardBody,
        example: { lon: 2.4, lat: 47.08, project: { kind: 'mam', childminders: 4 } },
      },
    },
    responses: {
      200: {
        description:
          'The card, with `metadata` (grid or estimated demand, fictional, datasets); childminder counts leave out, for the public, the communes withheld by statistical secrecy',
        content: json(siteCardAnswer, undefined),
      },
      400: failure(
        'Invalid body: point in no loaded commune, MAM of more than 6 childminders, micro-crèche of more than 12 places, year without data (details name the field)',
        EXAMPLES.badRequest,
      ),
      404: failure('No territory, no demand grid or no road network loaded', EXAMPLES.noRoads),
      429: rateLimited,
      503: unavailable,
    },
  },
  {
    method: 'post',
    path: '/api/site-selection',
    summary:
      'Where to open new sites: maximal covering, p-median or set covering on the demand grid and car times, existing EAJE and MAM fixed, exact (HiGHS) or greedy + swap within 20 s; see docs/site-finder.md',
    request: {
      body: {
        schema: siteSelectionBody,
        example: { model: 'mclp', p: 2, minutes: 15, candidates: 'grid' },
      },
    },
    responses: {
      200: {
        description:
          'The new sites chosen, the objective, exact or heuristic, the bound and the gap, with `metadata`. With `Accept: application/x-ndjson`, the run streamed: one JSON object per line, `{"progress": …}` a few times a second at most (phase, elapsed time, best objective, bound and gap so far), then one last line, `{"result": …}` (the same body as the JSON answer) or `{"error": …}` (the one error shape: any failure once the body is valid, e.g. more sites than candidates, optimiser_busy); an invalid body is still a 400 before any line',
        content: {
          ...json(siteSelectionAnswer, undefined),
          'application/x-ndjson': { schema: siteSelectionStreamLine },
        },
      },
      400: failure(
        'Invalid body: unknown model, p or minutes out of range, candidates neither "grid" nor points, more sites than candidates, children no site can reach (lscp) (details name the field)',
        EXAMPLES.badRequest,
      ),
      404: failure('No territory, no demand grid or no road network loaded', EXAMPLES.noRoads),
      429: rateLimited,
      503: unavailable,
    },
  },
  {
    method: 'post',
    path: '/api/scenario',
    summary:
      'A what-if scenario (add a MAM or micro-crèche, close a facility, change its places) evaluated on the current data without changing it: coverage and accessibility rates per commune and EPCI before and after, children gaining or losing a crèche or MAM within N minutes; see docs/site-finder.md',
    request: {
      body: {
        schema: scenarioBody,
        example: {
          name: 'Deux MAM',
          changes: [{ op: 'add', kind: 'mam', lon: 2.4, lat: 47.08, places: 16 }],
        },
      },
    },
    responses: {
      200: {
        description:
          'The differences, with `metadata` (grid or estimated demand, fictional, datasets)',
        content: json(scenarioAnswer, undefined),
      },
      400: failure(
        'Invalid body: unknown change, facility not open that year, point in no loaded commune, too many places (details name the field)',
        EXAMPLES.badRequest,
      ),
      404: failure('No territory, no demand grid or no road network loaded', EXAMPLES.noRoads),
      429: rateLimited,
      503: unavailable,
    },
  },
  ...SAVED_SCENARIO_ENDPOINTS,
  {
    method: 'get',
    path: '/api/accessibility/cells',
    summary:
      'The populated grid cells with their accessibility (places within reach per 100 children; E2SFCA, 30 min by car, every mode), for the map',
    request: { query: accessibilityCellsQuery },
    parameterExamples: { year: 2024, departement: 'Z1' },
    responses: {
      200: {
        description: 'A FeatureCollection of cells with `metadata` (the method and datasets)',
        content: geojson(accessibilityCellCollection, undefined),
      },
      400: failure('Invalid parameter (details name the field)', EXAMPLES.badRequest),
      404: failure('No territory, no demand grid or no road network loaded', EXAMPLES.noRoads),
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/travel/nearest',
    summary:
      'Minutes to the nearest EAJE, MAM or either (formal) with at least min_places places, by commune (from its label point) or by grid cell (from its centre); null beyond 60 min',
    request: { query: nearestQuery },
    parameterExamples: { level: 'grid', target: 'eaje', min_places: 1, mode: 'car' },
    responses: {
      200: {
        description:
          'A FeatureCollection (commune outlines or square cells) with `metadata` (max_minutes, cell_m, targets, datasets)',
        content: geojson(nearestCollection, EXAMPLES.nearestCollection),
      },
      400: failure('Invalid parameter (details name the field)', EXAMPLES.badRequest),
      404: failure('Département not loaded, no territory or no road network', EXAMPLES.noRoads),
      429: rateLimited,
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/gap-zones',
    summary:
      'Gap zones: connected groups of 200 m grid cells whose children have no formal place within N minutes by car, with children, places missing, nearest places, communes and EPCI (GeoJSON or CSV)',
    request: { query: gapZoneQuery },
    parameterExamples: { level: 'epci', code: '200000001', criterion: 'sans_offre', minutes: 15 },
    responses: {
      200: {
        description:
          'A FeatureCollection of zones (MultiPolygons, WGS84) by children affected, with `metadata` (criterion, year, reference rate, datasets), or with format=csv a CSV of the same properties (UTF-8 with BOM, `;`, decimal commas)',
        content: { ...geojson(gapZoneCollection, GAP_ZONE_EXAMPLE), 'text/csv': {} },
      },
      400: failure(
        'Invalid parameter, level without code, or a criterion not available (details name the field)',
        EXAMPLES.badRequest,
      ),
      401: failure('review_status or assignee without being signed in', {
        error: { code: 'unauthenticated', message: 'Sign in to do this' },
      }),
      404: failure('Territory not loaded, no territory or no road network', EXAMPLES.noRoads),
      429: rateLimited,
      503: unavailable,
    },
  },
  ...GAP_ZONE_REVIEW_ENDPOINTS,
  {
    method: 'get',
    path: '/api/layers',
    summary: 'Catalogue of map layers: id, geometry type, fields, zoom range, tile URL template',
    responses: {
      200: { description: 'OK', content: { 'application/json': { schema: layersDocument } } },
      503: unavailable,
    },
  },
  {
    method: 'get',
    path: '/api/tiles/{layer}/{z}/{x}/{y}.mvt',
    summary:
      'Mapbox Vector Tile of one layer (204 when the tile is empty); the query parameters each layer accepts are listed by /api/layers',
    request: { params: tileParams, query: z.object(tileQueryParameters) },
    parameterExamples: { layer: 'communes', z: '8', x: '130', y: '90', year: 2024 },
    responses: {
      200: { description: 'Tile', content: { 'application/vnd.mapbox-vector-tile': {} } },
      204: { description: 'Empty tile' },
      304: { description: 'Not modified (If-None-Match)' },
      400: failure('z/x/y out of range or invalid parameter', EXAMPLES.badRequest),
      404: failure('Unknown layer', EXAMPLES.unknownLayer),
      503: unavailable,
    },
  },
  ...ACCOUNT_ENDPOINTS,
  ...CHILDMINDER_ENDPOINTS,
  ...IMPORT_ENDPOINTS,
]);

/**
 * Every write of a signed-in session (and signing in) needs the CSRF token: each write documents
 * the 403 (docs/security.md).
 */
function withCsrfRefusal(endpoints: ApiEndpoint[]): ApiEndpoint[] {
  const refusal = failure(
    'Signed in, without the `x-csrf-token` header given by GET /api/session (or with a wrong one)',
    EXAMPLES.csrfRefused,
  );
  return endpoints.map((e) =>
    e.method === 'get' || e.responses[403]
      ? e
      : { ...e, responses: { ...e.responses, 403: refusal } },
  );
}
