import path from 'node:path';
import { ConfigError, loadConfig } from './config/config';
import { openDatabase } from './db/database';
import { EXIT, reportFailure } from './exit-codes';
import { isEmpty } from './features/demo/repository';
import { loadDemo } from './features/demo/service';
import { RoutingPool } from './features/travel/routing-pool';
import { OptimiserPool, OPTIMISER_POOL } from './features/site-selection/optimiser-pool';
import { createApp, startupWork } from './http/app';
import { leaveRequestTimeoutToApp } from './http/request-timeout';
import { applySecrecyThreshold, demoWasRemoved } from './kernel';
import { createLogger } from './logging/logger';

const ROOT = path.resolve(import.meta.dirname, '../..');

async function main() {
  const started = performance.now();
  let config;
  try {
    config = loadConfig(process.env, ROOT);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(EXIT.usage);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    embedded: { dataDir: config.dataDir, command: 'the Berceau server (npm start)' },
    statementTimeoutMs: config.statementTimeoutMs,
    warn: (message) => logger.warn(message),
    listenForDataChanges: true,
  });
  logger.info(
    {
      mode: db.mode,
      database: db.mode === 'server' ? db.displayUrl : config.dataDir,
      capabilities: db.capabilities,
      migrationsApplied: db.migrationsApplied,
    },
    'database ready',
  );
  // A fresh install gets the demo; a user who removed it does not get it back by itself.
  if (config.autoloadDemo && (await isEmpty(db.knex)) && !(await demoWasRemoved(db.knex))) {
    logger.info('empty database: loading the fictional demo territory');
    const report = await loadDemo(db);
    logger.info(report, 'demo territory loaded');
  }
  // The stored secrecy flags follow the configured threshold before anything is served.
  const secrecyChanged = await applySecrecyThreshold(db.knex, config.secrecyThreshold);
  if (secrecyChanged > 0) {
    logger.info(
      { threshold: config.secrecyThreshold, figures: secrecyChanged },
      'statistical secrecy applied with a new threshold',
    );
  }

  // Routing (isochrones, nearest places) runs in worker threads; tiles and lists stay answered.
  const routing = new RoutingPool({ threads: config.routingThreads, queue: config.routingQueue });
  // The site-selection optimiser too: its solves take seconds of CPU.
  const optimiser = new OptimiserPool(OPTIMISER_POOL);
  // The gap zones' tiles are prepared at start and after data changes, not by a visitor's tile.
  const app = createApp({ config, db, logger, routing, optimiser, prepareAhead: true });
  const server = app.listen(config.port, config.host);
  // The app limits how long each request may take to arrive (uploads longer): not Node.
  leaveRequestTimeoutToApp(server);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}/`;
  // A command refused by the embedded database's lock names this server and its address.
  await db.lock
    ?.announce(url)
    .catch((error) => logger.warn({ err: error }, 'could not record the URL in the lock'));
  logger.info({ url, startupMs: Math.round(performance.now() - started) }, 'Berceau is ready');
  console.log(`\nBerceau est prêt : ${url}\n`);
  // Requests are answered meanwhile; bench:load waits for this line before timing.
  void startupWork(app).then(() =>
    logger.info({ ms: Math.round(performance.now() - started) }, 'start-up work done'),
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close();
    server.closeAllConnections();
    await routing.close();
    await optimiser.close();
    await db.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  process.exit(reportFailure(error, 'Berceau failed to start: '));
});
