import type { TerritoryProperties } from '../api/types';
import { buildCsv, type CsvColumn } from './csv';
import { gapClass } from './gap-classes';
import { SECRET_TEXT, secretFigureText } from './secrecy';

/** "secret" in place of a figure withheld by statistical secrecy, never an empty cell or 0. */
const withheld = (r: TerritoryProperties) => (r.childminders_secret ? SECRET_TEXT : null);

/**
 * The table of territories shown beside the map and its CSV export: the same rows and columns,
 * French headers, sorted by coverage rate (lowest first: where the gaps are).
 */
export type SortKey = 'name' | 'children_under3' | 'places_total' | 'coverage_rate';

/**
 * Sort the rows. By rate, the territories with a small population come after the others (their
 * rate is unstable: a 0 on 4 children is not the gap to act on first), and missing values last,
 * whatever the direction.
 */
export function sortTerritories(
  rows: TerritoryProperties[],
  key: SortKey,
  ascending: boolean,
): TerritoryProperties[] {
  const dir = ascending ? 1 : -1;
  const byName = (a: TerritoryProperties, b: TerritoryProperties) =>
    a.name.localeCompare(b.name, 'fr');
  return [...rows].sort((a, b) => {
    if (key === 'name') return dir * byName(a, b);
    if (key === 'coverage_rate' && a.small_population !== b.small_population)
      return a.small_population ? 1 : -1;
    const x = a[key];
    const y = b[key];
    if (x === null && y === null) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return dir * (x - y) || byName(a, b);
  });
}

export function territoryCsvColumns(
  datasetLabels: Map<number, string>,
): CsvColumn<TerritoryProperties>[] {
  return [
    { header: 'Code', value: (r) => r.code },
    { header: 'Nom', value: (r) => r.name },
    { header: 'Niveau', value: (r) => r.level },
    { header: 'Année', value: (r) => r.year },
    { header: 'Enfants de moins de 3 ans', value: (r) => r.children_under3 },
    { header: 'Places EAJE PSU', value: (r) => r.places_eaje_psu },
    { header: 'Places EAJE hors PSU', value: (r) => r.places_eaje_hors_psu },
    { header: 'Places assistants maternels', value: (r) => withheld(r) ?? r.places_am },
    { header: 'Places MAM', value: (r) => withheld(r) ?? r.places_mam },
    { header: 'Places garde à domicile', value: (r) => r.places_home_care },
    { header: 'Places préscolarisation', value: (r) => r.places_preschool },
    { header: 'Places total', value: (r) => withheld(r) ?? r.places_total },
    {
      header: 'Taux de couverture (places pour 100 enfants)',
      value: (r) => withheld(r) ?? r.coverage_rate,
    },
    { header: 'Taux de référence', value: (r) => r.reference_rate },
    { header: 'Classe d’écart', value: (r) => gapClass(r.coverage_class).label },
    { header: 'Petite population', value: (r) => r.small_population },
    { header: 'Données fictives', value: (r) => r.fictional },
    {
      header: 'Secret statistique (assistants maternels)',
      value: (r) => (r.childminders_secret ? secretFigureText(r) : false),
    },
    {
      header: 'Sources',
      value: (r) => r.sources.map((id) => datasetLabels.get(id) ?? String(id)).join(' | '),
    },
  ];
}

export function territoriesCsv(
  rows: TerritoryProperties[],
  datasets: { id: number; name: string; vintage: string; fictional: boolean }[],
): string {
  const labels = new Map(
    datasets.map((d) => [d.id, `${d.name} (${d.vintage})${d.fictional ? ' [fictif]' : ''}`]),
  );
  return buildCsv(territoryCsvColumns(labels), rows);
}
