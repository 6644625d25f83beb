/**
 * Gap zones ("zones sans offre"): GeoJSON for the dashboard's list and map, CSV for a
 * spreadsheet. The request and answer are the contract's (contract/gap-zones.ts); what the
 * criteria, figures and identity rule mean is in docs/gap-zones.md.
 */
import { Router, type Response } from 'express';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db/database';
import { gapZoneQuery, type GapZoneCollection } from '../../../../contract';
import { spreadsheetSafe } from '../../kernel';
import { parseRequest } from '../../http/validate';
import { requireUser } from '../../http/viewer';
import { gapZoneAnswer } from './answer';
import { REVIEW_READERS } from './review/routes';
import type { GapZoneReviewService } from './review/service';
import type { GapZoneService } from './service';

/**
 * GET /api/gap-zones. The review filters (`review_status`, `assignee`) are for signed-in users:
 * they narrow the list, whose zones and figures stay the public's (no review field).
 */
export function gapZoneRoutes(
  _db: Database,
  service: GapZoneService,
  reviews?: GapZoneReviewService,
): Router {
  const router = Router();
  router.get('/gap-zones', async (req, res) => {
    const q = parseRequest(req, 'query', gapZoneQuery);
    const byReview = q.review_status !== undefined || q.assignee !== undefined;
    if (byReview) requireUser(req, REVIEW_READERS);
    const answer = await gapZoneAnswer(service, q);
    if (byReview && reviews) {
      const of = await reviews.reviewsOf(answer.features.map((f) => f.id));
      answer.features = answer.features.filter((f) => {
        const review = of.get(f.id)!;
        return (
          (q.review_status === undefined || review.status === q.review_status) &&
          (q.assignee === undefined || review.assignee?.id === q.assignee)
        );
      });
    }
    if (q.format === 'csv') {
      const where = q.code ? `-${q.level}-${q.code}` : '';
      sendCsv(
        res,
        `zones-${q.criterion}-${q.minutes}min${where}-${answer.metadata.year}.csv`,
        answer,
      );
      return;
    }
    res.type('application/geo+json').json(answer);
  });
  return router;
}

const number = (x: number) => String(x).replace('.', ',');
const names = (list: { code: string; name: string }[]) =>
  spreadsheetSafe(list.map((t) => `${t.name} (${t.code})`).join(' | '));

/**
 * CSV that French Excel opens correctly, as the territory list's: UTF-8 with a BOM, `;`,
 * decimal commas, CRLF; text made spreadsheet-safe. One row per zone; sources by name and
 * vintage, "[fictif]" for fictional ones.
 */
function sendCsv(res: Response, filename: string, answer: GapZoneCollection) {
  const { metadata } = answer;
  const sources = spreadsheetSafe(
    metadata.datasets
      .map((d) => `${d.name} (${d.vintage})${d.fictional ? ' [fictif]' : ''}`)
      .join(' | '),
  );
  const columns = [
    'id',
    'statut',
    'successeurs',
    'critere',
    'minutes',
    'annee',
    'enfants_moins_3_ans',
    'enfants_estimes',
    'places_manquantes',
    'taux_reference',
    'places_proches',
    'cellules',
    'cellules_sans_acces',
    'surface_km2',
    'communes',
    'epci',
    'departements',
    'donnees_fictives',
    'sources',
  ];
  const rows = answer.features.map(({ properties: p }) => [
    spreadsheetSafe(p.id),
    p.status,
    spreadsheetSafe(p.successors.join(' | ')),
    metadata.criterion,
    String(metadata.minutes),
    String(metadata.year),
    number(p.children_under3),
    p.children_estimated ? 'oui' : 'non',
    String(p.places_missing),
    number(metadata.reference_rate),
    spreadsheetSafe(
      p.nearest.map((n) => `${n.name ?? n.id} (${number(n.minutes)} min)`).join(' | '),
    ),
    String(p.cells),
    String(p.cells_unreachable),
    number(p.area_km2),
    names(p.communes),
    names(p.epcis),
    spreadsheetSafe(p.departements.join(' | ')),
    metadata.fictional ? 'oui' : 'non',
    sources,
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
