/**
 * POST /api/accessibility: the accessibility rate of every territory beside its official rate,
 * for the method, modes, catchment and weights asked for (docs/accessibility.md); GET
 * /api/accessibility/cells: the grid cells and their accessibility, for the map. The requests and
 * answers are the contract's (contract/accessibility.ts).
 */
import { Router } from 'express';
import { accessibilityBody, accessibilityCellsQuery } from '../../../../contract';
import { requestSignal } from '../../http/client-gone';
import { parseRequest } from '../../http/validate';
import { viewerOf } from '../../http/viewer';
import { accessibilityAnswer, accessibilityCellsAnswer } from './answer';
import type { AccessibilityService } from './service';

export function accessibilityRoutes(service: AccessibilityService): Router {
  const router = Router();
  router.post('/accessibility', async (req, res) => {
    const body = parseRequest(req, 'body', accessibilityBody);
    res.json(await accessibilityAnswer(service, body, viewerOf(req), requestSignal(res)));
  });
  router.get('/accessibility/cells', async (req, res) => {
    const q = parseRequest(req, 'query', accessibilityCellsQuery);
    res
      .type('application/geo+json')
      .json(await accessibilityCellsAnswer(service, q, viewerOf(req)));
  });
  return router;
}
