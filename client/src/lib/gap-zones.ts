import type { GapZoneCollection, GapZoneFeature } from '../api/types';

/**
 * The gap zones screen's pure side: the thresholds offered, the colours of the zone layer, and
 * what the list and the panel say of a zone, in French.
 */

/** Minutes by car offered for "sans offre à N minutes" (15: the documented default). */
export const GAP_ZONE_MINUTES = [10, 15, 20, 30] as const;
export const DEFAULT_GAP_ZONE_MINUTES = 15;

/** Fill of a zone on the map (opaque, so that a test can find it on the canvas). */
export const GAP_ZONE_COLOR = '#c8553d';
/** Fill of the zone selected in the list or on the map. */
export const GAP_ZONE_SELECTED_COLOR = '#6a1b9a';

const number = (x: number, digits = 0) =>
  x.toLocaleString('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** "16,1 min". */
export function minutesLabel(minutes: number): string {
  return `${number(minutes, 1)} min`;
}

/** Children are fractions of a commune's count spread on the grid: shown rounded, "≈ 25". */
export function childrenLabel(children: number): string {
  return `≈ ${number(Math.round(children))}`;
}

/** A zone's name in the list: its communes (the first two, then how many more). */
export function zoneName(zone: GapZoneFeature): string {
  const names = zone.properties.communes.map((c) => c.name);
  if (names.length === 0) return zone.id;
  const more =
    names.length > 2 ? ` et ${names.length - 2} autre${names.length > 3 ? 's' : ''}` : '';
  return names.slice(0, 2).join(', ') + more;
}

/** One row of the list. */
export interface GapZoneRow {
  id: string;
  name: string;
  children: string;
  placesMissing: string;
  nearest: string;
}

/** The list's rows: most children first (ties by id), as the API orders them. */
export function gapZoneRows(collection: GapZoneCollection | null): GapZoneRow[] {
  if (!collection) return [];
  return [...collection.features]
    .sort(
      (a, b) =>
        b.properties.children_under3 - a.properties.children_under3 || (a.id < b.id ? -1 : 1),
    )
    .map((z) => ({
      id: z.id,
      name: zoneName(z),
      children: childrenLabel(z.properties.children_under3),
      placesMissing: number(z.properties.places_missing),
      nearest: z.properties.nearest[0]
        ? minutesLabel(z.properties.nearest[0].minutes)
        : 'aucune à moins de 60 min',
    }));
}

/** The bounding box of zones (minLon, minLat, maxLon, maxLat), or null when there is none. */
export function zonesBbox(features: GapZoneFeature[]): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  for (const f of features) {
    for (const polygon of f.geometry.coordinates) {
      for (const [lon, lat] of polygon[0]) {
        if (!box) box = [lon, lat, lon, lat];
        else {
          box[0] = Math.min(box[0], lon);
          box[1] = Math.min(box[1], lat);
          box[2] = Math.max(box[2], lon);
          box[3] = Math.max(box[3], lat);
        }
      }
    }
  }
  return box;
}
