import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { accessRateFillExpression } from '../lib/accessibility';

/**
 * "Accessibilité (carroyage)": the populated grid cells (GET /api/accessibility/cells) filled by
 * their places within reach per 100 children (lib/accessibility.ts), as a MapLibre GeoJSON layer.
 * Not vector tiles: the values are computed in the server's memory for a set of parameters, not
 * stored in a table the tile queries could read, and one département's cells (a few thousand
 * squares) are a small answer.
 */
export const ACCESSIBILITY_SOURCE = 'accessibility';
export const ACCESSIBILITY_FILL = 'accessibility-fill';
export const ACCESSIBILITY_LAYERS = [ACCESSIBILITY_FILL];

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export function addAccessibilityLayer(map: MapLibreMap) {
  map.addSource(ACCESSIBILITY_SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: ACCESSIBILITY_FILL,
    type: 'fill',
    source: ACCESSIBILITY_SOURCE,
    layout: { visibility: 'none' },
    paint: {
      'fill-color': accessRateFillExpression() as never,
      'fill-opacity': 1,
      'fill-antialias': false,
    },
  });
}

export function setAccessibilityData(map: MapLibreMap, data: GeoJSON.FeatureCollection | null) {
  (map.getSource(ACCESSIBILITY_SOURCE) as GeoJSONSource | undefined)?.setData(data ?? EMPTY);
}
