import type { ChildminderCollection, ChildminderFeature } from '../api/types';
import type { Role, SessionUser } from '../stores/session';

/**
 * The childminders' positions layer (personal data, for network coordination): who may turn it
 * on, which territories it asks the API for, and how its answers and refusals read. Pure.
 */

/** The roles GET /api/childminders answers (each for their own territories; admins: all). */
export const POSITION_ROLES: readonly Role[] = ['planner', 'reviewer', 'admin'];

export function mayShowPositions(user: SessionUser | null): boolean {
  return user !== null && POSITION_ROLES.includes(user.role);
}

export type PositionsRequest = { level: string; code: string };

/**
 * The territories to ask for: a planner's or reviewer's own (the API refuses any other), an
 * admin's the département shown (an admin works everywhere, the map shows one département).
 */
export function positionRequests(
  user: SessionUser | null,
  departement: string | null,
): PositionsRequest[] {
  if (!mayShowPositions(user)) return [];
  if (user!.role === 'admin')
    return departement ? [{ level: 'departement', code: departement }] : [];
  return user!.territories.map((t) => ({ level: t.level, code: t.code }));
}

/** The answers of several territories as one list of positions (a childminder once). */
export interface ChildminderPositions {
  /** Childminders with a known home (drawn). */
  features: (ChildminderFeature & { geometry: NonNullable<ChildminderFeature['geometry']> })[];
  count: number;
  withoutPosition: number;
  fictional: boolean;
}

export function mergePositions(answers: readonly ChildminderCollection[]): ChildminderPositions {
  const seen = new Map<string, ChildminderFeature>();
  for (const a of answers) for (const f of a.features) seen.set(f.id, f);
  const all = [...seen.values()];
  const features = all.filter(
    (f): f is ChildminderPositions['features'][number] => f.geometry !== null,
  );
  return {
    features,
    count: all.length,
    withoutPosition: all.length - features.length,
    fictional: answers.some((a) => a.metadata.fictional),
  };
}

/** A refusal of the API in words for the person at the keyboard. */
export function positionsRefusal(status: number): string {
  if (status === 401) return 'Connectez-vous pour afficher les positions.';
  if (status === 403)
    return 'Ces positions ne vous sont pas accessibles (hors de vos territoires).';
  if (status === 404) return 'Territoire inconnu : aucune position à afficher.';
  return 'Les positions n’ont pas pu être chargées : réessayez dans un instant.';
}

/** What the popup of one childminder says: what the API gives, nothing more. */
export function childminderPopupLines(p: ChildminderFeature['properties']): string[] {
  const lines = [
    `Assistant·e maternel·le n° ${p.id}${p.fictional ? ' (fictif)' : ''}`,
    p.commune_name,
    `${p.agreement_places} place${p.agreement_places > 1 ? 's' : ''} agréée${p.agreement_places > 1 ? 's' : ''} · ${p.active ? 'en activité' : 'sans activité'}`,
    p.mam_name ? `Exerce en MAM : ${p.mam_name}` : 'Exerce à domicile',
  ];
  if (p.started_year !== null || p.ended_year !== null) {
    lines.push(
      p.ended_year !== null
        ? `Agrément ${p.started_year ?? '?'} – ${p.ended_year}`
        : `Agréé·e depuis ${p.started_year}`,
    );
  }
  return lines;
}
