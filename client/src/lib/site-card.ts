import type { SiteCardAnswer, SiteCardBody } from '../api/types';

/**
 * The "Projet de MAM" screen's pure part: the project the form describes, the request it makes
 * and the figures of the card as the screen words them (French number formats).
 */
export type ProjectSpec =
  | { kind: 'mam'; childminders: number; placesPerAgreement: number }
  | { kind: 'micro_creche'; places: number };

export const DEFAULT_PROJECT: ProjectSpec = { kind: 'mam', childminders: 4, placesPerAgreement: 4 };

export function siteCardBody(
  point: { lon: number; lat: number },
  project: ProjectSpec,
  year: number | null,
): SiteCardBody {
  return {
    lon: Math.round(point.lon * 1e6) / 1e6,
    lat: Math.round(point.lat * 1e6) / 1e6,
    ...(year !== null ? { year } : {}),
    project:
      project.kind === 'mam'
        ? {
            kind: 'mam',
            childminders: project.childminders,
            places_per_agreement: project.placesPerAgreement,
          }
        : { kind: 'micro_creche', places: project.places },
  };
}

const number1 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/** Children are estimates from a grid: shown as whole children. */
export const formatChildren = (n: number) => integer.format(n);
export const formatPlaces = (n: number) => number1.format(n);
export const formatRate = (n: number | null) => (n === null ? '—' : number1.format(n));
/** A difference with its sign: "+3,2", "−1", "0". */
export function formatSigned(n: number | null): string {
  if (n === null) return '—';
  const text = number1.format(Math.abs(n));
  if (text === '0') return '0';
  return `${n > 0 ? '+' : '−'}${text}`;
}

export function projectLabel(card: SiteCardAnswer['project']): string {
  if (card.kind === 'micro_creche') return `une micro-crèche de ${card.places_at_once} places`;
  return `une MAM de ${card.childminders} assistant·e·s maternel·le·s (agréments de ${card.places_per_agreement} enfants)`;
}

/** One line of the bands table. */
export interface BandRow {
  minutes: number;
  children: string;
  estimated: boolean;
  eaje: string;
  mam: string;
  am: string;
  childminders: string;
  newly: string;
}

export function bandRows(card: SiteCardAnswer): BandRow[] {
  return card.bands.map((b) => ({
    minutes: b.minutes,
    children: formatChildren(b.children),
    estimated: b.children_estimated,
    eaje: formatPlaces(b.places.eaje),
    mam: formatPlaces(b.places.mam),
    am: formatPlaces(b.places.am),
    childminders: integer.format(b.childminders_at_home),
    newly: formatChildren(
      card.project.newly_within.find((n) => n.minutes === b.minutes)?.children ?? 0,
    ),
  }));
}
