/**
 * Roles and territorial scopes of signed-in users, and the rule that says whether a scope covers
 * a place. Pure: the HTTP edge finds the user, the features say what place a request is about.
 */

/** Roles with an account; the public has none. */
export const ROLES = ['planner', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A territory a planner or reviewer works on. Admins work on every territory. */
export interface TerritoryScope {
  /** `ept`: an établissement public territorial of the Métropole du Grand Paris. */
  level: 'departement' | 'epci' | 'ept' | 'commune';
  code: string;
}

export interface SignedInUser {
  id: number;
  login: string;
  displayName: string;
  role: Role;
  territories: readonly TerritoryScope[];
  /**
   * The member communes of each EPT the user works on (by EPT code), read from the reference
   * data with the account: an EPT scope reaches its communes and nothing else.
   */
  eptCommunes?: Readonly<Record<string, readonly string[]>>;
}

/** Where something lies, by the territories that contain it (a zone may touch several). */
export interface Place {
  departements: readonly string[];
  epcis: readonly string[];
  communes: readonly string[];
}

/**
 * Whether `user` works on `place`: admins everywhere; others when one of their territories
 * contains or touches it (a gap zone across a département line belongs to both départements).
 */
export function scopeCovers(
  user: Pick<SignedInUser, 'role' | 'territories' | 'eptCommunes'>,
  place: Place,
): boolean {
  if (user.role === 'admin') return true;
  return user.territories.some((t) => {
    if (t.level === 'ept') {
      return (user.eptCommunes?.[t.code] ?? []).some((c) => place.communes.includes(c));
    }
    const codes =
      t.level === 'departement'
        ? place.departements
        : t.level === 'epci'
          ? place.epcis
          : place.communes;
    return codes.includes(t.code);
  });
}
