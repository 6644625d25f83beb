/**
 * POST /api/accessibility: the accessibility rate of every territory beside its official rate,
 * for the method, modes, catchment and weights asked for (docs/accessibility.md). The request and
 * answer are the contract's (contract/accessibility.ts).
 */
import { Router } from 'express';
import { accessibilityBody } from '../../../../contract';
import { parseRequest } from '../../http/validate';
import { viewerOf } from '../../http/viewer';
import { accessibilityAnswer } from './answer';
import type { AccessibilityService } from './service';

export function accessibilityRoutes(service: AccessibilityService): Router {
  const router = Router();
  router.post('/accessibility', async (req, res) => {
    const body = parseRequest(req, 'body', accessibilityBody);
    res.json(await accessibilityAnswer(service, body, viewerOf(req)));
  });
  return router;
}
