/**
 * Travel times over the stored road network: isochrones from a point, time to the nearest place
 * by commune or grid cell. Both are GeoJSON endpoints the dashboard reads directly (not vector
 * tiles: the answers depend on a clicked point or on search parameters, and stay small). Their
 * requests and answers are the contract's (contract/travel.ts, /api/openapi.json); what the
 * figures mean is in docs/travel-times.md.
 */
import { Router } from 'express';
import type { Database } from '../../db/database';
import { isochroneBody, nearestQuery } from '../../../../contract';
import { parseRequest } from '../../http/validate';
import { requestSignal } from '../../http/client-gone';
import { viewerOf } from '../../http/viewer';
import { isochroneAnswer, type IsochroneTimings } from './isochrones';
import { nearestAnswer } from './nearest';
import type { RoutingPool } from './routing-pool';
import { TravelService } from './service';

/**
 * POST /api/isochrones, GET /api/travel/nearest. With a pool (the server), the routing runs in
 * its worker threads and is dropped when the client goes away; without, in this thread.
 */
export function travelRoutes(
  db: Database,
  pool?: RoutingPool,
  service = new TravelService(db.knex),
): Router {
  const router = Router();

  router.post('/isochrones', async (req, res) => {
    const body = parseRequest(req, 'body', isochroneBody);
    const timings: IsochroneTimings = {};
    const answer = await isochroneAnswer(service, body, viewerOf(req), {
      pool,
      signal: requestSignal(res),
      timings,
    });
    const timing = Object.entries(timings).map(([name, ms]) => `${name};dur=${ms.toFixed(1)}`);
    if (timing.length > 0) res.set('Server-Timing', timing.join(', '));
    res.type('application/geo+json').json(answer);
  });

  router.get('/travel/nearest', async (req, res) => {
    const q = parseRequest(req, 'query', nearestQuery);
    const answer = await nearestAnswer(service, q, { pool, signal: requestSignal(res) });
    res.type('application/geo+json').json(answer);
  });

  return router;
}
