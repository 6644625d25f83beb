import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactUrl } from './config';

describe('configuration', () => {
  it('defaults to port 3000, the embedded database in .data/pglite, and the demo autoload', () => {
    const config = loadConfig({}, '/srv/berceau');
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: null,
      dataDir: '/srv/berceau/.data/pglite',
      autoloadDemo: true,
      logLevel: 'info',
      basemapStyleUrl: null,
      tileCacheMb: 64,
      statementTimeoutMs: 30_000,
      heavyRequestsPerMinute: 60,
    });
  });

  it('reads every variable it knows', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        DATABASE_URL: 'postgres://u:p@db:5432/berceau',
        BERCEAU_DATA_DIR: '/var/lib/berceau',
        BERCEAU_AUTOLOAD_DEMO: 'false',
        LOG_LEVEL: 'warn',
        BERCEAU_TILE_CACHE_MB: '0',
        BERCEAU_STATEMENT_TIMEOUT_MS: '5000',
        BERCEAU_HEAVY_REQUESTS_PER_MINUTE: '0',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/berceau',
      dataDir: '/var/lib/berceau',
      autoloadDemo: false,
      logLevel: 'warn',
      tileCacheMb: 0,
      statementTimeoutMs: 5000,
      heavyRequestsPerMinute: 0,
    });
  });

  it('refuses a statement timeout or a rate limit that is not a whole non-negative number', () => {
    expect(() => loadConfig({ BERCEAU_STATEMENT_TIMEOUT_MS: '2.5' }, '/srv')).toThrow(
      /BERCEAU_STATEMENT_TIMEOUT_MS: must be a whole number of milliseconds/,
    );
    expect(() => loadConfig({ BERCEAU_HEAVY_REQUESTS_PER_MINUTE: '-3' }, '/srv')).toThrow(
      /BERCEAU_HEAVY_REQUESTS_PER_MINUTE: must be 0 \(no limit\) or more requests/,
    );
  });

  it('refuses a tile cache size that is not a whole number of megabytes', () => {
    expect(() => loadConfig({ BERCEAU_TILE_CACHE_MB: '-1' }, '/srv')).toThrow(
      /BERCEAU_TILE_CACHE_MB: must be 0 \(no cache\) or more megabytes \(got "-1"\)/,
    );
    expect(() => loadConfig({ BERCEAU_TILE_CACHE_MB: 'lots' }, '/srv')).toThrow(
      /BERCEAU_TILE_CACHE_MB: must be a number of megabytes/,
    );
  });

  it('withholds fewer than 3 childminders by default, and takes another secrecy threshold', () => {
    expect(loadConfig({}, '/srv').secrecyThreshold).toBe(3);
    expect(loadConfig({ BERCEAU_SECRECY_THRESHOLD: '5' }, '/srv').secrecyThreshold).toBe(5);
    expect(() => loadConfig({ BERCEAU_SECRECY_THRESHOLD: '0' }, '/srv')).toThrow(
      /BERCEAU_SECRECY_THRESHOLD: must be at least 1 \(1: nothing withheld\) \(got "0"\)/,
    );
    expect(() => loadConfig({ BERCEAU_SECRECY_THRESHOLD: '2.5' }, '/srv')).toThrow(
      /BERCEAU_SECRECY_THRESHOLD: must be a whole number of childminders/,
    );
  });

  it('sizes the routing pool from the cores by default, and takes a thread count and a queue', () => {
    const defaults = loadConfig({}, '/srv');
    expect(defaults.routingThreads).toBe(Math.min(4, Math.max(1, os.availableParallelism() - 1)));
    expect(defaults.routingQueue).toBe(16);
    const set = loadConfig({ BERCEAU_ROUTING_THREADS: '2', BERCEAU_ROUTING_QUEUE: '0' }, '/srv');
    expect([set.routingThreads, set.routingQueue]).toEqual([2, 0]);
    expect(() => loadConfig({ BERCEAU_ROUTING_THREADS: '0' }, '/srv')).toThrow(
      /BERCEAU_ROUTING_THREADS: must be at least 1 thread \(got "0"\)/,
    );
    expect(() => loadConfig({ BERCEAU_ROUTING_QUEUE: '-1' }, '/srv')).toThrow(
      /BERCEAU_ROUTING_QUEUE: must be 0 \(no waiting\) or more tasks/,
    );
  });

  it('treats an empty DATABASE_URL as absent (embedded mode)', () => {
    expect(loadConfig({ DATABASE_URL: '' }, '/srv').databaseUrl).toBeNull();
  });

  it('fails fast naming every bad variable and its value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' }, '/srv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems.map((p) => p.variable).sort()).toEqual(['DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    expect((error as Error).message).toContain('PORT: must be a number (got "eighty")');
    expect((error as Error).message).toContain(
      'DATABASE_URL: must be a postgres:// or postgresql:// URL',
    );
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' }, '/srv')).toThrow(
      /PORT: must be between 0 and 65535/,
    );
  });

  it('redacts the password of a connection string', () => {
    expect(redactUrl('postgres://berceau:s3cret@db:5432/berceau')).toBe(
      'postgres://berceau:***@db:5432/berceau',
    );
    expect(redactUrl('postgres://db/berceau')).toBe('postgres://db/berceau');
  });
});
