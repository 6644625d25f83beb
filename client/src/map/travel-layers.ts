import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import { bandColors, minutesFillExpression } from '../lib/travel';
import { addClassGridLayer, setGeoJsonData } from './class-grid-layer';

/**
 * Travel times on the map, as MapLibre GeoJSON layers:
 * - "access": the time to the nearest place (GET /api/travel/nearest), grid cells or communes
 *   filled by minute class (lib/travel.ts), below the roads and facilities;
 * - "isochrones": the bands of POST /api/isochrones, nested, each a translucent fill of its
 *   colour (so the inner bands, covered by every larger one, read darker) with an opaque outline,
 *   the nearest band on top; and the origin point.
 */
export const ACCESS_SOURCE = 'access';
export const ACCESS_FILL = 'access-fill';
export const ACCESS_LAYERS = [ACCESS_FILL];
const ISO_SOURCE = 'isochrones';
const ISO_ORIGIN_SOURCE = 'isochrone-origin';
export const ISO_FILL = 'isochrones-fill';
const ISO_LINE = 'isochrones-line';
const ISO_ORIGIN = 'isochrone-origin';

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export function addAccessLayer(map: MapLibreMap) {
  addClassGridLayer(map, { source: ACCESS_SOURCE, fill: ACCESS_FILL }, minutesFillExpression());
}

export function setAccessData(map: MapLibreMap, data: GeoJSON.FeatureCollection | null) {
  setGeoJsonData(map, ACCESS_SOURCE, data);
}

export function addIsochroneLayers(map: MapLibreMap) {
  map.addSource(ISO_SOURCE, { type: 'geojson', data: EMPTY });
  map.addSource(ISO_ORIGIN_SOURCE, { type: 'geojson', data: EMPTY });
  map.addLayer({
    id: ISO_FILL,
    type: 'fill',
    source: ISO_SOURCE,
    // The nearest (smallest) band drawn last, on top.
    layout: { 'fill-sort-key': ['-', 0, ['get', 'minutes']] },
    paint: { 'fill-color': ['get', 'color'], 'fill-opacity': 0.22 },
  });
  map.addLayer({
    id: ISO_LINE,
    type: 'line',
    source: ISO_SOURCE,
    layout: { 'line-sort-key': ['-', 0, ['get', 'minutes']], 'line-join': 'round' },
    paint: { 'line-color': ['get', 'color'], 'line-width': 3 },
  });
  map.addLayer({
    id: ISO_ORIGIN,
    type: 'circle',
    source: ISO_ORIGIN_SOURCE,
    paint: {
      'circle-radius': 6,
      'circle-color': '#111111',
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
}

/** The bands (any order) coloured nearest-darkest, and the origin as given by the user. */
export function setIsochroneData(
  map: MapLibreMap,
  bands: GeoJSON.FeatureCollection | null,
  origin: [number, number] | null,
) {
  const features = [...(bands?.features ?? [])].sort(
    (a, b) => Number(a.properties?.minutes) - Number(b.properties?.minutes),
  );
  const colors = bandColors(features.length);
  const coloured = features.map((f, i) => ({
    ...f,
    properties: { ...f.properties, color: colors[i] },
  }));
  (map.getSource(ISO_SOURCE) as GeoJSONSource | undefined)?.setData({
    type: 'FeatureCollection',
    features: coloured,
  });
  (map.getSource(ISO_ORIGIN_SOURCE) as GeoJSONSource | undefined)?.setData(
    origin
      ? {
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: origin } },
          ],
        }
      : EMPTY,
  );
}
