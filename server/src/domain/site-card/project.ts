/**
 * What a project adds in places: a MAM of N childminders or a micro-crèche, under the rules of
 * the domain (CASF L424-1 for a MAM; the micro-crèche is an EAJE of at most 12 places). Pure.
 */

/** A MAM gathers 1 to 6 childminders (4 before 2021). */
export const MAM_MAX_CHILDMINDERS = 6;
/** At most 4 of them work at once in the premises. */
export const MAM_MAX_AT_ONCE = 4;
/** At most 20 children at once in a MAM. */
export const MAM_MAX_CHILDREN_AT_ONCE = 20;
/** A childminder's agreement: 1 to 4 children at once (6 by derogation). */
export const AGREEMENT_MAX_PLACES = 6;
export const DEFAULT_AGREEMENT_PLACES = 4;
/** A micro-crèche has at most 12 places. */
export const MICRO_CRECHE_MAX_PLACES = 12;

export type SiteProject =
  | { kind: 'mam'; childminders: number; placesPerAgreement: number }
  | { kind: 'micro_creche'; places: number };

export interface ProjectPlaces {
  /** Children the project can care for at once (the rules' caps applied). */
  placesAtOnce: number;
  /**
   * Places as the coverage rate counts them: a micro-crèche's authorised places; a MAM's places
   * are childminder places, counted with the share used by under-3s, as every AM place is.
   */
  placesCounted: number;
  /** The mode its places join in the accessibility computation. */
  mode: 'eaje' | 'mam';
}

/**
 * The places of `project`; RangeError naming the parameter outside the rules. A MAM's places at
 * once: min(childminders, 4) × places per agreement, at most 20.
 */
export function projectPlaces(project: SiteProject, amUnder3Share: number): ProjectPlaces {
  if (!(amUnder3Share > 0 && amUnder3Share <= 1)) {
    throw new RangeError(`amUnder3Share must be in (0, 1], got ${amUnder3Share}`);
  }
  if (project.kind === 'micro_creche') {
    const p = project.places;
    if (!Number.isInteger(p) || p < 1 || p > MICRO_CRECHE_MAX_PLACES) {
      throw new RangeError(
        `places: a micro-crèche has 1 to ${MICRO_CRECHE_MAX_PLACES} places, got ${p}`,
      );
    }
    return { placesAtOnce: p, placesCounted: p, mode: 'eaje' };
  }
  const n = project.childminders;
  if (!Number.isInteger(n) || n < 1 || n > MAM_MAX_CHILDMINDERS) {
    throw new RangeError(
      `childminders: a MAM gathers 1 to ${MAM_MAX_CHILDMINDERS} childminders, got ${n}`,
    );
  }
  const a = project.placesPerAgreement;
  if (!Number.isInteger(a) || a < 1 || a > AGREEMENT_MAX_PLACES) {
    throw new RangeError(
      `placesPerAgreement: an agreement is for 1 to ${AGREEMENT_MAX_PLACES} children, got ${a}`,
    );
  }
  const atOnce = Math.min(Math.min(n, MAM_MAX_AT_ONCE) * a, MAM_MAX_CHILDREN_AT_ONCE);
  return { placesAtOnce: atOnce, placesCounted: atOnce * amUnder3Share, mode: 'mam' };
}
