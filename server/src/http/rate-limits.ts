import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { ErrorAnswer } from '../../../contract';
import type { Logger } from '../logging/logger';

const WINDOW_MS = 60_000;

/**
 * A limit on one heavy endpoint: at most `perMinute` requests per client (its IP address; IPv6
 * by /56 network, as express-rate-limit counts them) in a fixed window of a minute. Past it, a
 * 429 in the one error shape with `Retry-After` (seconds to the window's end); the work is not
 * started. Counters live in this process's memory: with several processes behind a load
 * balancer, each counts alone (see docs/security.md).
 */
export function heavyEndpointLimit(
  name: string,
  perMinute: number,
  logger: Logger,
  applies: (req: Request) => boolean = () => true,
): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    identifier: name,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skip: (req) => !applies(req),
    // Its warnings about the deployment (a proxy's X-Forwarded-For) go to our log, once each.
    logger: {
      error: (err, message) => logger.warn({ err }, message ?? 'rate limiter'),
      warn: (err, message) => logger.warn({ err }, message ?? 'rate limiter'),
    },
    handler: (req, res) => {
      const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit
        ?.resetTime;
      const waitS = Math.max(1, Math.ceil(((resetTime?.getTime() ?? 0) - Date.now()) / 1000));
      const body: ErrorAnswer = {
        error: {
          code: 'rate_limited',
          message: `Too many ${name} requests: at most ${perMinute} a minute per client; retry in ${waitS} seconds`,
        },
      };
      res
        .status(429)
        .set('Retry-After', String(Math.min(waitS, WINDOW_MS / 1000)))
        .json(body);
    },
  });
}
