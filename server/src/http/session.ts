import crypto from 'node:crypto';
import cookieParser from 'cookie-parser';
import { ConnectSessionKnexStore } from 'connect-session-knex';
import { doubleCsrf } from 'csrf-csrf';
import type { Request, RequestHandler, Response } from 'express';
import session from 'express-session';
import type { Knex } from 'knex';
import { Forbidden } from '../domain/errors';
import { PUBLIC_VIEWER, signedInViewer } from '../kernel';
import { findUserById, toSignedInUser } from '../features/accounts/users';

declare module 'express-session' {
  interface SessionData {
    userId?: number;
  }
}

/** A session lasts a working day from sign-in, whatever happens in between (no sliding). */
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'berceau.sid';
export const CSRF_COOKIE = 'berceau.csrf';
/** The one write the public makes that needs a CSRF token: signing in. */
const SIGN_IN_PATH = '/session';

/**
 * The store of express-session over our knex, in `session` (migration 013), so that every API
 * process on the database shares the sessions. Its `touch` does nothing: sessions do not slide,
 * hence no write per request of a signed-in user (tiles come by the hundred).
 */
class SessionStore extends ConnectSessionKnexStore {
  override async touch(_sid: string, _session: unknown, callback?: () => void) {
    callback?.();
  }
}

/**
 * The secret signing session cookies and CSRF tokens: the configured one, else one generated
 * once and kept in `server_setting` (every process on the database reads the same; a restart
 * keeps sessions). Never logged, never answered.
 */
export async function sessionSecret(knex: Knex, configured: string | null): Promise<string> {
  if (configured) return configured;
  await knex.raw(
    `INSERT INTO server_setting (key, value) VALUES ('session_secret', ?) ON CONFLICT (key) DO NOTHING`,
    [crypto.randomBytes(32).toString('base64url')],
  );
  const row = await knex('server_setting').where({ key: 'session_secret' }).first();
  return row.value as string;
}

export interface SessionLayer {
  /** Cookies, the session, the viewer (`res.locals.viewer`) and the CSRF check, in order. */
  middleware: RequestHandler[];
  /** A CSRF token for this request's session (and its cookie), `fresh` after sign-in or out. */
  csrfToken(req: Request, res: Response, fresh?: boolean): string;
}

/**
 * Sessions of signed-in users and the CSRF protection of writes, for the API router. Requests
 * without a session cookie (but to /api/session) cost no query; with one, the session and its
 * user are read (a role, territory or disabled flag changed by an admin applies at the next
 * request).
 */
export function sessionLayer(knex: Knex, configuredSecret: string | null): SessionLayer {
  let secret: string | null = null;
  let sessions: Promise<RequestHandler> | null = null;
  const build = async (): Promise<RequestHandler> => {
    secret = await sessionSecret(knex, configuredSecret);
    return session({
      name: SESSION_COOKIE,
      secret,
      store: new SessionStore({
        knex,
        tableName: 'session',
        createTable: false,
        // Expired rows are only clutter (never read back); a failed clean-up is retried later.
        onDbCleanupError: () => {},
      }),
      resave: false,
      saveUninitialized: false,
      unset: 'destroy',
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto', maxAge: SESSION_MAX_AGE_MS },
    });
  };
  const withSession: RequestHandler = (req, res, next) => {
    // The public's reads carry no session cookie: they never wait on the session store.
    if (!req.cookies?.[SESSION_COOKIE] && !req.path.startsWith(SIGN_IN_PATH)) return next();
    sessions ??= build();
    sessions.then(
      (handler) => handler(req, res, next),
      (error) => {
        sessions = null; // the database was down: try again at the next request
        next(error);
      },
    );
  };

  const signedIn = (req: Request) => typeof req.session?.userId === 'number';
  const csrf = doubleCsrf({
    getSecret: () => secret!,
    // A signed-in user's token is bound to their session; the public's (to sign in) to none.
    getSessionIdentifier: (req) => (signedIn(req) ? req.sessionID : ''),
    cookieName: CSRF_COOKIE,
    cookieOptions: { sameSite: 'lax', httpOnly: true, secure: false, path: '/' },
    // Only a session cookie carries authority a forged request could borrow: the public's
    // writes without one (computations such as isochrones) need no token, signing in does.
    skipCsrfProtection: (req) =>
      !signedIn(req) && !(req.path === SIGN_IN_PATH && req.method === 'POST'),
  });

  const recogniseViewer: RequestHandler = async (req, res, next) => {
    try {
      const id = req.session?.userId;
      if (typeof id !== 'number') return next();
      const user = await findUserById(knex, id);
      if (!user || user.disabled) {
        // Removed or disabled meanwhile: this browser is the public's again.
        await new Promise<void>((resolve, reject) =>
          req.session.destroy((e) => (e ? reject(e) : resolve())),
        );
        return next();
      }
      res.locals.viewer = signedInViewer(toSignedInUser(user));
      // A signed-in user's answers may carry exact figures or positions: no cache keeps them
      // (a route may say otherwise for its own answer).
      res.set('Cache-Control', 'private, no-store');
      next();
    } catch (error) {
      next(error);
    }
  };

  const checkCsrf: RequestHandler = (req, res, next) => {
    csrf.doubleCsrfProtection(req, res, (error?: unknown) => {
      if (error) {
        next(
          new Forbidden(
            'Missing or invalid CSRF token: send the x-csrf-token header given by GET /api/session',
          ),
        );
      } else next();
    });
  };

  return {
    middleware: [cookieParser(), withSession, recogniseViewer, checkCsrf],
    csrfToken: (req, res, fresh = false) =>
      csrf.generateCsrfToken(req, res, {
        overwrite: fresh,
        cookieOptions: { sameSite: 'lax', httpOnly: true, secure: req.secure, path: '/' },
      }),
  };
}

/** The viewer of a request whose session was just ended (sign-out): the public. */
export function publicViewer(res: Response) {
  res.locals.viewer = PUBLIC_VIEWER;
}
