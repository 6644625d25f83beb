import { Router } from 'express';
import type { Knex } from 'knex';
import { childminderQuery, type ChildminderCollection } from '../../../../contract';
import { exactCovers } from '../../domain/accounts';
import { Forbidden, NotFound } from '../../domain/errors';
import { parseRequest } from '../../http/validate';
import { requireUser, viewerOf } from '../../http/viewer';
import { fetchChildmindersIn, fetchTerritoryPlace } from './repository';

/**
 * GET /api/childminders: the childminders of a territory, with their homes, for the planners,
 * reviewers and admins whose territories contain it (the rule of exact figures,
 * domain/accounts/visibility.ts). The public gets 401 before anything is read; a user of another
 * territory 403, whether the territory exists or not (its existence is no secret, but the answer
 * is the same for all codes outside one's scope).
 */
export function childminderRoutes(knex: Knex): Router {
  const router = Router();

  router.get('/childminders', async (req, res) => {
    requireUser(req, ['planner', 'reviewer', 'admin']);
    const { level, code } = parseRequest(req, 'query', childminderQuery);
    const place = await fetchTerritoryPlace(knex, level, code);
    const rule = viewerOf(req).exactFigures;
    if (!place) {
      if (!exactCovers(rule, { level, code })) {
        throw new Forbidden('This is outside the territories you work on');
      }
      throw new NotFound(`Unknown ${level} "${code}"`, { details: { field: 'query.code' } });
    }
    if (!exactCovers(rule, { level, code, ...place })) {
      throw new Forbidden('This is outside the territories you work on');
    }
    const rows = await fetchChildmindersIn(knex, level, code);
    const answer: ChildminderCollection = {
      type: 'FeatureCollection',
      metadata: {
        level,
        code,
        count: rows.length,
        active: rows.filter((r) => r.active).length,
        in_mam: rows.filter((r) => r.mam_id !== null).length,
        without_position: rows.filter((r) => r.lon === null).length,
        fictional: rows.some((r) => r.fictional),
      },
      features: rows.map((r) => ({
        type: 'Feature',
        id: `am-${r.id}`,
        geometry: r.lon === null ? null : { type: 'Point', coordinates: [r.lon, r.lat!] },
        properties: {
          id: Number(r.id),
          commune_code: r.commune_code,
          commune_name: r.commune_name,
          agreement_places: r.agreement_places,
          active: r.active,
          mam_id: r.mam_id === null ? null : Number(r.mam_id),
          mam_name: r.mam_name,
          started_year: r.started_year,
          ended_year: r.ended_year,
          fictional: r.fictional,
          sources: [r.dataset_id],
        },
      })),
    };
    res.set('Cache-Control', 'private, no-store').type('application/geo+json').json(answer);
  });

  return router;
}
