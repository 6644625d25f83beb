/**
 * Travel times over the stored road network (issue #6). The contract, also in
 * docs/travel-times.md:
 *
 * POST /api/isochrones   body { lon, lat, minutes: number[], mode: 'car'|'walk', year? }
 *   - lon/lat: WGS84 degrees, inside the bounding box of the loaded territories;
 *   - minutes: 1 to 6 whole numbers from 1 to 60, increasing, no repeats (cumulative bands
 *     [0, m]); mode: car | walk; year: 1900..2100 with data (latest by default).
 *   → 200 application/geo+json FeatureCollection:
 *     features: one per band, by increasing minutes, nested valid MultiPolygons (WGS84), with
 *       properties { minutes, mode, year, children_under3 (estimated, null without population),
 *       children_estimated: true, children_method: 'commune_area_share', places_eaje_psu,
 *       places_eaje_hors_psu, places_am, places_mam, places_total, area_km2, communes,
 *       fictional, sources (dataset ids) };
 *     origin: { reachable: true, lon, lat, snapped: { lon, lat }, off_network_m,
 *       off_network_minutes, edge_id } or { reachable: false, lon, lat, snapped: null,
 *       reason: 'too-far-from-road' | 'no-usable-road' | 'invalid-coordinates', message,
 *       nearest_road_m } with no feature (a clear answer, not an error);
 *     metadata: { mode, year, years, minutes, cell_m, children_method, am_under3_share,
 *       fictional, datasets (provenance records) }.
 *   → 400 { error: { code: 'bad_request' | 'year_not_available', message, details: [{ field,
 *       message }] } } naming body.lon, body.lat, body.minutes, body.mode, body.year;
 *     404 no_data / no_roads when nothing or no road is loaded.
 *
 * GET /api/travel/nearest?level=commune|grid&target=eaje|mam|formal[&min_places=N][&mode=car|walk]
 *     [&year=YYYY][&departement=CODE]
 *   - target formal = any EAJE or MAM (AM at home never count: no location is public);
 *     min_places 1..200 (default 1): only facilities with at least that many places;
 *     mode car by default; departement: only that département's communes / cells (targets in
 *     every loaded département count).
 *   → 200 FeatureCollection; level=commune: commune outlines with { code, name,
 *     departement_code, minutes, nearest, children_under3, label_point, off_network };
 *     level=grid: square cells (Polygon) with { id: 'col-row', minutes, nearest, off_network };
 *     minutes is null beyond metadata.max_minutes (60) or when the place cannot join the roads.
 *     metadata: { level, target, target_types, min_places, mode, year, years, departement,
 *       max_minutes, origin_rule, cell_m (grid), targets, targets_off_network, fictional,
 *       sources (ids), datasets }.
 *   → 400 naming query.<field>; 404 for a département not loaded, no data or no roads.
 *
 * Both are GeoJSON endpoints consumed by the dashboard directly (not vector tiles: the
 * answers depend on a clicked point or on search parameters, and stay small).
 */
import { Router } from 'express';
import type { Database } from '../../db/database';
import { parseRequest } from '../../http/validate';
import { isochroneAnswer } from './isochrones';
import { nearestAnswer } from './nearest';
import { isochroneBody, nearestQuery } from './schemas';
import { TravelService } from './service';

/** POST /api/isochrones, GET /api/travel/nearest. */
export function travelRoutes(db: Database, service = new TravelService(db.knex)): Router {
  const router = Router();

  router.post('/isochrones', async (req, res) => {
    const body = parseRequest(req, 'body', isochroneBody);
    res.type('application/geo+json').json(await isochroneAnswer(service, body));
  });

  router.get('/travel/nearest', async (req, res) => {
    const q = parseRequest(req, 'query', nearestQuery);
    res.type('application/geo+json').json(await nearestAnswer(service, q));
  });

  return router;
}
