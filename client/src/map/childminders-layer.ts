import type { Map as MapLibreMap } from 'maplibre-gl';
import { CHILDMINDERS_COLOR } from '../lib/facilities';
import { addVectorSource } from './vector-source';

/**
 * Childminders aggregated per commune (tiles `childminders`): one circle per commune at its
 * label point, its area proportional to the number of active childminders. Never a person's
 * location: the API only serves the per-commune counts.
 */
export const CHILDMINDERS_LAYERS = ['childminders-circle'];
export const CHILDMINDERS_LEGEND_COUNTS = [5, 20, 50] as const;

export function childmindersRadius(count: number): number {
  return Math.max(2, Math.sqrt(Math.max(0, count)) * 2.2);
}

export function addChildmindersLayer(map: MapLibreMap, url: string) {
  addVectorSource(map, 'childminders', url);
  map.addLayer({
    id: 'childminders-circle',
    type: 'circle',
    source: 'childminders',
    'source-layer': 'childminders',
    layout: { visibility: 'none' },
    paint: {
      'circle-color': CHILDMINDERS_COLOR,
      'circle-opacity': 0.55,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 1,
      // Same formula as childmindersRadius: area proportional to the count.
      'circle-radius': [
        'max',
        2,
        ['*', 2.2, ['sqrt', ['max', 0, ['to-number', ['get', 'childminders']]]]],
      ],
    },
  });
}
