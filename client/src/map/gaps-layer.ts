import type { Map as MapLibreMap } from 'maplibre-gl';
import { gapFillExpression } from '../lib/gap-classes';
import { HATCH_IMAGE, INCOMPLETE_HATCH_IMAGE } from './hatch-pattern';
import { addVectorSource } from './vector-source';

/** Gap classes of the communes against the chosen reference (tiles `gaps`, year and reference). */
export const GAPS_LAYERS = ['gaps-fill', 'gaps-small-population', 'gaps-incomplete'];

export function addGapsLayer(map: MapLibreMap, url: string) {
  addVectorSource(map, 'gaps', url);
  map.addLayer({
    id: 'gaps-fill',
    type: 'fill',
    source: 'gaps',
    'source-layer': 'gaps',
    layout: { visibility: 'none' },
    paint: {
      'fill-color': gapFillExpression() as never,
      'fill-opacity': 0.85,
      'fill-outline-color': '#555555',
    },
  });
  map.addLayer({
    id: 'gaps-small-population',
    type: 'fill',
    source: 'gaps',
    'source-layer': 'gaps',
    filter: ['==', ['get', 'coverage_class'], 'small_population'],
    layout: { visibility: 'none' },
    paint: { 'fill-pattern': HATCH_IMAGE },
  });
  map.addLayer({
    id: 'gaps-incomplete',
    type: 'fill',
    source: 'gaps',
    'source-layer': 'gaps',
    filter: ['==', ['get', 'coverage_class'], 'incomplete'],
    layout: { visibility: 'none' },
    paint: { 'fill-pattern': INCOMPLETE_HATCH_IMAGE },
  });
}
