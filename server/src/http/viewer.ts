import type { Request } from 'express';
import { Forbidden, Unauthenticated } from '../domain/errors';
import { scopeCovers, type Place, type Role, type SignedInUser } from '../domain/accounts';
import { PUBLIC_VIEWER, type Viewer } from '../kernel';

/**
 * The viewer of a request: the one place where a signed-in user is recognised. The session
 * middleware puts the viewer in `res.locals.viewer`; without it, the request is the public's.
 */
export function viewerOf(req: Request): Viewer {
  const viewer = req.res?.locals.viewer as Viewer | undefined;
  return viewer ?? PUBLIC_VIEWER;
}

/**
 * The signed-in user of a request holding one of `roles` (and working on `place` when given),
 * or a 401 for the public and a 403 for another role or territory.
 */
export function requireUser(req: Request, roles: readonly Role[], place?: Place): SignedInUser {
  const user = viewerOf(req).user;
  if (!user) throw new Unauthenticated('Sign in to do this');
  if (!roles.includes(user.role)) {
    throw new Forbidden(`This needs the role ${roles.join(' or ')}; you are ${user.role}`);
  }
  if (place && !scopeCovers(user, place)) {
    throw new Forbidden('This is outside the territories you work on');
  }
  return user;
}
