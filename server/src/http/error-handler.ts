import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../logging/logger';
import { ApiError } from './errors';

/** Unknown /api routes answer 404 in the error shape rather than the client's HTML. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(ApiError.notFound(`No API route ${req.method} ${req.originalUrl.split('?')[0]}`));
};

/** Turn any error into the one response shape; unexpected errors are logged and hidden. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    if (err instanceof ApiError) {
      res.status(err.status).json(err.toJSON());
      return;
    }
    // Body parser errors (malformed JSON, too large) carry a status and an expose flag.
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status >= 400 && status < 500 && err?.expose) {
      const code = err.type === 'entity.parse.failed' ? 'invalid_json' : 'bad_request';
      res
        .status(status)
        .json(new ApiError(status, code, `Invalid request body: ${err.message}`).toJSON());
      return;
    }
    const timeout = err?.code === '57014'; // PostgreSQL query_canceled (statement_timeout)
    logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    const answer = timeout
      ? new ApiError(
          503,
          'database_timeout',
          'The database took too long to answer; try a smaller area or retry later',
        )
      : new ApiError(500, 'internal_error', 'Internal server error');
    res.status(answer.status).json(answer.toJSON());
  };
}
