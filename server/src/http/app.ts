import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import type { Config } from '../config/config';
import type { Database } from '../db/database';
import { coverageRoutes } from '../features/coverage/routes';
import { healthRoutes } from '../features/health/routes';
import { tileRoutes } from '../features/tiles/routes';
import type { RoutingPool } from '../features/travel/routing-pool';
import { travelRoutes } from '../features/travel/routes';
import type { Logger } from '../logging/logger';
import { abortWhenClientGoes } from './client-gone';
import { DatabaseOutage } from './database-outage';
import { apiNotFound, errorHandler } from './error-handler';
import { rejectMalformedUrl } from './malformed-url';
import { securityHeaders } from './security-headers';
import { openApiDocument } from './openapi';
import { heavyEndpointLimit } from './rate-limits';

export interface AppDependencies {
  /**
   * `tileCacheMb` absent: no tile cache; `heavyRequestsPerMinute` absent: no rate limit (the
   * server's configuration always sets both).
   */
  config: Pick<Config, 'clientDir' | 'basemapStyleUrl'> &
    Partial<Pick<Config, 'tileCacheMb' | 'heavyRequestsPerMinute'>>;
  db: Database;
  logger: Logger;
  /** Worker threads for the travel endpoints' routing; absent: routing in the request thread. */
  routing?: RoutingPool;
}

/** The HTTP application, built from its dependencies (no globals, no environment). */
export function createApp({ config, db, logger, routing }: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.use(securityHeaders({ basemapStyleUrl: config.basemapStyleUrl }));
  app.use(rejectMalformedUrl);
  app.use(abortWhenClientGoes);
  app.use(express.json({ limit: '1mb' }));

  const api = express.Router();
  const openapi = openApiDocument();
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  // Endpoints whose work is heavy (routing, whole-territory CSV) are rate-limited per client.
  const perMinute = config.heavyRequestsPerMinute ?? 0;
  api.post('/isochrones', heavyEndpointLimit('isochrone', perMinute, logger));
  api.get('/travel/nearest', heavyEndpointLimit('travel time', perMinute, logger));
  api.get(
    '/territories',
    heavyEndpointLimit('CSV export', perMinute, logger, (req) => req.query.format === 'csv'),
  );
  api.use(healthRoutes(db, config.basemapStyleUrl));
  api.use(tileRoutes(db, { cacheBytes: (config.tileCacheMb ?? 0) * 1024 * 1024 }));
  api.use(coverageRoutes(db));
  api.use(travelRoutes(db, routing));
  api.use(apiNotFound);
  app.use('/api', api);

  serveClient(app, config.clientDir);
  // Any query answered ends an outage the error handler has seen begin.
  const outage = new DatabaseOutage(logger);
  db.knex.on('query-response', () => outage.answered());
  app.use(errorHandler(logger, outage));
  return app;
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
