/**
 * POST /api/site-card: what a point offers and what a MAM or micro-crèche there would add
 * (docs/site-finder.md); POST /api/site-selection: the optimiser on the stored grid and car times. The request and answer are the contract's (contract/site-card.ts).
 */
import { Router } from 'express';
import { scenarioBody, siteCardBody, siteSelectionBody } from '../../../../contract';
import { requestSignal } from '../../http/client-gone';
import { parseRequest } from '../../http/validate';
import { viewerOf } from '../../http/viewer';
import { optimiseSites } from './optimise';
import type { SolveSites } from './optimiser-pool';
import { evaluateScenario } from './scenario';
import type { SiteCardService } from './site-card';

/** `solve`: the optimiser's worker threads (OptimiserPool.solve); absent: the request thread. */
export function siteSelectionRoutes(cards: SiteCardService, solve?: SolveSites): Router {
  const router = Router();
  router.post('/site-card', async (req, res) => {
    const body = parseRequest(req, 'body', siteCardBody);
    res.json(await cards.card(body, viewerOf(req), requestSignal(res)));
  });
  router.post('/site-selection', async (req, res) => {
    const body = parseRequest(req, 'body', siteSelectionBody);
    res.json(await optimiseSites(cards, body, requestSignal(res), solve));
  });
  router.post('/scenario', async (req, res) => {
    const body = parseRequest(req, 'body', scenarioBody);
    res.json(await evaluateScenario(cards, body, requestSignal(res)));
  });
  return router;
}
