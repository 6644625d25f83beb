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
import type { GapZoneCollection } from '../api/types';
import { GAP_ZONE_COLOR, GAP_ZONE_SELECTED_COLOR, zonesBbox } from '../lib/gap-zones';
import { baseStyle } from './base-style';
import { MAPLIBRE_LOCALE_FR } from './locale';

setWorkerUrl(workerUrl);

const ZONES = 'gap-zones';
const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

/**
 * The map of the gap zones screen: commune outlines and formal places (the tile layers
 * `communes`, `eaje`, `mam`) under the zones of the list (GeoJSON of GET /api/gap-zones, so
 * that map and list show the same threshold). A click on a zone selects it. The container gets
 * data-map-state="ready" once the zones are drawn.
 */
export class GapZonesMap {
  private readonly map: MapLibreMap;
  private readonly loaded: Promise<void>;
  private selected: string | null = null;

  constructor(
    private readonly container: HTMLElement,
    onSelect: (id: string) => void,
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
    void this.loaded.then(() => this.addLayers(onSelect));
  }

  private addLayers(onSelect: (id: string) => void) {
    const origin = window.location.origin;
    this.map.addSource('communes', {
      type: 'vector',
      tiles: [tileUrl(origin, 'communes')],
      minzoom: 6,
      maxzoom: 14,
    });
    this.map.addLayer({
      id: 'communes-outline',
      type: 'line',
      source: 'communes',
      'source-layer': 'communes',
      paint: { 'line-color': '#8a96a3', 'line-width': 0.8 },
    });
    this.map.addSource(ZONES, { type: 'geojson', data: EMPTY, promoteId: 'id' });
    this.map.addLayer({
      id: 'gap-zones-fill',
      type: 'fill',
      source: ZONES,
      paint: {
        'fill-color': [
          'case',
          ['boolean', ['feature-state', 'selected'], false],
          GAP_ZONE_SELECTED_COLOR,
          GAP_ZONE_COLOR,
        ],
      },
    });
    this.map.addLayer({
      id: 'gap-zones-line',
      type: 'line',
      source: ZONES,
      paint: { 'line-color': '#5c1f12', 'line-width': 1 },
    });
    for (const type of ['eaje', 'mam'] as const) {
      this.map.addSource(type, {
        type: 'vector',
        tiles: [tileUrl(origin, type)],
        minzoom: 6,
        maxzoom: 14,
      });
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
    this.map.on('click', 'gap-zones-fill', (e) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'string') onSelect(id);
    });
    this.map.on('mouseenter', 'gap-zones-fill', () => {
      this.map.getCanvas().style.cursor = 'pointer';
    });
    this.map.on('mouseleave', 'gap-zones-fill', () => {
      this.map.getCanvas().style.cursor = '';
    });
  }

  /** Draws the zones and frames them (the first time, or when `frame` is true). */
  async setZones(collection: GapZoneCollection | null, frame = true) {
    await this.loaded;
    const source = this.map.getSource(ZONES) as GeoJSONSource | undefined;
    source?.setData((collection as GeoJSON.FeatureCollection | null) ?? EMPTY);
    const box = collection ? zonesBbox(collection.features) : null;
    if (box && frame) {
      this.map.fitBounds(
        [
          [box[0], box[1]],
          [box[2], box[3]],
        ],
        { padding: 40, duration: 0 },
      );
    }
    this.map.once('idle', () => {
      this.container.dataset.mapState = 'ready';
    });
  }

  /** Highlights a zone (null: none) and, when asked, moves the map to it. */
  async select(id: string | null, bbox?: [number, number, number, number] | null) {
    await this.loaded;
    if (this.selected)
      this.map.setFeatureState({ source: ZONES, id: this.selected }, { selected: false });
    this.selected = id;
    if (id) this.map.setFeatureState({ source: ZONES, id }, { selected: true });
    if (bbox) {
      this.map.fitBounds(
        [
          [bbox[0], bbox[1]],
          [bbox[2], bbox[3]],
        ],
        { padding: 80, maxZoom: 13, duration: 300 },
      );
    }
  }

  remove() {
    this.map.remove();
  }
}
