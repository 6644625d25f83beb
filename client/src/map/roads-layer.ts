import type { Map as MapLibreMap } from 'maplibre-gl';
import { addVectorSource } from './vector-source';

/** The road network (tiles `roads`), by class. Below zoom 11 the API serves the major roads only. */
export const ROADS_LAYERS = ['roads-casing', 'roads-line'];

export const ROAD_STYLES = [
  { id: 'nationale', label: 'Route nationale', color: '#c0392b', width: 3 },
  { id: 'departementale', label: 'Route départementale', color: '#e67e22', width: 2 },
  { id: 'communale', label: 'Voie communale', color: '#7f7f7f', width: 1 },
  { id: 'locale', label: 'Route locale (hameaux, fermes)', color: '#8a9a7b', width: 0.8 },
  { id: 'rue', label: 'Rue', color: '#a9a9b8', width: 0.6 },
] as const;

export function addRoadsLayer(map: MapLibreMap, url: string) {
  addVectorSource(map, 'roads', url, 6, 16);
  const color: unknown[] = ['match', ['get', 'road_class']];
  const width: unknown[] = ['match', ['get', 'road_class']];
  for (const s of ROAD_STYLES) {
    color.push(s.id, s.color);
    width.push(s.id, s.width);
  }
  color.push('#7f7f7f');
  width.push(1);
  map.addLayer({
    id: 'roads-casing',
    type: 'line',
    source: 'roads',
    'source-layer': 'roads',
    layout: { visibility: 'none', 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': '#ffffff', 'line-width': ['+', width as never, 1.5] },
  });
  map.addLayer({
    id: 'roads-line',
    type: 'line',
    source: 'roads',
    'source-layer': 'roads',
    layout: { visibility: 'none', 'line-cap': 'round', 'line-join': 'round' },
    paint: { 'line-color': color as never, 'line-width': width as never },
  });
}
