import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/**
 * Outlines of the larger territories above the choropleth: the EPCI around communes (when
 * communes are shown) and the département. Data: the EPCI and département lists of
 * GET /api/territories, already loaded for the search.
 */
const EPCI_SOURCE = 'outline-epci';
const DEP_SOURCE = 'outline-departement';
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export function addOutlinesLayer(map: MapLibreMap) {
  map.addSource(EPCI_SOURCE, { type: 'geojson', data: EMPTY });
  map.addSource(DEP_SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: 'outline-epci',
    type: 'line',
    source: EPCI_SOURCE,
    paint: { 'line-color': '#1a1a1a', 'line-width': 2.2 },
  });
  map.addLayer({
    id: 'outline-departement',
    type: 'line',
    source: DEP_SOURCE,
    paint: { 'line-color': '#000000', 'line-width': 3.5, 'line-dasharray': [3, 1.5] },
  });
}

export function setOutlines(
  map: MapLibreMap,
  epci: GeoJSON.FeatureCollection | null,
  departements: GeoJSON.FeatureCollection | null,
) {
  (map.getSource(EPCI_SOURCE) as GeoJSONSource | undefined)?.setData(epci ?? EMPTY);
  (map.getSource(DEP_SOURCE) as GeoJSONSource | undefined)?.setData(departements ?? EMPTY);
}
