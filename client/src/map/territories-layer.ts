import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { TerritoryCollection } from '../api/types';
import { coverageFillExpression } from '../lib/coverage-scale';
import { addHatchImage, HATCH_IMAGE, INCOMPLETE_HATCH_IMAGE } from './hatch-pattern';

/**
 * The choropleth: the territories of the current level (EPCI or communes) filled by coverage
 * rate (lib/coverage-scale.ts), small populations hatched, incomplete figures cross-hatched,
 * outlines, and the selected territory.
 * Data: GET /api/territories (GeoJSON, geometry simplified for display), so the map, the table,
 * the search and the CSV export read the very same figures.
 */
export const SOURCE = 'territories';
export const FILL = 'territories-fill';
const HATCH = 'territories-small-population';
export const INCOMPLETE_HATCH = 'territories-incomplete';
const LINE = 'territories-line';
export const SELECTED = 'territories-selected';

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export function addTerritoriesLayer(map: MapLibreMap) {
  addHatchImage(map);
  map.addSource(SOURCE, { type: 'geojson', data: EMPTY, promoteId: 'code' });
  map.addLayer({
    id: FILL,
    type: 'fill',
    source: SOURCE,
    paint: { 'fill-color': coverageFillExpression() as never, 'fill-opacity': 1 },
  });
  map.addLayer({
    id: HATCH,
    type: 'fill',
    source: SOURCE,
    filter: ['==', ['get', 'small_population'], true],
    paint: { 'fill-pattern': HATCH_IMAGE },
  });
  // A figure without data for some modes of the rate: a lower bound, never coloured as a shortage.
  map.addLayer({
    id: INCOMPLETE_HATCH,
    type: 'fill',
    source: SOURCE,
    filter: ['==', ['get', 'coverage_class'], 'incomplete'],
    paint: { 'fill-pattern': INCOMPLETE_HATCH_IMAGE },
  });
  map.addLayer({
    id: LINE,
    type: 'line',
    source: SOURCE,
    paint: {
      'line-color': '#4d4d4d',
      'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.6, 12, 1.4],
    },
  });
}

/**
 * The selected territory's outline, above the overlays so that it stays visible. A source of
 * its own: the selection may be of another level than the choropleth (an EPCI over communes).
 */
export function addSelectionLayer(map: MapLibreMap) {
  map.addSource(SELECTED, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: `${SELECTED}-halo`,
    type: 'line',
    source: SELECTED,
    paint: { 'line-color': '#ffffff', 'line-width': 7, 'line-opacity': 0.9 },
  });
  map.addLayer({
    id: SELECTED,
    type: 'line',
    source: SELECTED,
    paint: { 'line-color': '#000000', 'line-width': 3.5 },
  });
}

export function setTerritories(map: MapLibreMap, data: TerritoryCollection | null) {
  (map.getSource(SOURCE) as GeoJSONSource | undefined)?.setData(
    (data ?? EMPTY) as GeoJSON.FeatureCollection,
  );
}

export function setSelectedTerritory(map: MapLibreMap, feature: GeoJSON.Feature | null) {
  const data: GeoJSON.FeatureCollection = feature
    ? { type: 'FeatureCollection', features: [feature] }
    : EMPTY;
  (map.getSource(SELECTED) as GeoJSONSource | undefined)?.setData(data);
}
