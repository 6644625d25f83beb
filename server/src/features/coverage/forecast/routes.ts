import { Router } from 'express';
import type { Database } from '../../../db/database';
import { parseRequest } from '../../../http/validate';
import { viewerOf } from '../../../http/viewer';
import { forecastQuery, territoryParams } from '../../../../../contract';
import { territoryForecast } from './service';

/** GET /api/territories/:level/:code/forecast. */
export function forecastRoutes(db: Database): Router {
  const router = Router();
  router.get('/territories/:level/:code/forecast', async (req, res) => {
    const { level, code } = parseRequest(req, 'params', territoryParams);
    const q = parseRequest(req, 'query', forecastQuery);
    res.json(
      await territoryForecast(db.knex, level, code, {
        year: q.year,
        horizonsYears: q.horizon ? [Number(q.horizon)] : undefined,
        viewer: viewerOf(req),
      }),
    );
  });
  return router;
}
