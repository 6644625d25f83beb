import type { RequestHandler, Response } from 'express';
import { cancelStatementsOf } from '../db/cancellable';

/**
 * An AbortSignal per request that aborts when the client goes away before its answer is sent
 * (the connection closed: a tab closed, a fetch aborted, a proxy giving up), so that work done
 * only for that answer stops: routing tasks in worker threads, and the SQL statements that run
 * with the signal (see db/cancellable.ts).
 */
export const abortWhenClientGoes: RequestHandler = (_req, res, next) => {
  const controller = new AbortController();
  res.locals.signal = controller.signal;
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new ClientGone());
  });
  next();
};

/**
 * The SQL statements of the rest of the request stop when its client goes away (see
 * `cancelStatementsOf` in db/cancellable.ts): for read-only endpoints whose statements are long
 * (lists, CSV exports, tiles, reports). After {@link abortWhenClientGoes}.
 */
export const cancelStatementsWhenClientGoes: RequestHandler = (_req, res, next) => {
  cancelStatementsOf(requestSignal(res), next);
};

/** The request's signal (one that never aborts outside the middleware, as in unit tests). */
export function requestSignal(res: Response): AbortSignal | undefined {
  return res.locals.signal as AbortSignal | undefined;
}

/** The reason of a request's signal: the client closed the connection before the answer. */
export class ClientGone extends Error {
  constructor() {
    super('the client went away before the answer');
    this.name = 'ClientGone';
  }
}
