import { Router } from 'express';
import type { Health } from '../../../../contract';
import type { Database } from '../../db/database';
import { listDatasets } from '../../kernel';
import { listLoadedTerritories } from './repository';

/**
 * GET /api/health: database mode, PostGIS version, capabilities, loaded territories and datasets,
 * and the optional online basemap style the dashboard lays under its own layers (null: offline).
 */
export function healthRoutes(db: Database, basemapStyleUrl: string | null = null): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const [datasets, territories] = await Promise.all([
      listDatasets(db.knex),
      listLoadedTerritories(db.knex),
    ]);
    const answer: Health = {
      status: 'ok',
      database: {
        mode: db.mode,
        postgresVersion: db.capabilities.postgresVersion,
        postgisVersion: db.capabilities.postgisVersion,
      },
      capabilities: db.capabilities,
      fictional: territories.some((t) => t.fictional),
      territories,
      datasets,
      basemapStyleUrl,
    };
    res.json(answer);
  });
  return router;
}
