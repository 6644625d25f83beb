import type { Map as MapLibreMap } from 'maplibre-gl';
import { accessRateFillExpression } from '../lib/accessibility';
import { addVectorSource } from './vector-source';

/**
 * "Accessibilité (carroyage)": the populated grid cells filled by their places within reach per
 * 100 children (lib/accessibility.ts), from the tile layer `accessibility` (the default
 * computation, stored by the server per version of the data: docs/accessibility.md). Opaque, so
 * the classes read as in the legend whatever the choropleth below.
 */
export const ACCESSIBILITY_SOURCE = 'accessibility';
export const ACCESSIBILITY_FILL = 'accessibility-fill';
export const ACCESSIBILITY_LAYERS = [ACCESSIBILITY_FILL];

export function addAccessibilityLayer(map: MapLibreMap, url: string) {
  addVectorSource(map, ACCESSIBILITY_SOURCE, url);
  map.addLayer({
    id: ACCESSIBILITY_FILL,
    type: 'fill',
    source: ACCESSIBILITY_SOURCE,
    'source-layer': 'accessibility',
    layout: { visibility: 'none' },
    paint: {
      'fill-color': accessRateFillExpression() as never,
      'fill-opacity': 1,
      'fill-antialias': false,
    },
  });
}
