import { apiUrl } from '../api/client';
import type {
  AuditEntry,
  GapZoneFeature,
  ReviewStatus,
  ZoneReview,
  ZoneReviewAnswer,
} from '../api/types';

/**
 * The review of gap zones, the screen's pure side: statuses in French, what the history says of
 * each change, the filters of the list, the comité's export. See docs/gap-zones.md, "Review".
 */

export const REVIEW_STATUS_OPTIONS: { value: ReviewStatus; label: string }[] = [
  { value: 'a_examiner', label: 'à examiner' },
  { value: 'confirmee', label: 'confirmée' },
  { value: 'action_prevue', label: 'action prévue' },
  { value: 'ecartee', label: 'écartée' },
];

export const reviewStatusLabel = (status: ReviewStatus): string =>
  REVIEW_STATUS_OPTIONS.find((o) => o.value === status)!.label;

/** "14/03/2025 à 10:02" (Paris time) for an ISO time, "14/03/2025" for a date. */
export function frenchTime(iso: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso.split('-').reverse().join('/');
  const d = new Date(iso);
  const day = d.toLocaleDateString('fr-FR', { timeZone: 'Europe/Paris' });
  const time = d.toLocaleTimeString('fr-FR', {
    timeZone: 'Europe/Paris',
    hour: '2-digit',
    minute: '2-digit',
  });
  return `${day} à ${time}`;
}

type Person = { id: number; name: string } | null;
const personLabel = (p: unknown) => (p ? (p as { name: string }).name : 'personne');

/** What one entry of the audit trail says, in French. */
export function auditSentence(entry: AuditEntry): string {
  const who = entry.actor.name;
  if (entry.action === 'comment') return `${who} a ajouté un commentaire`;
  if (entry.action === 'decision') {
    const on = entry.after.decided_on as string | undefined;
    return `${who} a enregistré une décision${on ? ` (du ${frenchTime(on)})` : ''}`;
  }
  const parts: string[] = [];
  const before = entry.before ?? {};
  if ('status' in entry.after) {
    parts.push(
      `statut : ${reviewStatusLabel(before.status as ReviewStatus)} → ${reviewStatusLabel(entry.after.status as ReviewStatus)}`,
    );
  }
  if ('assignee' in entry.after) {
    parts.push(
      `responsable : ${personLabel(before.assignee as Person)} → ${personLabel(entry.after.assignee as Person)}`,
    );
  }
  return `${who} a changé ${parts.join(' ; ')}`;
}

/** "reprend l'historique de la zone gz-… (scindée)". */
export function inheritedCaption(inherited: ZoneReviewAnswer['inherited'][number]): string {
  const how = inherited.status === 'split' ? 'scindée' : 'fusionnée';
  return `reprend l’historique de la zone ${inherited.zone_id} (${how})`;
}

export interface ReviewFilters {
  status: ReviewStatus | '';
  /** A user id, or '' for anyone. */
  assignee: number | '';
  departement: string;
  minChildren: number;
}

export const NO_FILTER: ReviewFilters = {
  status: '',
  assignee: '',
  departement: '',
  minChildren: 0,
};

/** Whether a zone of the list passes the filters (a zone never reviewed is "à examiner"). */
export function passesFilters(
  zone: GapZoneFeature,
  review: ZoneReview | undefined,
  f: ReviewFilters,
): boolean {
  const status = review?.status ?? 'a_examiner';
  return (
    (f.status === '' || status === f.status) &&
    (f.assignee === '' || review?.assignee?.id === f.assignee) &&
    (f.departement === '' || zone.properties.departements.includes(f.departement)) &&
    zone.properties.children_under3 >= f.minChildren
  );
}

/** The people zones are assigned to, by name, for the assignee filter. */
export function assignees(reviews: Iterable<ZoneReview>): { id: number; name: string }[] {
  const byId = new Map<number, string>();
  for (const r of reviews) if (r.assignee) byId.set(r.assignee.id, r.assignee.name);
  return [...byId]
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** The comité's CSV of the zones shown (the signed-in user's territories). */
export function comiteCsvUrl(q: { minutes: number; level?: string | null; code?: string | null }) {
  return apiUrl('/gap-zones/reviews', { ...q, format: 'csv' });
}

/**
 * Whether the signed-in user may change the review of a zone: a reviewer of one of its
 * territories, or an admin (the server's rule, domain/accounts scopeCovers; the server decides,
 * this only hides controls that would be refused).
 */
export function mayReview(
  user: {
    role: string;
    territories: readonly { level: 'departement' | 'epci' | 'ept' | 'commune'; code: string }[];
    eptCommunes?: Readonly<Record<string, readonly string[]>>;
  } | null,
  zone: { departements: readonly string[]; epcis: readonly string[]; communes: readonly string[] },
): boolean {
  if (!user) return false;
  if (user.role === 'admin') return true;
  if (user.role !== 'reviewer') return false;
  return user.territories.some((t) =>
    t.level === 'ept'
      ? (user.eptCommunes?.[t.code] ?? []).some((c) => zone.communes.includes(c))
      : (t.level === 'departement'
          ? zone.departements
          : t.level === 'epci'
            ? zone.epcis
            : zone.communes
        ).includes(t.code),
  );
}

/**
 * A decision's link as the screens show it: a saved scenario (its id) opens on the "Projet de
 * MAM" screen, a web address opens as such, anything else (a facility id) is shown as text.
 */
export function decisionLinkView(link: { kind: 'facility' | 'scenario'; ref: string }): {
  label: string;
  href: string | null;
} {
  if (link.kind === 'scenario' && /^[0-9]+$/.test(link.ref)) {
    return { label: `Scénario n° ${link.ref}`, href: `/projet-mam?scenario=${link.ref}` };
  }
  const label = `${link.kind === 'facility' ? 'Équipement' : 'Scénario'} : ${link.ref}`;
  return { label, href: /^https?:\/\//.test(link.ref) ? link.ref : null };
}
