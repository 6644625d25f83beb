import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_SECRECY_THRESHOLD } from '../domain/secrecy';

/**
 * Runtime configuration, validated once at start-up so that bad configuration fails fast
 * with a message naming the variable. Nothing else in the server reads `process.env`.
 */
export interface Config {
  port: number;
  host: string;
  /** PostgreSQL + PostGIS server; when absent the embedded PGlite database is used. */
  databaseUrl: string | null;
  /** Where the embedded database persists its files. */
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the fictional demo territory when the database holds no territory at start. */
  autoloadDemo: boolean;
  /** Optional online basemap style for the dashboard (off by default: the product works offline). */
  basemapStyleUrl: string | null;
  /** Directory of the built client served at `/`. */
  clientDir: string;
  /** Memory for encoded vector tiles kept between requests, in megabytes; 0 turns the cache off. */
  tileCacheMb: number;
  /** Longest a request's SQL statement may run before it is cancelled (503); 0: no limit. */
  statementTimeoutMs: number;
  /** Requests per minute per client to each heavy endpoint (isochrones, travel, CSV); 0: no limit. */
  heavyRequestsPerMinute: number;
  /**
   * Statistical secrecy: public answers withhold the childminder figures of a territory where
   * fewer than this many childminders work (server/src/domain/secrecy).
   */
  secrecyThreshold: number;
  /** Chromium for the PDF report (`BERCEAU_CHROMIUM`); null: /usr/bin/chromium if present. */
  chromiumPath: string | null;
  /** Worker threads computing isochrones and times to the nearest place. */
  routingThreads: number;
  /** Routing tasks that may wait for a thread; past it the API answers 503 routing_busy. */
  routingQueue: number;
  /**
   * Signs session cookies and CSRF tokens (`BERCEAU_SESSION_SECRET`, 32 characters or more);
   * null: one generated once and kept in the database (docs/security.md).
   */
  sessionSecret: string | null;
  /**
   * Which proxies' X-Forwarded-For/-Proto to believe (`BERCEAU_TRUST_PROXY`, Express's `trust
   * proxy`: `loopback`, a list of addresses or subnets, a hop count, or `false`).
   */
  trustProxy: string | number | boolean;
  /**
   * Longest a request may take to arrive whole (`BERCEAU_REQUEST_TIMEOUT_MS`, Node's 300 s by
   * default), for every route but uploads; 0: no limit (http/request-timeout.ts).
   */
  requestTimeoutMs: number;
  /** The same for an administrator's upload (`POST /api/imports`, `BERCEAU_UPLOAD_TIMEOUT_MS`). */
  uploadTimeoutMs: number;
  /**
   * Keep the low zooms' public tiles in the database, rendered ahead after each import
   * (`BERCEAU_TILE_STORE`, default true; docs/tiles.md).
   */
  tileStore: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: { variable: string; message: string }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/** Default memory of the tile cache: every low-zoom tile of a whole-France load fits many times. */
export const DEFAULT_TILE_CACHE_MB = 64;
/** Default statement timeout: far above the slowest answer at national scale, below a user's patience. */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
/** Default heavy requests per minute per client: a planner clicking isochrones never reaches it. */
export const DEFAULT_HEAVY_REQUESTS_PER_MINUTE = 60;

/** Default time for a request to arrive whole: Node's own default (`server.requestTimeout`). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 300_000;
/** Default time for an upload to arrive whole: 1 GB (the upload limit) at about 2.5 Mbit/s. */
export const DEFAULT_UPLOAD_TIMEOUT_MS = 3_600_000;

/** Default routing threads: the cores but one (kept for the request thread), 1 to 4. */
export const DEFAULT_ROUTING_THREADS = Math.min(4, Math.max(1, os.availableParallelism() - 1));
/** Default routing tasks waiting: a few seconds of isochrones, not minutes. */
export const DEFAULT_ROUTING_QUEUE = 16;

const schema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: optionalString.pipe(
    z
      .string()
      .refine((s) => /^postgres(ql)?:\/\//.test(s), {
        message: 'must be a postgres:// or postgresql:// URL',
      })
      .refine((s) => URL.canParse(s), { message: 'is not a valid URL' })
      .optional(),
  ),
  BERCEAU_DATA_DIR: optionalString,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  BERCEAU_AUTOLOAD_DEMO: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true'),
  BERCEAU_BASEMAP_STYLE_URL: optionalString.pipe(
    z.url({ message: 'must be an http(s) URL' }).optional(),
  ),
  BERCEAU_TILE_CACHE_MB: z.coerce
    .number({ error: 'must be a number of megabytes' })
    .int('must be a whole number of megabytes')
    .min(0, 'must be 0 (no cache) or more megabytes')
    .max(65536, 'must be at most 65536 megabytes')
    .default(DEFAULT_TILE_CACHE_MB),
  BERCEAU_STATEMENT_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0, 'must be 0 (no limit) or more milliseconds')
    .max(3_600_000, 'must be at most 3600000 milliseconds (an hour)')
    .default(DEFAULT_STATEMENT_TIMEOUT_MS),
  BERCEAU_HEAVY_REQUESTS_PER_MINUTE: z.coerce
    .number({ error: 'must be a number of requests' })
    .int('must be a whole number of requests')
    .min(0, 'must be 0 (no limit) or more requests')
    .max(1_000_000, 'must be at most 1000000 requests')
    .default(DEFAULT_HEAVY_REQUESTS_PER_MINUTE),
  BERCEAU_SECRECY_THRESHOLD: z.coerce
    .number({ error: 'must be a number of childminders' })
    .int('must be a whole number of childminders')
    .min(1, 'must be at least 1 (1: nothing withheld)')
    .max(1000, 'must be at most 1000')
    .default(DEFAULT_SECRECY_THRESHOLD),
  BERCEAU_CHROMIUM: optionalString,
  BERCEAU_ROUTING_THREADS: z.coerce
    .number({ error: 'must be a number of threads' })
    .int('must be a whole number of threads')
    .min(1, 'must be at least 1 thread')
    .max(64, 'must be at most 64 threads')
    .default(DEFAULT_ROUTING_THREADS),
  BERCEAU_ROUTING_QUEUE: z.coerce
    .number({ error: 'must be a number of tasks' })
    .int('must be a whole number of tasks')
    .min(0, 'must be 0 (no waiting) or more tasks')
    .max(10_000, 'must be at most 10000 tasks')
    .default(DEFAULT_ROUTING_QUEUE),
  BERCEAU_SESSION_SECRET: optionalString.pipe(
    z.string().min(32, 'must be at least 32 characters').optional(),
  ),
  BERCEAU_TRUST_PROXY: z.string().trim().min(1).default('loopback'),
  BERCEAU_REQUEST_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0, 'must be 0 (no limit) or more milliseconds')
    .max(3_600_000, 'must be at most 3600000 milliseconds (an hour)')
    .default(DEFAULT_REQUEST_TIMEOUT_MS),
  BERCEAU_UPLOAD_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(0, 'must be 0 (no limit) or more milliseconds')
    .max(86_400_000, 'must be at most 86400000 milliseconds (a day)')
    .default(DEFAULT_UPLOAD_TIMEOUT_MS),
  BERCEAU_TILE_STORE: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('true'),
});

/** Express's `trust proxy` from its text: a hop count, true/false, or addresses and names. */
function trustProxyValue(text: string): string | number | boolean {
  if (/^\d+$/.test(text)) return Number(text);
  if (text === 'true' || text === 'false') return text === 'true';
  return text;
}

/** Validate the environment; throws {@link ConfigError} listing every problem. */
export function loadConfig(env: Record<string, string | undefined>, rootDir: string): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message:
          issue.path[0] === 'BERCEAU_SESSION_SECRET'
            ? `${issue.message} (its value is not shown: it is a secret)`
            : `${issue.message} (got ${JSON.stringify(env[String(issue.path[0])] ?? null)})`,
      })),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(rootDir, e.BERCEAU_DATA_DIR ?? '.data/pglite'),
    logLevel: e.LOG_LEVEL,
    autoloadDemo: e.BERCEAU_AUTOLOAD_DEMO === 'true' || e.BERCEAU_AUTOLOAD_DEMO === '1',
    basemapStyleUrl: e.BERCEAU_BASEMAP_STYLE_URL ?? null,
    clientDir: path.resolve(rootDir, 'client/dist'),
    tileCacheMb: e.BERCEAU_TILE_CACHE_MB,
    statementTimeoutMs: e.BERCEAU_STATEMENT_TIMEOUT_MS,
    heavyRequestsPerMinute: e.BERCEAU_HEAVY_REQUESTS_PER_MINUTE,
    secrecyThreshold: e.BERCEAU_SECRECY_THRESHOLD,
    chromiumPath: e.BERCEAU_CHROMIUM ?? null,
    routingThreads: e.BERCEAU_ROUTING_THREADS,
    routingQueue: e.BERCEAU_ROUTING_QUEUE,
    sessionSecret: e.BERCEAU_SESSION_SECRET ?? null,
    trustProxy: trustProxyValue(e.BERCEAU_TRUST_PROXY),
    requestTimeoutMs: e.BERCEAU_REQUEST_TIMEOUT_MS,
    uploadTimeoutMs: e.BERCEAU_UPLOAD_TIMEOUT_MS,
    tileStore: e.BERCEAU_TILE_STORE === 'true' || e.BERCEAU_TILE_STORE === '1',
  };
}

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`, for logs and health. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '<unparseable url>';
  }
}
