import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { IsochroneCollection, ScenarioAnswer } from '../api/types';
import { GAP_ZONE_COLOR } from '../lib/gap-zones';
import { DIFFERENCE_COLORS } from '../lib/scenario';
import {
  EMPTY,
  addCommuneOutlines,
  addFormalPlaces,
  addTileSource,
  createScreenMap,
  fitBox,
} from './screen-map';
import { addIsochroneLayers, setIsochroneData } from './travel-layers';

const SITES = 'chosen-sites';
const DIFFERENCE = 'scenario-difference';

/**
 * The map of the "Projet de MAM" screen: commune outlines, gap zones (tile layer `gapzones`),
 * formal places (`eaje`, `mam`), the catchments of the point studied (the isochrone layers of
 * the coverage map, travel-layers.ts), the sites an optimisation chose and a scenario's
 * difference (cells gaining or losing a crèche or MAM nearby). A click anywhere
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
    ({ map: this.map, loaded: this.loaded } = createScreenMap(container));
    void this.loaded.then(() => {
      this.addLayers();
      this.map.on('click', (e) => onPoint(e.lngLat.lng, e.lngLat.lat));
      this.map.once('idle', () => (this.container.dataset.mapState = 'ready'));
    });
  }

  private addLayers() {
    addCommuneOutlines(this.map);
    addTileSource(this.map, 'gapzones');
    this.map.addLayer({
      id: 'gapzones-fill',
      type: 'fill',
      source: 'gapzones',
      'source-layer': 'gapzones',
      paint: { 'fill-color': GAP_ZONE_COLOR, 'fill-opacity': 0.6 },
    });
    addIsochroneLayers(this.map);
    // The difference map: a disc per grid cell gaining or losing, about a 200 m cell wide.
    this.map.addSource(DIFFERENCE, { type: 'geojson', data: EMPTY });
    this.map.addLayer({
      id: `${DIFFERENCE}-cells`,
      type: 'circle',
      source: DIFFERENCE,
      paint: {
        'circle-radius': ['interpolate', ['exponential', 2], ['zoom'], 8, 1.5, 11, 4, 14, 24],
        'circle-color': [
          'match',
          ['get', 'change'],
          'gain',
          DIFFERENCE_COLORS.gain,
          DIFFERENCE_COLORS.loss,
        ],
        'circle-opacity': 1,
      },
    });
    addFormalPlaces(this.map);
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
    fitBox(this.map, box, { padding: 40, maxZoom, duration: 0 });
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

  /** The cells a scenario's children gain or lose a place in (none: no scenario shown). */
  async setDifference(cells: ScenarioAnswer['cells'] | null) {
    await this.loaded;
    this.container.dataset.mapState = 'loading';
    (this.map.getSource(DIFFERENCE) as GeoJSONSource | undefined)?.setData({
      type: 'FeatureCollection',
      features: (cells ?? []).map((c) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [c.lon, c.lat] },
        properties: { change: c.change, children: c.children },
      })),
    });
    this.map.once('idle', () => (this.container.dataset.mapState = 'ready'));
  }

  /** Frames the points given (the cells of a scenario), if any. */
  async framePoints(points: [number, number][], maxZoom = 12) {
    await this.loaded;
    if (points.length === 0) return;
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    fitBox(this.map, [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)], {
      padding: 60,
      maxZoom,
      duration: 0,
    });
  }

  remove() {
    this.map.remove();
  }
}
