import type { TerritoryProperties } from '../api/types';
import { buildCsv, type CsvColumn } from './csv';
import { gapClass } from './gap-classes';

/**
 * The table of territories shown beside the map and its CSV export: the same rows and columns,
 * French headers, sorted by coverage rate (lowest first: where the gaps are).
 */
export type SortKey = 'name' | 'children_under3' | 'places_total' | 'coverage_rate';

export function sortTerritories(rows: TerritoryProperties[], key: SortKey, ascending: boolean): TerritoryProperties[] {
  const dir = ascending ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === 'name') return dir * a.name.localeCompare(b.name, 'fr');
    const x = a[key];
    const y = b[key];
    // Missing values last whatever the direction.
    if (x === null && y === null) return a.name.localeCompare(b.name, 'fr');
    if (x === null) return 1;
    if (y === null) return -1;
    return dir * (x - y) || a.name.localeCompare(b.name, 'fr');
  });
}

export function territoryCsvColumns(datasetLabels: Map<number, string>): CsvColumn<TerritoryProperties>[] {
  return [
    { header: 'Code', value: (r) => r.code },
    { header: 'Nom', value: (r) => r.name },
    { header: 'Niveau', value: (r) => r.level },
    { header: 'Année', value: (r) => r.year },
    { header: 'Enfants de moins de 3 ans', value: (r) => r.children_under3 },
    { header: 'Places EAJE PSU', value: (r) => r.places_eaje_psu },
    { header: 'Places EAJE hors PSU', value: (r) => r.places_eaje_hors_psu },
    { header: 'Places assistants maternels', value: (r) => r.places_am },
    { header: 'Places MAM', value: (r) => r.places_mam },
    { header: 'Places garde à domicile', value: (r) => r.places_home_care },
    { header: 'Places préscolarisation', value: (r) => r.places_preschool },
    { header: 'Places total', value: (r) => r.places_total },
    { header: 'Taux de couverture (places pour 100 enfants)', value: (r) => r.coverage_rate },
    { header: 'Taux de référence', value: (r) => r.reference_rate },
    { header: 'Classe d’écart', value: (r) => gapClass(r.coverage_class).label },
    { header: 'Petite population', value: (r) => r.small_population },
    { header: 'Données fictives', value: (r) => r.fictional },
    { header: 'Sources', value: (r) => r.sources.map((id) => datasetLabels.get(id) ?? String(id)).join(' | ') },
  ];
}

export function territoriesCsv(rows: TerritoryProperties[], datasets: { id: number; name: string; vintage: string; fictional: boolean }[]): string {
  const labels = new Map(datasets.map((d) => [d.id, `${d.name} (${d.vintage})${d.fictional ? ' [fictif]' : ''}`]));
  return buildCsv(territoryCsvColumns(labels), rows);
}
