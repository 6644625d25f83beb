/**
 * Places by mode of care for the stacked bar of the territory panel, in the order of the
 * official breakdown (EAJE PSU, EAJE hors PSU, AM, MAM, garde à domicile, préscolarisation).
 * AM and MAM places are those counted for under-3s (agreement places × the under-3 share).
 */
export interface PlacesInput {
  places_eaje_psu: number;
  places_eaje_hors_psu: number;
  /** null: withheld by statistical secrecy (and then so is the total). */
  places_am: number | null;
  places_mam: number | null;
  places_home_care: number;
  places_preschool: number;
  places_total: number | null;
}

export interface PlacesSegment {
  id: keyof Omit<PlacesInput, 'places_total'>;
  label: string;
  color: string;
  /** null: withheld by statistical secrecy. */
  places: number | null;
  /** Share of the places shown, 0 to 1 (0 when they add up to 0); withheld modes are left out. */
  share: number;
}

// A sequential-free categorical palette (Okabe-Ito), distinguishable with colour-vision deficiencies.
const MODES: { id: PlacesSegment['id']; label: string; color: string }[] = [
  { id: 'places_eaje_psu', label: 'EAJE (PSU)', color: '#0072b2' },
  { id: 'places_eaje_hors_psu', label: 'EAJE hors PSU (micro-crèches PAJE)', color: '#56b4e9' },
  { id: 'places_am', label: 'Assistants maternels à domicile', color: '#009e73' },
  { id: 'places_mam', label: 'Assistants maternels en MAM', color: '#8fd9bf' },
  { id: 'places_home_care', label: 'Garde à domicile', color: '#e69f00' },
  { id: 'places_preschool', label: 'Préscolarisation (2 ans)', color: '#cc79a7' },
];

export function placesBreakdown(p: PlacesInput): PlacesSegment[] {
  const total = MODES.reduce((sum, m) => sum + (p[m.id] ?? 0), 0);
  return MODES.map((m) => ({
    ...m,
    places: p[m.id],
    share: total > 0 ? (p[m.id] ?? 0) / total : 0,
  }));
}
