/**
 * Who is looking at an answer: the public (no account), or a signed-in user with a role and the
 * territories they work on. `viewerOf` (server/src/http/viewer.ts) is the one place that decides
 * it for a request; what each role may see and do is decided by `server/src/domain/accounts`.
 */
import { EXACT_NOWHERE, exactRuleOf, type ExactRule, type SignedInUser } from '../domain/accounts';

export interface Viewer {
  /**
   * Where childminder figures below the secrecy threshold are shown as they are: a rule by
   * territory (domain/accounts/visibility.ts; SQL's `childminders_exact`), never for the public.
   */
  exactFigures: ExactRule;
  /** Absent for the public. */
  user?: SignedInUser;
}

export const PUBLIC_VIEWER: Viewer = Object.freeze({ exactFigures: EXACT_NOWHERE });

/** The viewer of a signed-in user. */
export function signedInViewer(user: SignedInUser): Viewer {
  return { exactFigures: exactRuleOf(user), user };
}
