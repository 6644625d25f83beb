/**
 * Facility symbols: EAJE coloured by type (grouped into four families a planner tells apart)
 * and sized by authorised places; MAM in a colour of their own. Okabe-Ito colours.
 */
export interface KindGroup {
  id: string;
  label: string;
  color: string;
  kinds: readonly string[];
}

export const EAJE_KIND_GROUPS: readonly KindGroup[] = [
  {
    id: 'collective',
    label: 'Crèche collective, multi-accueil',
    color: '#0072b2',
    kinds: ['multi_accueil', 'creche_collective'],
  },
  { id: 'micro', label: 'Micro-crèche', color: '#d55e00', kinds: ['micro_creche'] },
  {
    id: 'familiale',
    label: 'Crèche familiale ou parentale',
    color: '#009e73',
    kinds: ['creche_familiale', 'creche_parentale'],
  },
  {
    id: 'autre',
    label: 'Halte-garderie, jardin d’enfants, autre',
    color: '#cc79a7',
    kinds: ['halte_garderie', 'jardin_enfants', 'autre'],
  },
];

export const MAM_COLOR = '#56b4e9';
export const CHILDMINDERS_COLOR = '#6a51a3';

export const KIND_LABELS: Record<string, string> = {
  multi_accueil: 'Multi-accueil',
  creche_collective: 'Crèche collective',
  micro_creche: 'Micro-crèche',
  halte_garderie: 'Halte-garderie',
  creche_familiale: 'Crèche familiale',
  creche_parentale: 'Crèche parentale',
  jardin_enfants: 'Jardin d’enfants',
  autre: 'Autre EAJE',
  mam: 'MAM',
};

export function kindGroup(kind: string | null | undefined): KindGroup {
  return (
    EAJE_KIND_GROUPS.find((g) => g.kinds.includes(kind ?? '')) ??
    EAJE_KIND_GROUPS[EAJE_KIND_GROUPS.length - 1]
  );
}

/** Radius in pixels of a facility of `places` places: area proportional to places, 3 px minimum. */
export function facilityRadius(places: number | null | undefined): number {
  const p = typeof places === 'number' && places > 0 ? places : 0;
  return Math.max(3, Math.sqrt(p) * 1.6);
}

/** Places shown in the size legend. */
export const SIZE_LEGEND_PLACES = [10, 30, 60] as const;

export const LEVEL_LABELS: Record<string, string> = {
  commune: 'Commune',
  epci: 'Intercommunalité (EPCI)',
  ept: 'Établissement public territorial (EPT)',
  departement: 'Département',
};
