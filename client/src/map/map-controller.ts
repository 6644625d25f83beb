import {
  Map as MapLibreMap,
  NavigationControl,
  prewarm,
  ScaleControl,
  setWorkerUrl,
  type MapMouseEvent,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import { tileUrl } from '../api/client';
import type {
  FacilityCollection,
  IsochroneCollection,
  NearestCollection,
  TerritoryCollection,
  TerritoryFeature,
} from '../api/types';
import type { Bbox } from '../lib/bbox';
import type { ChildminderPositions } from '../lib/childminder-positions';
import type { OverlayId } from '../lib/layers';
import type { MapLevel, MapView, ReferenceKind } from '../lib/url-state';
import { baseStyle } from './base-style';
import { setBasemapStyle } from './basemap';
import { fitBbox, showsBbox, showsBboxSmall } from './camera';
import { MAPLIBRE_LOCALE_FR } from './locale';
import type { DeckOverlay } from './deck-overlay';
import { addChildmindersLayer, CHILDMINDERS_LAYERS } from './childminders-layer';
import { addGapsLayer, GAPS_LAYERS } from './gaps-layer';
import { addGapZonesLayer, GAP_ZONES_LAYERS } from './gap-zones-layer';
import { addOutlinesLayer, setOutlines } from './outlines-layer';
import { addRoadsLayer, ROADS_LAYERS } from './roads-layer';
import { HATCH_IMAGE, addHatchImage } from './hatch-pattern';
import { MapPopups, type IsochroneOrigin } from './popups';
import {
  addSelectionLayer,
  addTerritoriesLayer,
  FILL,
  setSelectedTerritory,
  setTerritories,
} from './territories-layer';
import { setLayersVisible, setVectorTiles } from './vector-source';
import { ACCESSIBILITY_LAYERS, addAccessibilityLayer } from './accessibility-layer';
import {
  ACCESS_LAYERS,
  addAccessLayer,
  addIsochroneLayers,
  setAccessData,
  setIsochroneData,
} from './travel-layers';

setWorkerUrl(workerUrl);
// Start MapLibre's workers (each loads the worker module) while the page fetches its data,
// rather than when the map is created: a few hundred milliseconds off the first map.
prewarm();

export interface MapControllerOptions {
  container: HTMLElement;
  /** Origin of the API, for absolute tile URLs. */
  origin: string;
  initialView?: MapView | null;
  /** Without a view, the map opens on these bounds (the loaded territory), in its first frame. */
  initialBounds?: Bbox | null;
  onTerritoryClick?: (code: string) => void;
  onViewChange?: (view: MapView) => void;
  /** Called once, when the first choropleth has been drawn (data-map-state="ready"). */
  onFirstChoropleth?: () => void;
  /** "Isochrone depuis ce point / cet établissement": a point chosen on the map (label: a facility's name). */
  onIsochroneFrom?: (origin: IsochroneOrigin) => void;
  /** Room to leave around a fitted territory, for the panels that float over the map. */
  fitPadding?: () => { top: number; right: number; bottom: number; left: number };
}

/** The MapLibre layers of each optional layer drawn by MapLibre (tiles, or GeoJSON for access). */
const MVT_OVERLAYS: Record<Exclude<OverlayId, 'eaje' | 'mam'>, string[]> = {
  gaps: GAPS_LAYERS,
  accessibility: ACCESSIBILITY_LAYERS,
  access: ACCESS_LAYERS,
  gapzones: GAP_ZONES_LAYERS,
  roads: ROADS_LAYERS,
  childminders: CHILDMINDERS_LAYERS,
};

/**
 * The map: MapLibre for the choropleth and the vector-tile overlays, deck.gl (interleaved, in
 * the same WebGL context, so a PNG export holds everything) for facilities and labels.
 * Components drive it through plain methods; it holds no application state of its own beyond
 * what it draws.
 */
export class MapController {
  readonly map: MapLibreMap;
  private overlay: DeckOverlay | null = null;
  private overlayLoading: Promise<void> | null = null;
  private readonly loaded: Promise<void>;
  private territories: TerritoryCollection | null = null;
  private level: MapLevel = 'epci';
  private facilities: FacilityCollection | null = null;
  private childminders: ChildminderPositions | null = null;
  private active = new Set<OverlayId>();
  private firstChoroplethSeen = false;
  private isLoaded = false;
  private readonly popups: MapPopups;

  constructor(private readonly options: MapControllerOptions) {
    const view = options.initialView;
    const bounds = !view && options.initialBounds ? options.initialBounds : null;
    this.map = new MapLibreMap({
      container: options.container,
      style: baseStyle(),
      center: view ? [view.lon, view.lat] : [2.4, 46.8],
      zoom: view ? view.zoom : 5,
      ...(bounds
        ? {
            bounds: [
              [bounds[0], bounds[1]],
              [bounds[2], bounds[3]],
            ] as [[number, number], [number, number]],
            fitBoundsOptions: { padding: options.fitPadding?.() ?? 40 },
          }
        : {}),
      attributionControl: {
        compact: true,
        customAttribution: 'Berceau, d’après INSEE, Cnaf, PMI, IGN, OpenStreetMap',
      },
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      dragRotate: false,
      pitchWithRotate: false,
      fadeDuration: 0,
      locale: MAPLIBRE_LOCALE_FR,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.keyboard.enable();
    this.map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    this.map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-right');
    options.container.dataset.mapState = 'loading';

    this.loaded = new Promise((resolve) => {
      this.map.once('load', () => {
        performance.mark('berceau:map-load');
        this.addLayers();
        this.isLoaded = true;
        this.applyTerritories();
        resolve();
      });
    });
    this.map.on('moveend', () => {
      this.options.onViewChange?.(this.view());
      this.updateDeck();
    });
    this.popups = new MapPopups(this.map, options.onIsochroneFrom);
    // A click on a facility opens its popup; elsewhere it selects the territory under it.
    this.map.on('click', (e: MapMouseEvent) => {
      const facility = this.overlay?.pickFacility(e.point.x, e.point.y);
      if (facility) {
        this.popups.showFacility(
          facility.properties,
          facility.geometry.coordinates as [number, number],
        );
        return;
      }
      const childminder = this.overlay?.pickChildminder(e.point.x, e.point.y);
      if (childminder) {
        this.popups.showChildminder(
          childminder.properties,
          childminder.geometry.coordinates as [number, number],
        );
        return;
      }
      if (!this.map.getLayer(FILL)) return;
      const code = this.map.queryRenderedFeatures(e.point, { layers: [FILL] })[0]?.properties?.code;
      if (typeof code === 'string') this.options.onTerritoryClick?.(code);
    });
    // Images made in code are not part of a style: give them back after a style change.
    this.map.on('styleimagemissing', (e: { id: string }) => {
      if (e.id === HATCH_IMAGE) addHatchImage(this.map);
    });
  }

  private addLayers() {
    const origin = this.options.origin;
    addTerritoriesLayer(this.map);
    addGapsLayer(this.map, tileUrl(origin, 'gaps'));
    addAccessibilityLayer(this.map, tileUrl(origin, 'accessibility'));
    addAccessLayer(this.map);
    addGapZonesLayer(this.map, tileUrl(origin, 'gapzones'));
    addOutlinesLayer(this.map);
    addRoadsLayer(this.map, tileUrl(origin, 'roads'));
    addChildmindersLayer(this.map, tileUrl(origin, 'childminders'));
    addIsochroneLayers(this.map);
    addSelectionLayer(this.map);
  }

  /** Load deck.gl (labels, facilities) once: after the first choropleth, or when a facility layer is shown. */
  private ensureOverlay(): Promise<void> {
    this.overlayLoading ??= import('./deck-overlay').then(({ DeckOverlay }) => {
      this.overlay = new DeckOverlay(this.map);
      this.updateDeck();
    });
    return this.overlayLoading;
  }

  /** An online basemap under our layers (basemap.ts), once the offline style has loaded. */
  async setBasemap(styleUrl: string) {
    await this.loaded;
    setBasemapStyle(this.map, styleUrl);
  }

  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  view(): MapView {
    const c = this.map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: this.map.getZoom() };
  }

  /**
   * Draw the territories. Before the style has loaded, the data wait and are applied inside the
   * `load` handler itself, so that the worker starts on them before MapLibre's first (costly)
   * frame rather than after it.
   */
  setTerritories(data: TerritoryCollection | null, level: MapLevel) {
    this.territories = data;
    this.level = level;
    if (this.isLoaded) this.applyTerritories();
  }

  private applyTerritories() {
    const data = this.territories;
    if (data && !this.firstChoroplethSeen) performance.mark('berceau:territories-set');
    setTerritories(this.map, data);
    this.updateDeck();
    if (data && data.features.length > 0 && !this.firstChoroplethSeen) {
      this.map.once('idle', () => {
        if (this.firstChoroplethSeen) return;
        this.firstChoroplethSeen = true;
        this.options.container.dataset.mapState = 'ready';
        performance.mark('berceau:choropleth-rendered');
        this.options.onFirstChoropleth?.();
        void this.ensureOverlay();
      });
    }
  }

  async setOutlines(
    epci: TerritoryCollection | null,
    departements: TerritoryCollection | null,
    level: MapLevel,
  ) {
    await this.loaded;
    setOutlines(
      this.map,
      level === 'commune' ? (epci as GeoJSON.FeatureCollection | null) : null,
      departements as GeoJSON.FeatureCollection | null,
    );
  }

  async setSelected(feature: TerritoryFeature | null) {
    await this.loaded;
    setSelectedTerritory(this.map, feature as GeoJSON.Feature | null);
  }

  async setFacilities(data: FacilityCollection | null) {
    await this.loaded;
    this.facilities = data;
    this.updateDeck();
  }

  /** Childminders' homes (null: none, and none kept: signed out or the layer off). */
  async setChildminderPositions(data: ChildminderPositions | null) {
    await this.loaded;
    this.childminders = data;
    if (data) void this.ensureOverlay();
    this.updateDeck();
  }

  async setOverlays(active: OverlayId[]) {
    await this.loaded;
    this.active = new Set(active);
    for (const [id, layers] of Object.entries(MVT_OVERLAYS))
      setLayersVisible(this.map, layers, this.active.has(id as OverlayId));
    if (this.active.has('eaje') || this.active.has('mam')) void this.ensureOverlay();
    this.updateDeck();
  }

  /** The time-to-nearest layer's cells or communes (null: none). */
  async setAccess(data: NearestCollection | null) {
    await this.loaded;
    setAccessData(this.map, data as GeoJSON.FeatureCollection | null);
  }

  /** The isochrone bands and their origin (null: cleared). */
  async setIsochrones(bands: IsochroneCollection | null, origin: [number, number] | null) {
    await this.loaded;
    setIsochroneData(this.map, bands as GeoJSON.FeatureCollection | null, origin);
  }

  /** The centre of the map (the keyboard way to an isochrone: "Isochrone au centre de la carte"). */
  center(): [number, number] {
    const c = this.map.getCenter();
    return [c.lng, c.lat];
  }

  /**
   * Year and reference of the coverage tiles (gaps), the opening-year filter (childminders), and
   * the département every tile layer is restricted to (null: all loaded ones).
   */
  async setTileParams(
    year: number | null,
    reference: ReferenceKind,
    departement: string | null = null,
  ) {
    await this.loaded;
    const origin = this.options.origin;
    setVectorTiles(this.map, 'gaps', tileUrl(origin, 'gaps', { year, reference, departement }));
    setVectorTiles(
      this.map,
      'childminders',
      tileUrl(origin, 'childminders', { year, departement }),
    );
    setVectorTiles(this.map, 'roads', tileUrl(origin, 'roads', { departement }));
    setVectorTiles(this.map, 'gapzones', tileUrl(origin, 'gapzones', { departement }));
    setVectorTiles(
      this.map,
      'accessibility',
      tileUrl(origin, 'accessibility', { year, departement }),
    );
  }

  /** Whether the whole bbox is in view already. */
  showsBbox(bbox: Bbox): boolean {
    return showsBbox(this.map, bbox);
  }

  /** Whether the bbox would be drawn smaller than `share` of the view in both directions. */
  showsBboxSmall(bbox: Bbox, share = 0.15): boolean {
    return showsBboxSmall(this.map, bbox, share);
  }

  /** Fit a territory with some of its surroundings (a third of its size on each side) for context. */
  fitBbox(bbox: Bbox, animate: boolean, margin = 0.3, maxZoom = 11.5) {
    fitBbox(this.map, bbox, {
      animate,
      margin,
      maxZoom,
      padding: this.options.fitPadding?.() ?? 40,
    });
  }

  /** Resolves after the next frame where everything visible has been drawn. */
  async idle(): Promise<void> {
    await this.loaded;
    await new Promise<void>((resolve) => {
      this.map.once('idle', () => resolve());
      this.map.triggerRepaint();
    });
  }

  canvas(): HTMLCanvasElement {
    return this.map.getCanvas();
  }

  destroy() {
    this.map.remove();
  }

  private updateDeck() {
    this.overlay?.update({
      territories: this.territories?.features ?? [],
      level: this.level,
      facilities: this.facilities,
      showEaje: this.active.has('eaje'),
      showMam: this.active.has('mam'),
      childminders: this.childminders,
    });
  }
}
