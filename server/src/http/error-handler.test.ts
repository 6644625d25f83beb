import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Conflict,
  Forbidden,
  InvalidInput,
  NotFound,
  Unauthenticated,
  Unavailable,
} from '../domain/errors';
import { createLogger } from '../logging/logger';
import { errorHandler } from './error-handler';

/** The edge alone turns domain errors into statuses, in the one error shape. */
describe('the error handler', () => {
  const logged: unknown[] = [];
  let baseUrl = '';
  let close = () => {};

  beforeAll(async () => {
    const logger = createLogger('silent');
    logger.error = ((...args: unknown[]) => logged.push(args)) as typeof logger.error;
    const app = express();
    app.use(express.json());
    const fail = (error: unknown) => () => {
      throw error;
    };
    app.get(
      '/invalid',
      fail(new InvalidInput('bad year', { details: [{ field: 'query.year', message: 'no' }] })),
    );
    app.get('/missing', fail(new NotFound('No road network', { code: 'no_roads' })));
    app.get('/anonymous', fail(new Unauthenticated()));
    app.get('/elsewhere', fail(new Forbidden('outside your territories')));
    app.get('/stale', fail(new Conflict('changed meanwhile')));
    app.get('/slow', fail(Object.assign(new Error('canceling statement'), { code: '57014' })));
    app.get('/busy', fail(new Unavailable('try later', { code: 'database_timeout' })));
    app.get('/bug', fail(new TypeError('x is undefined')));
    app.get(
      '/down',
      fail(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })),
    );
    // What Express's router throws for a path parameter that does not decode.
    app.get(
      '/undecodable',
      fail(Object.assign(new URIError("Failed to decode param '%zz'"), { status: 400 })),
    );
    app.post('/json', (_req, res) => {
      res.json({});
    });
    app.use(errorHandler(logger));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const answer = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${baseUrl}${path}`, init);
    return [res.status, await res.json()];
  };

  it('InvalidInput is a 400 with its field details', async () => {
    expect(await answer('/invalid')).toEqual([
      400,
      {
        error: {
          code: 'bad_request',
          message: 'bad year',
          details: [{ field: 'query.year', message: 'no' }],
        },
      },
    ]);
  });

  it('NotFound is a 404 with its own code', async () => {
    expect(await answer('/missing')).toEqual([
      404,
      { error: { code: 'no_roads', message: 'No road network' } },
    ]);
  });

  it('the public, another role or territory, and a stale write are 401, 403 and 409', async () => {
    expect(await answer('/anonymous')).toEqual([
      401,
      { error: { code: 'unauthenticated', message: 'Sign in to do this' } },
    ]);
    expect(await answer('/elsewhere')).toEqual([
      403,
      { error: { code: 'forbidden', message: 'outside your territories' } },
    ]);
    expect(await answer('/stale')).toEqual([
      409,
      { error: { code: 'conflict', message: 'changed meanwhile' } },
    ]);
  });

  it('Unavailable and a database timeout are 503s', async () => {
    expect(await answer('/busy')).toEqual([
      503,
      { error: { code: 'database_timeout', message: 'try later' } },
    ]);
    const [status, body] = await answer('/slow');
    expect(status).toBe(503);
    expect(body.error.code).toBe('database_timeout');
  });

  it('an unreachable database is a 503 with Retry-After, logged once per outage', async () => {
    const before = logged.length;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${baseUrl}/down`);
      expect([res.status, res.headers.get('retry-after'), (await res.json()).error.code]).toEqual([
        503,
        '5',
        'database_unavailable',
      ]);
    }
    expect(logged.length).toBe(before + 1);
  });

  it('malformed JSON is a 400 invalid_json', async () => {
    const [status, body] = await answer('/json', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_json');
  });

  it('an error of the framework blaming the request keeps its 4xx and is not logged', async () => {
    const before = logged.length;
    expect(await answer('/undecodable')).toEqual([
      400,
      { error: { code: 'bad_request', message: 'Bad request: the request cannot be read' } },
    ]);
    expect(logged.length).toBe(before);
  });

  it('anything else is a 500 that hides the detail and logs it', async () => {
    const before = logged.length;
    expect(await answer('/bug')).toEqual([
      500,
      { error: { code: 'internal_error', message: 'Internal server error' } },
    ]);
    expect(logged.length).toBe(before + 1);
  });
});
