import type { Map as MapLibreMap } from 'maplibre-gl';
import { accessRateFillExpression } from '../lib/accessibility';
import { addClassGridLayer, setGeoJsonData } from './class-grid-layer';

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

export function addAccessibilityLayer(map: MapLibreMap) {
  addClassGridLayer(
    map,
    { source: ACCESSIBILITY_SOURCE, fill: ACCESSIBILITY_FILL },
    accessRateFillExpression(),
  );
}

export function setAccessibilityData(map: MapLibreMap, data: GeoJSON.FeatureCollection | null) {
  setGeoJsonData(map, ACCESSIBILITY_SOURCE, data);
}
