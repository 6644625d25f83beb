import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Config } from '../config/config';
import type { Database } from '../db/database';
import { accountRoutes } from '../features/accounts/routes';
import { childminderRoutes } from '../features/childminders/routes';
import { datasetRoutes } from '../features/datasets/routes';
import { importRoutes, UPLOAD_PATH } from '../features/imports/routes';
import { findUserById } from '../features/accounts/users';
import { accessibilityRoutes } from '../features/accessibility/routes';
import { accessibilityByCode } from '../features/accessibility/answer';
import { AccessibilityService, cellAccessibility } from '../features/accessibility/service';
import { prepareCellTiles } from '../features/accessibility/cell-tiles';
import { coverageRoutes } from '../features/coverage/routes';
import { gapZoneRoutes } from '../features/gap-zones/routes';
import { GAP_ZONE_TILE_CRITERION, GapZoneService } from '../features/gap-zones/service';
import { gapZoneReviewRoutes } from '../features/gap-zones/review/routes';
import { GapZoneReviewService } from '../features/gap-zones/review/service';
import { forecastRoutes } from '../features/coverage/forecast/routes';
import { reportRoutes } from '../features/coverage/report/routes';
import { healthRoutes } from '../features/health/routes';
import { siteSelectionRoutes } from '../features/site-selection/routes';
import { SiteCardService } from '../features/site-selection/site-card';
import { scenarioPlaceMoves } from '../features/site-selection/scenario';
import { savedScenarioRoutes } from '../features/site-selection/saved/routes';
import { SavedScenarioService } from '../features/site-selection/saved/service';
import { tileRoutes } from '../features/tiles/routes';
import { createTileService, type LayerParams } from '../features/tiles/service';
import type { RoutingPool } from '../features/travel/routing-pool';
import type { OptimiserPool } from '../features/site-selection/optimiser-pool';
import { travelRoutes } from '../features/travel/routes';
import { TravelService } from '../features/travel/service';
import type { Logger } from '../logging/logger';
import { detached } from '../db/cancellable';
import { abortWhenClientGoes, cancelStatementsWhenClientGoes } from './client-gone';
import { DatabaseOutage } from './database-outage';
import { apiNotFound, errorHandler } from './error-handler';
import { rejectMalformedUrl } from './malformed-url';
import { receiveDeadline } from './request-timeout';
import { securityHeaders } from './security-headers';
import { sessionLayer } from './session';
import { openApiDocument } from './openapi';
import { heavyEndpointLimit } from './rate-limits';
import { NotFound } from '../domain/errors';

export interface AppDependencies {
  /**
   * `tileCacheMb` absent: no tile cache; `heavyRequestsPerMinute` absent: no rate limit (the
   * server's configuration always sets both).
   */
  config: Pick<Config, 'clientDir' | 'basemapStyleUrl'> &
    Partial<
      Pick<
        Config,
        | 'tileCacheMb'
        | 'heavyRequestsPerMinute'
        | 'chromiumPath'
        | 'sessionSecret'
        | 'trustProxy'
        | 'requestTimeoutMs'
        | 'uploadTimeoutMs'
        | 'tileStore'
      >
    >;
  db: Database;
  logger: Logger;
  /** Worker threads for the travel endpoints' routing; absent: routing in the request thread. */
  routing?: RoutingPool;
  /** Worker threads for the site-selection optimiser; absent: it runs in the request thread. */
  optimiser?: OptimiserPool;
  /**
   * Bring the `gapzones` layer's zones up to date in the background (at start, after a write,
   * at a new data version) rather than in the first tile request that needs them. The server
   * sets it; absent (tests): only tile requests do.
   */
  prepareAhead?: boolean;
}

/** The HTTP application, built from its dependencies (no globals, no environment). */
export function createApp({
  config,
  db,
  logger,
  routing,
  optimiser,
  prepareAhead: gapZonesAhead = false,
}: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  // Behind the deploy/ proxy, X-Forwarded-Proto says HTTPS (Secure cookies) and -For the client.
  app.set('trust proxy', config.trustProxy ?? 'loopback');
  app.use(securityHeaders({ basemapStyleUrl: config.basemapStyleUrl }));
  app.use(rejectMalformedUrl);
  app.use(abortWhenClientGoes);
  // Uploads may take longer to arrive than any other request (absent: no limit of the app's).
  app.use(
    receiveDeadline((req) =>
      req.method === 'POST' && req.path === UPLOAD_PATH
        ? (config.uploadTimeoutMs ?? 0)
        : (config.requestTimeoutMs ?? 0),
    ),
  );
  app.use(express.json({ limit: '1mb' }));

  const api = express.Router();
  // Sessions, the viewer and the CSRF check of writes come before every API route.
  const sessions = sessionLayer(db.knex, config.sessionSecret ?? null);
  api.use(sessions.middleware);
  const openapi = openApiDocument();
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  // Endpoints whose work is heavy (routing, whole-territory CSV) are rate-limited per client.
  const perMinute = config.heavyRequestsPerMinute ?? 0;
  api.post('/isochrones', heavyEndpointLimit('isochrone', perMinute, logger));
  api.post('/accessibility', heavyEndpointLimit('accessibility', perMinute, logger));
  api.get('/travel/nearest', heavyEndpointLimit('travel time', perMinute, logger));
  api.post('/site-card', heavyEndpointLimit('site card', perMinute, logger));
  api.post('/site-selection', heavyEndpointLimit('site selection', perMinute, logger));
  api.post('/scenario', heavyEndpointLimit('scenario', perMinute, logger));
  api.get('/report.pdf', heavyEndpointLimit('PDF report', perMinute, logger));
  api.get('/report.csv', heavyEndpointLimit('report CSV', perMinute, logger));
  api.get(
    '/gap-zones',
    heavyEndpointLimit('CSV export', perMinute, logger, (req) => req.query.format === 'csv'),
  );
  api.get(
    '/territories',
    heavyEndpointLimit('CSV export', perMinute, logger, (req) => req.query.format === 'csv'),
  );
  // Their statements stop when the client goes away; what they share with other requests runs
  // detached (db/cancellable.ts).
  api.get(
    ['/territories', '/tiles/{*tile}', '/report.csv', '/report.pdf'],
    cancelStatementsWhenClientGoes,
  );
  api.use(healthRoutes(db, config.basemapStyleUrl));
  api.use(accountRoutes(db.knex, sessions));
  api.use(childminderRoutes(db.knex));
  // One travel service per database: its road network serves isochrones, the accessibility
  // figures and the gap zones' times to the nearest place (one graph, one cache of searches).
  const travel = new TravelService(db.knex);
  // With a routing pool, the accessibility's car matrix and catchment run in its worker threads.
  const accessibility = new AccessibilityService(
    db.knex,
    travel,
    routing && {
      network: async (fictional) => {
        const versions = await travel.versions();
        const packed = await travel.packedNetwork(versions, fictional);
        return { versions, datasetIds: packed.datasetIds };
      },
      matrix: async ({ fictional, versions, ...task }, signal) => {
        const packed = await travel.packedNetwork(versions, fictional);
        return routing.accessMatrix({ network: packed.ref, ...task }, signal);
      },
      share: (input, signal) => routing.accessShare(input, signal),
    },
  );
  const gapZones = new GapZoneService(
    db.knex,
    (year, points, fictional) => travel.timesToNearestFormal(year, points, fictional),
    async (year, fictional) => {
      // Parts of a cell split by a commune line share its centroid, hence its access.
      const { cells } = await cellAccessibility(accessibility, { year, fictional });
      return new Map(cells.map((c) => [c.cell_id, c.access * 100]));
    },
    { sharedByProcesses: db.mode === 'server' },
  );
  // What a visitor's first request would otherwise pay is prepared in the background: at start,
  // once an import or a dataset's removal has answered, and when a tile request meets a data
  // version this process has not seen (an import by the command line or another instance). The
  // tile store renders ahead (absent `tileStore`: no store) and the `gapzones` layer's zones are
  // brought up to date (at national scale, a minute of routing that a tile would wait for).
  const prepareGapZoneTiles = async () => {
    if (!gapZonesAhead) return;
    await detached(() => gapZones.prepareTiles()).catch((error) =>
      logger.warn({ err: error }, 'gap zones: preparation for the tiles failed'),
    );
  };
  const prepareTileLayer = async (id: string, params: LayerParams) => {
    if (id === 'gapzones') await detached(() => gapZones.prepareTiles());
    if (id === 'accessibility') await detached(() => prepareCellTiles(accessibility, params));
  };
  const tiles = createTileService(db, {
    cacheBytes: (config.tileCacheMb ?? 0) * 1024 * 1024,
    store: config.tileStore ?? false,
    onBackgroundError: (error) => logger.warn({ err: error }, 'tile store: render-ahead failed'),
    onNewVersion: () => void prepareGapZoneTiles(),
    // The render-ahead (at start and after an import) prepares the `accessibility` figures too.
    prepareAhead: (id) => prepareTileLayer(id, {}),
  });
  const prepareAhead = () =>
    Promise.all([
      prepareGapZoneTiles(),
      config.tileStore
        ? tiles
            .renderAhead()
            .catch((error) => logger.warn({ err: error }, 'tile store: render-ahead failed'))
        : null,
    ]).then(() => undefined);
  api.use(['/imports', '/datasets'], (req, res, next) => {
    if (req.method !== 'GET') {
      res.once('finish', () => {
        if (res.statusCode < 300) void prepareAhead();
      });
    }
    next();
  });
  app.locals[STARTUP_WORK] = new Promise<void>((resolve) => {
    setImmediate(() => resolve(prepareAhead()));
  });
  api.use(importRoutes(db));
  api.use(datasetRoutes(db));
  api.use(tileRoutes(db, { service: tiles, prepareLayer: prepareTileLayer }));
  api.use(coverageRoutes(db, (q) => detached(() => accessibilityByCode(accessibility, q))));
  api.use(travelRoutes(db, routing, travel));
  api.use(accessibilityRoutes(accessibility));
  const savedScenarios = new SavedScenarioService(db.knex);
  const gapZoneReviews = new GapZoneReviewService(
    db.knex,
    gapZones,
    (id) => findUserById(db.knex, id),
    (id) => savedScenarios.exists(id),
  );
  api.use(gapZoneReviewRoutes(gapZoneReviews));
  api.use(gapZoneRoutes(db, gapZones, gapZoneReviews));
  const siteCards = new SiteCardService(db.knex, {
    accessibility: (p) => accessibility.run(p),
    network: (fictional) => travel.network(fictional),
    nearestFormal: (year, points, fictional) =>
      travel.timesToNearestFormal(year, points, fictional),
    gapZoneSet: async (fictional) => {
      try {
        const set = await gapZones.current(GAP_ZONE_TILE_CRITERION, fictional);
        return { key: set.key, year: set.year };
      } catch (error) {
        if (error instanceof NotFound) return null;
        throw error;
      }
    },
  });
  api.use(
    forecastRoutes(db, async (id, user) => {
      const saved = await savedScenarios.read(id, user);
      const { year, moves } = await scenarioPlaceMoves(siteCards, {
        changes: saved.changes,
        ...(saved.year !== null ? { year: saved.year } : {}),
      });
      return { id: saved.id, name: saved.name, author: saved.author.name, year, moves };
    }),
  );
  api.use(siteSelectionRoutes(siteCards, optimiser?.solve));
  api.use(savedScenarioRoutes(savedScenarios));
  api.use(reportRoutes(db, { clientDir: config.clientDir, chromiumPath: config.chromiumPath }));
  api.use(apiNotFound);
  app.use('/api', api);

  serveClient(app, config.clientDir);
  // Any query answered ends an outage the error handler has seen begin.
  const outage = new DatabaseOutage(logger);
  db.knex.on('query-response', () => outage.answered());
  app.use(errorHandler(logger, outage));
  return app;
}

const STARTUP_WORK = 'berceauStartupWork';

/**
 * Settles when what the app prepares at start (tile store render-ahead, gap zones) is done; it
 * never fails (failures are logged). The server does not wait for it: benchmarks do, to time a
 * started server apart from its start.
 */
export function startupWork(app: Express): Promise<void> {
  return (app.locals[STARTUP_WORK] as Promise<void> | undefined) ?? Promise.resolve();
}

/** The built dashboard, or a placeholder page when it has not been built. */
function serveClient(app: Express, clientDir: string) {
  const index = path.join(clientDir, 'index.html');
  if (fs.existsSync(index)) {
    app.use(express.static(clientDir, { index: false, maxAge: '1h' }));
    app.get('/{*path}', (_req, res) => res.sendFile(index, { maxAge: 0 }));
    return;
  }
  app.get('/', (_req, res) => {
    res
      .type('html')
      .send(
        '<!doctype html><html lang="fr"><meta charset="utf-8"><title>Berceau</title>' +
          '<h1>Berceau</h1><p>Le tableau de bord n’est pas encore construit : lancez <code>npm run build</code>.</p>' +
          '<p>API : <a href="/api/health">/api/health</a></p></html>',
      );
  });
}
