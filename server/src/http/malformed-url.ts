import type { RequestHandler } from 'express';
import { InvalidInput } from '../domain/errors';

/**
 * A path whose percent-escapes do not decode (`/%zz`, a UTF-8 sequence cut short) is the
 * client's mistake: refuse it first, as a 400 in the one error shape, rather than let the router
 * fail to decode a parameter deep inside (a 500 and a stack in the log).
 */
export const rejectMalformedUrl: RequestHandler = (req, _res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    const message =
      'the path holds a malformed percent-escape (such as %zz or a cut UTF-8 sequence)';
    next(
      new InvalidInput(`Malformed URL: ${message}`, {
        details: [{ field: 'path', message }],
      }),
    );
    return;
  }
  next();
};
