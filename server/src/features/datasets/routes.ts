import { Router } from 'express';
import { z } from 'zod';
import { datasetParams, strictRequest, type DatasetList } from '../../../../contract';
import type { Database } from '../../db/database';
import { parseRequest } from '../../http/validate';
import { requireUser } from '../../http/viewer';
import { listDatasetSummaries, removeDatasets } from './service';

const removalQuery = strictRequest({
  dryRun: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .default('false')
    .transform((v) => v === 'true'),
});

/** The datasets' list and removal for administrators: `berceau datasets list|remove` over HTTP. */
export function datasetRoutes(db: Database): Router {
  const router = Router();

  router.get('/datasets', async (req, res) => {
    requireUser(req, ['admin']);
    const answer: DatasetList = { datasets: await listDatasetSummaries(db.knex) };
    res.set('Cache-Control', 'no-store').json(answer);
  });

  router.delete('/datasets/:key', async (req, res) => {
    requireUser(req, ['admin']);
    const { key } = parseRequest(req, 'params', datasetParams);
    const { dryRun } = parseRequest(req, 'query', removalQuery);
    const outcome = await removeDatasets(db, { key }, { dryRun });
    res.set('Cache-Control', 'no-store').json(outcome.summary);
  });

  return router;
}
