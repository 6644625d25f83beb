/**
 * The review of gap zones over HTTP (contract/gap-zone-review.ts; docs/gap-zones.md, "Review").
 * Reviews are internal deliberation: reading needs a signed-in planner, reviewer or admin whose
 * territories the zone touches; changing it, commenting and deciding a reviewer or admin of the
 * zone's territory. The request is checked first (a 400 names the field, a 404 an unknown
 * zone: zone ids are public), then the caller (401 for the public, 403 for another role or
 * territory).
 */
import { Router, type Request, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import {
  commentBody,
  decisionBody,
  gapZoneIdParams,
  reviewListQuery,
  reviewPatchBody,
  type ReviewList,
} from '../../../../../contract';
import type { Role } from '../../../domain/accounts';
import { spreadsheetSafe } from '../../../kernel';
import { parseRequest } from '../../../http/validate';
import { requireUser } from '../../../http/viewer';
import { placeOf, type GapZoneReviewService } from './service';

/** Who may read reviews, and who may change them (in the zone's territories). */
export const REVIEW_READERS: readonly Role[] = ['planner', 'reviewer', 'admin'];
export const REVIEW_WRITERS: readonly Role[] = ['reviewer', 'admin'];

export function gapZoneReviewRoutes(service: GapZoneReviewService): Router {
  const router = Router();

  router.get('/gap-zones/reviews', async (req, res) => {
    const q = parseRequest(req, 'query', reviewListQuery);
    const user = requireUser(req, REVIEW_READERS);
    const list = await service.list(q, user);
    if (q.format === 'csv') {
      sendCsv(res, `comite-zones-${q.criterion}-${q.minutes}min-${list.metadata.year}.csv`, list);
      return;
    }
    res.json(list);
  });

  /** The zone of `:id`, once the caller is known to hold one of `roles` in its territory. */
  const zoneFor = async (req: Request, roles: readonly Role[]) => {
    const { id } = parseRequest(req, 'params', gapZoneIdParams);
    const zone = await service.zone(id);
    return { zone, user: requireUser(req, roles, placeOf(zone)) };
  };

  router.get('/gap-zones/:id/review', async (req, res) => {
    const { zone } = await zoneFor(req, REVIEW_READERS);
    res.json(await service.read(zone));
  });

  router.patch('/gap-zones/:id/review', async (req, res) => {
    const body = parseRequest(req, 'body', reviewPatchBody);
    const { zone, user } = await zoneFor(req, REVIEW_WRITERS);
    res.json(await service.changeReview(zone, body, user));
  });

  router.post('/gap-zones/:id/comments', async (req, res) => {
    const body = parseRequest(req, 'body', commentBody);
    const { zone, user } = await zoneFor(req, REVIEW_WRITERS);
    res.status(201).json(await service.addComment(zone, body.text, user));
  });

  router.post('/gap-zones/:id/decisions', async (req, res) => {
    const body = parseRequest(req, 'body', decisionBody);
    const { zone, user } = await zoneFor(req, REVIEW_WRITERS);
    res.status(201).json(await service.addDecision(zone, body, user));
  });

  return router;
}

const number = (x: number) => String(x).replace('.', ',');

/**
 * The comité's export for French Excel, as the other CSVs: UTF-8 with a BOM, `;`, decimal
 * commas, CRLF, every text cell spreadsheet-safe (names and decisions are typed by people).
 */
function sendCsv(res: Response, filename: string, list: ReviewList) {
  const columns = [
    'zone',
    'communes',
    'departements',
    'enfants_moins_3_ans',
    'places_manquantes',
    'statut',
    'responsable',
    'decisions',
    'historique_repris_de',
    'annee',
    'donnees_fictives',
  ];
  const rows = list.zones.map((z) => [
    spreadsheetSafe(z.zone_id),
    spreadsheetSafe(z.communes.map((c) => `${c.name} (${c.code})`).join(' | ')),
    spreadsheetSafe(z.departements.join(' | ')),
    number(z.children_under3),
    String(z.places_missing),
    z.review.status_label,
    spreadsheetSafe(z.review.assignee?.name ?? ''),
    spreadsheetSafe(
      z.decisions
        .map((d) => {
          const link = d.link
            ? ` [${d.link.kind === 'facility' ? 'équipement' : 'scénario'} ${d.link.ref}]`
            : '';
          return `${d.decided_on} : ${d.text} (${d.author.name})${link}`;
        })
        .join(' | '),
    ),
    spreadsheetSafe(z.inherited_from.join(' | ')),
    String(list.metadata.year),
    list.metadata.fictional ? 'oui' : 'non',
  ]);
  const body = stringify(rows, {
    header: true,
    columns,
    delimiter: ';',
    record_delimiter: 'windows',
    bom: true,
  });
  res.type('text/csv; charset=utf-8').attachment(filename).send(body);
}
