/**
 * The gap classes the API computes (rate against a reference rate, see the server's
 * domain/coverage/gap-class.ts for the thresholds: 60 %, 90 %, 110 % of the reference), with
 * their French labels and an ordered red-to-blue palette (ColorBrewer RdBu, readable with the
 * common colour-vision deficiencies): the darker the red, the larger the gap.
 */
export type GapClass =
  | 'zone_blanche'
  | 'well_below'
  | 'below'
  | 'near'
  | 'above'
  | 'small_population'
  | 'incomplete'
  | 'no_data';

export interface GapClassItem {
  id: GapClass;
  label: string;
  description: string;
  color: string;
}

export const GAP_CLASSES: readonly GapClassItem[] = [
  {
    id: 'zone_blanche',
    label: 'Zone blanche',
    description: 'des enfants et aucune place formelle (EAJE, assistant maternel, MAM)',
    color: '#67001f',
  },
  {
    id: 'well_below',
    label: 'Très en dessous',
    description: 'moins de 60 % du taux de référence',
    color: '#d6604d',
  },
  {
    id: 'below',
    label: 'En dessous',
    description: 'de 60 % à moins de 90 % du taux de référence',
    color: '#f4a582',
  },
  {
    id: 'near',
    label: 'Proche',
    description: 'de 90 % à moins de 110 % du taux de référence',
    color: '#f7f7f7',
  },
  {
    id: 'above',
    label: 'Au-dessus',
    description: '110 % du taux de référence et plus',
    color: '#4393c3',
  },
  {
    id: 'small_population',
    label: 'Petite population',
    description: 'moins de 20 enfants de moins de 3 ans : taux instable',
    color: '#d9d9d9',
  },
  {
    id: 'incomplete',
    label: 'Données incomplètes',
    description:
      'un mode d’accueil du taux n’a pas de données : taux minimal, pas un manque de places',
    color: '#eef2fa',
  },
  {
    id: 'no_data',
    label: 'Pas de donnée',
    description: 'aucun chiffre pour cette année',
    color: '#9e9e9e',
  },
];

export function gapClass(id: string | null | undefined): GapClassItem {
  return GAP_CLASSES.find((g) => g.id === id) ?? GAP_CLASSES[GAP_CLASSES.length - 1];
}

/** MapLibre `match` expression colouring `coverage_class`. */
export function gapFillExpression(): unknown[] {
  const expr: unknown[] = ['match', ['get', 'coverage_class']];
  for (const g of GAP_CLASSES) expr.push(g.id, g.color);
  expr.push(gapClass('no_data').color);
  return expr;
}
