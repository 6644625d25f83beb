/**
 * Saved scenarios over HTTP (contract/saved-scenarios.ts; docs/security.md): signed-in users
 * read those of their territories, planners and admins save them, their author or an admin
 * changes or deletes them. The request is checked first (a 400 names the field), then the
 * caller (401 for the public, 403 for another role), then the scenario (404, then 403 for
 * another territory or author).
 */
import { Router } from 'express';
import {
  savedScenarioBody,
  savedScenarioParams,
  savedScenarioUpdateBody,
} from '../../../../../contract';
import type { Role } from '../../../domain/accounts';
import { parseRequest } from '../../../http/validate';
import { requireUser } from '../../../http/viewer';
import type { SavedScenarioService } from './service';

export const SCENARIO_READERS: readonly Role[] = ['planner', 'reviewer', 'admin'];
export const SCENARIO_WRITERS: readonly Role[] = ['planner', 'admin'];

export function savedScenarioRoutes(service: SavedScenarioService): Router {
  const router = Router();

  router.get('/scenarios', async (req, res) => {
    const user = requireUser(req, SCENARIO_READERS);
    res.json({ scenarios: await service.list(user) });
  });

  router.post('/scenarios', async (req, res) => {
    const body = parseRequest(req, 'body', savedScenarioBody);
    const user = requireUser(req, SCENARIO_WRITERS);
    res.status(201).json(await service.create(body, user));
  });

  router.get('/scenarios/:id', async (req, res) => {
    const { id } = parseRequest(req, 'params', savedScenarioParams);
    const user = requireUser(req, SCENARIO_READERS);
    res.json(await service.read(id, user));
  });

  router.put('/scenarios/:id', async (req, res) => {
    const { id } = parseRequest(req, 'params', savedScenarioParams);
    const body = parseRequest(req, 'body', savedScenarioUpdateBody);
    const user = requireUser(req, SCENARIO_WRITERS);
    res.json(await service.update(id, body, user));
  });

  router.delete('/scenarios/:id', async (req, res) => {
    const { id } = parseRequest(req, 'params', savedScenarioParams);
    const user = requireUser(req, SCENARIO_WRITERS);
    await service.remove(id, user);
    res.status(204).end();
  });

  return router;
}
