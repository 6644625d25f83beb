import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { ErrorAnswer } from '../../../contract';
import { isDatabaseUnreachable } from '../db/database';
import { DomainError, NotFound, Unavailable } from '../domain/errors';
import type { Logger } from '../logging/logger';
import { requestSignal } from './client-gone';
import { DatabaseOutage, OUTAGE_RETRY_AFTER_S } from './database-outage';
import { isNdjsonStream } from './ndjson';

/** The one place where what went wrong becomes an HTTP status. */
const STATUS: Readonly<Record<DomainError['kind'], number>> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
};

type ErrorCode = ErrorAnswer['error']['code'];

/** The one error shape: `{ "error": { "code", "message", "details"? } }`. */
function errorBody(code: string, message: string, details?: unknown): ErrorAnswer {
  return {
    error: {
      code: code as ErrorCode,
      message,
      ...(details === undefined ? {} : { details: details as ErrorAnswer['error']['details'] }),
    },
  };
}

/**
 * The calls the handler makes on a response, for a stream whose status is sent: the body ends
 * the stream as one line; the status and headers are dropped (its status says 200 already).
 */
function streamedErrors(res: Response): Response {
  const stream = {
    set: () => stream,
    status: () => stream,
    json: (body: unknown) => res.end(`${JSON.stringify(body)}\n`),
  };
  return stream as unknown as Response;
}

/** Unknown /api routes answer 404 in the error shape rather than the client's HTML. */
export const apiNotFound: RequestHandler = (req, _res, next) => {
  next(new NotFound(`No API route ${req.method} ${req.originalUrl.split('?')[0]}`));
};

/**
 * Turn any error into the one response shape; unexpected errors are logged and hidden. An
 * unreachable database is a 503 with `Retry-After`, logged once per outage by `outage`.
 */
export function errorHandler(
  logger: Logger,
  outage = new DatabaseOutage(logger),
): ErrorRequestHandler {
  return (err, req, res, next) => {
    // An NDJSON stream already sent its status: the error is its last line (ndjson.ts).
    const streamed = res.headersSent && isNdjsonStream(res);
    if (res.headersSent && !streamed) return next(err);
    // The client went away and its work was dropped: no one to answer, nothing went wrong.
    if (requestSignal(res)?.aborted) {
      if (streamed) res.end();
      return;
    }
    const out = streamed ? streamedErrors(res) : res;
    if (err instanceof DomainError) {
      const retryAfter_s = (err as { retryAfter_s?: unknown }).retryAfter_s;
      if (typeof retryAfter_s === 'number') out.set('Retry-After', String(retryAfter_s));
      out.status(STATUS[err.kind]).json(errorBody(err.code, err.message, err.details));
      return;
    }
    // Errors of Express and its parsers that blame the request (malformed JSON, a body too
    // large, a parameter that does not decode) carry a 4xx status: the client's mistake, answered
    // in the one shape and not logged as a failure of ours.
    const status = typeof err?.status === 'number' ? err.status : 500;
    if (status >= 400 && status < 500) {
      const code = err.type === 'entity.parse.failed' ? 'invalid_json' : 'bad_request';
      const message =
        typeof err.type === 'string'
          ? `Invalid request body: ${err.message}`
          : `Bad request: ${err.expose ? err.message : 'the request cannot be read'}`;
      out.status(status).json(errorBody(code, message));
      return;
    }
    if (isDatabaseUnreachable(err)) {
      outage.refusedOne(err);
      out
        .status(503)
        .set('Retry-After', String(OUTAGE_RETRY_AFTER_S))
        .json(
          errorBody(
            'database_unavailable',
            `The database cannot be reached; retry in ${OUTAGE_RETRY_AFTER_S} seconds`,
          ),
        );
      return;
    }
    if (err?.code === '57014') {
      // PostgreSQL query_canceled (statement_timeout): the answer exists, not in time. One line,
      // without the error (its message holds the SQL).
      logger.warn({ method: req.method, path: req.path }, 'statement timeout');
      const timeout = new Unavailable(
        'The database took too long to answer; try a smaller area or retry later',
        { code: 'database_timeout' },
      );
      out.status(STATUS[timeout.kind]).json(errorBody(timeout.code, timeout.message));
      return;
    }
    logger.error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    out.status(500).json(errorBody('internal_error', 'Internal server error'));
  };
}
