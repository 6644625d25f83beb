import type { Request, Response } from 'express';

/**
 * Answers streamed as NDJSON (one JSON object per line) for the requests that ask for them with
 * `Accept: application/x-ndjson`; JSON stays the default (`*∕*`, no Accept). Once the status
 * is sent, a failure becomes the stream's last line, in the one error shape (error-handler.ts).
 */
export const NDJSON = 'application/x-ndjson';

/** The client asked for NDJSON rather than JSON (which wins a tie, as with `*∕*`). */
export function wantsNdjson(req: Request): boolean {
  return req.accepts(['application/json', NDJSON]) === NDJSON;
}

/**
 * Sends the status and headers now and returns what writes one line. Proxies are told not to
 * buffer (nginx: `X-Accel-Buffering`), so that each line reaches the client as it is written.
 */
export function startNdjson(res: Response): (line: unknown) => void {
  res.status(200).set({
    'Content-Type': `${NDJSON}; charset=utf-8`,
    'Cache-Control': 'no-store',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  res.locals.ndjson = true;
  return (line) => {
    if (!res.writableEnded && !res.destroyed) res.write(`${JSON.stringify(line)}\n`);
  };
}

/** The response is an NDJSON stream already started: an error goes in as its last line. */
export function isNdjsonStream(res: Response): boolean {
  return res.locals.ndjson === true;
}
