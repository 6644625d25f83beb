/**
 * POST /api/site-card: what a point offers and what a MAM or micro-crèche there would add
 * (docs/site-finder.md); POST /api/site-selection: the optimiser on the stored grid and car
 * times, as one JSON answer or, asked for with `Accept: application/x-ndjson`, streamed with its
 * progress. The request and answer are the contract's (contract/site-card.ts,
 * contract/site-selection.ts).
 */
import { Router } from 'express';
import { scenarioBody, siteCardBody, siteSelectionBody } from '../../../../contract';
import { requestSignal } from '../../http/client-gone';
import { startNdjson, wantsNdjson } from '../../http/ndjson';
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
    // An invalid body is a 400 before anything is streamed; later failures end the stream.
    const body = parseRequest(req, 'body', siteSelectionBody);
    if (!wantsNdjson(req)) {
      res.json(await optimiseSites(cards, body, requestSignal(res), solve));
      return;
    }
    const line = startNdjson(res);
    const result = await optimiseSites(cards, body, requestSignal(res), solve, (progress) =>
      line({ progress }),
    );
    line({ result });
    res.end();
  });
  router.post('/scenario', async (req, res) => {
    const body = parseRequest(req, 'body', scenarioBody);
    res.json(await evaluateScenario(cards, body, requestSignal(res)));
  });
  return router;
}
