/** The optional map layers of the layers panel, in drawing order (bottom first). */
export const OVERLAY_IDS = [
  'gaps',
  'accessibility',
  'access',
  'gapzones',
  'roads',
  'childminders',
  'mam',
  'eaje',
] as const;
export type OverlayId = (typeof OVERLAY_IDS)[number];

export const OVERLAY_TITLES: Record<OverlayId, string> = {
  gaps: 'Classes d’écart (communes)',
  accessibility: 'Accessibilité (carroyage)',
  access: 'Temps d’accès à la place la plus proche',
  gapzones: 'Zones sans offre à 15 min',
  roads: 'Routes',
  childminders: 'Assistants maternels (par commune)',
  mam: 'Maisons d’assistants maternels (MAM)',
  eaje: 'Établissements d’accueil du jeune enfant (EAJE)',
};

export function isOverlayId(s: string): s is OverlayId {
  return (OVERLAY_IDS as readonly string[]).includes(s);
}
