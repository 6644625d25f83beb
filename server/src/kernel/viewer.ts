/**
 * Who is looking at an answer: the public (no account), or a signed-in user with a role and the
 * territories they work on. `viewerOf` (server/src/http/viewer.ts) is the one place that decides
 * it for a request; what each role may see and do is decided by `server/src/domain/accounts`.
 */
import type { SignedInUser } from '../domain/accounts';

export interface Viewer {
  /** Childminder figures below the secrecy threshold shown as they are (never for the public). */
  exactChildminderFigures: boolean;
  /** Absent for the public. */
  user?: SignedInUser;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ exactChildminderFigures: false });
