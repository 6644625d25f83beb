import type { Server } from 'node:http';
import type { Request, RequestHandler } from 'express';
import type { ErrorAnswer } from '../../../contract';

/**
 * How long a request may take to arrive whole, decided per request by the app rather than by
 * Node's `server.requestTimeout`, which is one value for every route: an administrator's upload
 * of a national file over a slow line may take longer than the 300 s that suit every other
 * request, without lifting the limit for them. `limitOf` gives a request's limit in
 * milliseconds (0: none). A request whose body has not arrived in time gets a 408 in the one
 * error shape and its connection is closed, as Node itself would; work on a request that has
 * arrived is not limited here (statement timeouts and the client's own patience are).
 */
export function receiveDeadline(limitOf: (req: Request) => number): RequestHandler {
  return (req, res, next) => {
    const limit_ms = limitOf(req);
    if (limit_ms <= 0 || req.complete) return next();
    const timer = setTimeout(() => {
      if (req.complete || res.writableEnded) return;
      if (res.headersSent) {
        req.socket.destroy();
        return;
      }
      const answer: ErrorAnswer = {
        error: {
          code: 'request_timeout',
          message: `The request did not arrive within ${Math.round(limit_ms / 1000)} s`,
        },
      };
      res.once('finish', () => req.socket.destroy());
      res.status(408).set('Connection', 'close').json(answer);
    }, limit_ms);
    const clear = () => clearTimeout(timer);
    req.once('end', clear);
    res.once('close', clear);
    next();
  };
}

/**
 * Hand the limit on a request's arrival from Node to the app ({@link receiveDeadline}): Node's
 * `requestTimeout` would cut a long upload whatever the app allows. The headers' own limit
 * (`headersTimeout`, 60 s) stays Node's.
 */
export function leaveRequestTimeoutToApp(server: Server) {
  server.requestTimeout = 0;
}
