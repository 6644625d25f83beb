import type { Map as MapLibreMap } from 'maplibre-gl';
import { GAP_ZONE_COLOR } from '../lib/gap-zones';
import { addVectorSource } from './vector-source';

/** Zones sans offre à 15 minutes over the coverage map (tiles `gapzones`). */
export const GAP_ZONES_LAYERS = ['gapzones-fill', 'gapzones-line'];

export function addGapZonesLayer(map: MapLibreMap, url: string) {
  addVectorSource(map, 'gapzones', url);
  map.addLayer({
    id: 'gapzones-fill',
    type: 'fill',
    source: 'gapzones',
    'source-layer': 'gapzones',
    layout: { visibility: 'none' },
    paint: { 'fill-color': GAP_ZONE_COLOR },
  });
  map.addLayer({
    id: 'gapzones-line',
    type: 'line',
    source: 'gapzones',
    'source-layer': 'gapzones',
    layout: { visibility: 'none' },
    paint: { 'line-color': '#5c1f12', 'line-width': 1 },
  });
}
