import {
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type GeoJSONSource,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { tileUrl } from '../api/client';
import type { IsochroneCollection } from '../api/types';
import { GAP_ZONE_COLOR } from '../lib/gap-zones';
import { baseStyle } from './base-style';
import { MAPLIBRE_LOCALE_FR } from './locale';
import { addIsochroneLayers, setIsochroneData } from './travel-layers';

setWorkerUrl(workerUrl);

const SITES = 'chosen-sites';
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The map of the "Projet de MAM" screen: commune outlines, gap zones (tile layer `gapzones`),
 * formal places (`eaje`, `mam`), the catchments of the point studied (the isochrone layers of
 * the coverage map, travel-layers.ts) and the sites an optimisation chose. A click anywhere
 * asks for the site card of that point. The container gets data-map-state="ready" once idle.
 */
export class SiteFinderMap {
  private readonly map: MapLibreMap;
  private readonly loaded: Promise<void>;

  constructor(
    private readonly container: HTMLElement,
    onPoint: (lon: number, lat: number) => void,
  ) {
    container.dataset.mapState = 'loading';
    this.map = new MapLibreMap({
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
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    this.loaded = new Promise((resolve) => this.map.once('load', () => resolve()));
    void this.loaded.then(() => {
      this.addLayers();
      this.map.on('click', (e) => onPoint(e.lngLat.lng, e.lngLat.lat));
      this.map.once('idle', () => (this.container.dataset.mapState = 'ready'));
    });
  }

  private addLayers() {
    const origin = window.location.origin;
    const vector = (id: string) =>
      this.map.addSource(id, {
        type: 'vector',
        tiles: [tileUrl(origin, id)],
        minzoom: 6,
        maxzoom: 14,
      });
    vector('communes');
    this.map.addLayer({
      id: 'communes-outline',
      type: 'line',
      source: 'communes',
      'source-layer': 'communes',
      paint: { 'line-color': '#8a96a3', 'line-width': 0.8 },
    });
    vector('gapzones');
    this.map.addLayer({
      id: 'gapzones-fill',
      type: 'fill',
      source: 'gapzones',
      'source-layer': 'gapzones',
      paint: { 'fill-color': GAP_ZONE_COLOR, 'fill-opacity': 0.6 },
    });
    addIsochroneLayers(this.map);
    for (const type of ['eaje', 'mam'] as const) {
      vector(type);
      this.map.addLayer({
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
    this.map.addSource(SITES, { type: 'geojson', data: EMPTY });
    this.map.addLayer({
      id: `${SITES}-points`,
      type: 'circle',
      source: SITES,
      paint: {
        'circle-radius': 8,
        'circle-color': '#e76f51',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    });
  }

  /** Frames a box [west, south, east, north] (WGS84). */
  async frame(box: [number, number, number, number], maxZoom = 12) {
    await this.loaded;
    this.map.fitBounds(
      [
        [box[0], box[1]],
        [box[2], box[3]],
      ],
      { padding: 40, maxZoom, duration: 0 },
    );
  }

  /** The catchments of the point studied (bands of POST /api/isochrones) and the point. */
  async setCatchments(bands: IsochroneCollection | null, point: [number, number] | null) {
    await this.loaded;
    this.container.dataset.mapState = 'loading';
    setIsochroneData(this.map, bands as GeoJSON.FeatureCollection | null, point);
    this.map.once('idle', () => (this.container.dataset.mapState = 'ready'));
  }

  /** The sites an optimisation chose. */
  async setSites(points: [number, number][]) {
    await this.loaded;
    (this.map.getSource(SITES) as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: points.map((p) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: p },
        properties: {},
      })),
    });
  }

  remove() {
    this.map.remove();
  }
}
