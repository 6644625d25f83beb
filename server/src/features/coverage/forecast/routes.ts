import { Router } from 'express';
import type { Database } from '../../../db/database';
import { parseRequest } from '../../../http/validate';
import { requireUser, viewerOf } from '../../../http/viewer';
import { ROLES } from '../../../domain/accounts';
import { forecastQuery, territoryParams } from '../../../../../contract';
import { territoryForecast, type ScenarioPlaces } from './service';

/**
 * GET /api/territories/:level/:code/forecast; with `scenario`, for signed-in users only (401
 * for the public; 403 and 404 from reading the saved scenario).
 */
export function forecastRoutes(db: Database, scenarioPlaces?: ScenarioPlaces): Router {
  const router = Router();
  router.get('/territories/:level/:code/forecast', async (req, res) => {
    const { level, code } = parseRequest(req, 'params', territoryParams);
    const q = parseRequest(req, 'query', forecastQuery);
    const scenario =
      q.scenario !== undefined && scenarioPlaces
        ? { id: q.scenario, user: requireUser(req, ROLES), places: scenarioPlaces }
        : undefined;
    res.json(
      await territoryForecast(db.knex, level, code, {
        year: q.year,
        horizonsYears: q.horizon ? [Number(q.horizon)] : undefined,
        viewer: viewerOf(req),
        scenario,
      }),
    );
  });
  return router;
}
