import {
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type FitBoundsOptions,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { tileUrl } from '../api/client';
import { baseStyle } from './base-style';
import { MAPLIBRE_LOCALE_FR } from './locale';

setWorkerUrl(workerUrl);

/**
 * What the maps beside a screen's list share (the gap zones and the site finder): a flat map in
 * French with zoom buttons and a scale, the commune outlines and the formal places from the
 * API's tiles. The coverage map has its own, richer scene (MapScene).
 */
export const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/** The map in `container`, and a promise of its style loaded. */
export function createScreenMap(container: HTMLElement): {
  map: MapLibreMap;
  loaded: Promise<void>;
} {
  const map = new MapLibreMap({
    container,
    style: baseStyle(),
    center: [2.4, 46.8],
    zoom: 5,
    attributionControl: {
      compact: true,
      customAttribution: 'Berceau, d’après INSEE, PMI, Caf, OpenStreetMap',
    },
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    dragRotate: false,
    pitchWithRotate: false,
    fadeDuration: 0,
    locale: MAPLIBRE_LOCALE_FR,
  });
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
  const loaded = new Promise<void>((resolve) => map.once('load', () => resolve()));
  return { map, loaded };
}

/** A tile layer of the API (`communes`, `eaje`, `gapzones`…) as a vector source of that id. */
export function addTileSource(map: MapLibreMap, id: string) {
  map.addSource(id, {
    type: 'vector',
    tiles: [tileUrl(window.location.origin, id)],
    minzoom: 6,
    maxzoom: 14,
  });
}

export function addCommuneOutlines(map: MapLibreMap) {
  addTileSource(map, 'communes');
  map.addLayer({
    id: 'communes-outline',
    type: 'line',
    source: 'communes',
    'source-layer': 'communes',
    paint: { 'line-color': '#8a96a3', 'line-width': 0.8 },
  });
}

/** EAJE and MAM as dots, above what is already drawn. */
export function addFormalPlaces(map: MapLibreMap) {
  for (const type of ['eaje', 'mam'] as const) {
    addTileSource(map, type);
    map.addLayer({
      id: `${type}-points`,
      type: 'circle',
      source: type,
      'source-layer': type,
      paint: {
        'circle-radius': 4,
        'circle-color': type === 'eaje' ? '#1d3557' : '#2a9d8f',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    });
  }
}

/** Frames a box [west, south, east, north] (WGS84). */
export function fitBox(
  map: MapLibreMap,
  box: readonly [number, number, number, number],
  options: FitBoundsOptions,
) {
  map.fitBounds(
    [
      [box[0], box[1]],
      [box[2], box[3]],
    ],
    options,
  );
}
