import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';

/**
 * A GeoJSON layer of grid cells or communes filled by class, hidden until its overlay is turned
 * on: the time-to-nearest and accessibility layers. Opaque, so the classes read as in the legend
 * whatever the choropleth below.
 */
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export function addClassGridLayer(
  map: MapLibreMap,
  ids: { source: string; fill: string },
  fillColor: unknown,
) {
  map.addSource(ids.source, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: ids.fill,
    type: 'fill',
    source: ids.source,
    layout: { visibility: 'none' },
    paint: { 'fill-color': fillColor as never, 'fill-opacity': 1, 'fill-antialias': false },
  });
}

/** Replaces a GeoJSON source's features (none when `data` is null). */
export function setGeoJsonData(
  map: MapLibreMap,
  source: string,
  data: GeoJSON.FeatureCollection | null,
) {
  (map.getSource(source) as GeoJSONSource | undefined)?.setData(data ?? EMPTY);
}
