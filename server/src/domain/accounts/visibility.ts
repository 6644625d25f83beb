import type { SignedInUser } from './scope';

/**
 * Whether a viewer sees childminder figures below the statistical-secrecy threshold as they are.
 * The public never does. Administrators do, everywhere (they import the very rows). Planners and
 * reviewers see the public figures for now: an answer (a list, a tile) spans territories inside
 * and outside theirs, and exact figures would have to be decided territory by territory within
 * each answer; until then the conservative rule holds (docs/security.md).
 */
export function seesExactChildminderFigures(user: Pick<SignedInUser, 'role'> | null): boolean {
  return user?.role === 'admin';
}
