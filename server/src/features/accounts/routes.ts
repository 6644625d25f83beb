import { Router, type Request, type Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import {
  loginBody,
  passwordChangeBody,
  userCreateBody,
  userParams,
  userUpdateBody,
  type ErrorAnswer,
  type SessionAnswer,
} from '../../../../contract';
import { Conflict, InvalidInput, NotFound, Unauthenticated } from '../../domain/errors';
import { parseRequest } from '../../http/validate';
import { requireUser, viewerOf } from '../../http/viewer';
import { signedInViewer } from '../../kernel';
import { hashPassword } from './passwords';
import { type SessionLayer, SESSION_COOKIE } from '../../http/session';
import { checkCredentials } from './sign-in';
import { DatabaseThrottleStore } from './throttle-store';
import {
  createUser,
  endSessionsOf,
  findUserById,
  listUsers,
  otherActiveAdmins,
  removeUser,
  toSignedInUser,
  toUserRecord,
  updateUser,
} from './users';
import type { Knex } from 'knex';

/** Refused sign-ins per client address per window, whatever the logins (spraying). */
export const SIGN_INS_PER_WINDOW = 30;
const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

const WRONG_CREDENTIALS = 'Incorrect login or password';

function tooMany(res: Response, retryAfter_s: number, message: string) {
  const body: ErrorAnswer = { error: { code: 'rate_limited', message } };
  res
    .status(429)
    .set('Retry-After', String(Math.max(1, retryAfter_s)))
    .json(body);
}

const promised = (run: (done: (e?: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) => run((e) => (e ? reject(e) : resolve())));

/**
 * The session (who am I, sign in, sign out, change my password) and the administrators' user
 * management. Signing in regenerates the session id (no fixation) and answers a fresh CSRF token.
 */
export function accountRoutes(knex: Knex, layer: SessionLayer): Router {
  const router = Router();
  const answerSession = (req: Request, res: Response, fresh = false) => {
    const user = viewerOf(req).user ?? null;
    const answer: SessionAnswer = {
      user: user
        ? {
            id: user.id,
            login: user.login,
            displayName: user.displayName,
            role: user.role,
            territories: [...user.territories],
            ...(user.eptCommunes
              ? {
                  eptCommunes: Object.fromEntries(
                    Object.entries(user.eptCommunes).map(([ept, communes]) => [ept, [...communes]]),
                  ),
                }
              : {}),
          }
        : null,
      csrfToken: layer.csrfToken(req, res, fresh),
    };
    res.set('Cache-Control', 'no-store').json(answer);
  };

  router.get('/session', (req, res) => answerSession(req, res));

  router.post(
    '/session',
    rateLimit({
      windowMs: SIGN_IN_WINDOW_MS,
      limit: SIGN_INS_PER_WINDOW,
      identifier: 'sign-in',
      store: new DatabaseThrottleStore(knex),
      // Refused attempts only: colleagues behind one office address sign in freely.
      skipSuccessfulRequests: true,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (req, res) => {
        const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        const wait_s = Math.ceil(((reset?.getTime() ?? Date.now()) - Date.now()) / 1000);
        tooMany(
          res,
          wait_s,
          `Too many sign-in attempts from this address; retry in ${wait_s} seconds`,
        );
      },
    }),
    async (req, res) => {
      const body = parseRequest(req, 'body', loginBody);
      const outcome = await checkCredentials(knex, body.login, body.password, new Date());
      if (!outcome.ok && outcome.reason === 'locked') {
        return tooMany(
          res,
          outcome.retryAfter_s,
          `Too many wrong passwords for this login; retry in ${outcome.retryAfter_s} seconds`,
        );
      }
      if (!outcome.ok) throw new Unauthenticated(WRONG_CREDENTIALS);
      await promised((done) => req.session.regenerate(done));
      req.session.userId = outcome.user.id;
      await promised((done) => req.session.save(done));
      res.locals.viewer = signedInViewer(toSignedInUser(outcome.user));
      answerSession(req, res, true);
    },
  );

  router.delete('/session', async (req, res) => {
    if (req.session?.userId !== undefined) {
      await promised((done) => req.session.destroy(done));
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.locals.viewer = undefined;
    // The public's token, bound to no session, for a next sign-in.
    answerSession(req, res, true);
  });

  router.put('/session/password', async (req, res) => {
    const user = requireUser(req, ['planner', 'reviewer', 'admin']);
    const body = parseRequest(req, 'body', passwordChangeBody);
    const outcome = await checkCredentials(knex, user.login, body.currentPassword, new Date());
    if (!outcome.ok && outcome.reason === 'locked') {
      return tooMany(
        res,
        outcome.retryAfter_s,
        `Too many wrong passwords; retry in ${outcome.retryAfter_s} seconds`,
      );
    }
    if (!outcome.ok) {
      throw new InvalidInput('The current password is not this account’s', {
        details: [{ field: 'body.currentPassword', message: 'is not the current password' }],
      });
    }
    await knex('app_user')
      .where({ id: user.id })
      .update({ password_hash: await hashPassword(body.newPassword), updated_at: knex.fn.now() });
    // Other browsers signed in as this user sign in again; this one stays.
    await endSessionsOf(knex, user.id, req.sessionID);
    res.status(204).end();
  });

  router.get('/users', async (req, res) => {
    requireUser(req, ['admin']);
    res.set('Cache-Control', 'no-store').json({ users: (await listUsers(knex)).map(toUserRecord) });
  });

  router.post('/users', async (req, res) => {
    requireUser(req, ['admin']);
    const body = parseRequest(req, 'body', userCreateBody);
    res.status(201).json(toUserRecord(await createUser(knex, body)));
  });

  router.patch('/users/:id', async (req, res) => {
    const admin = requireUser(req, ['admin']);
    const { id } = parseRequest(req, 'params', userParams);
    const change = parseRequest(req, 'body', userUpdateBody);
    const target = await findUserById(knex, id);
    if (!target) throw new NotFound(`No user ${id}`);
    const stopsBeingAdmin =
      target.role === 'admin' &&
      ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
    if (stopsBeingAdmin && (await otherActiveAdmins(knex, id)) === 0) {
      throw new Conflict('This is the last admin who can sign in: make another admin first');
    }
    // Changing one's own account ends one's other sessions, not this one.
    const updated = await updateUser(knex, id, change, id === admin.id ? req.sessionID : undefined);
    res.json(toUserRecord(updated));
  });

  router.delete('/users/:id', async (req, res) => {
    requireUser(req, ['admin']);
    const { id } = parseRequest(req, 'params', userParams);
    const target = await findUserById(knex, id);
    if (!target) throw new NotFound(`No user ${id}`);
    if (target.role === 'admin' && (await otherActiveAdmins(knex, id)) === 0) {
      throw new Conflict('This is the last admin who can sign in: make another admin first');
    }
    await removeUser(knex, id);
    res.status(204).end();
  });

  return router;
}
