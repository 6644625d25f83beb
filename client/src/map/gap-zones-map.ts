import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { GapZoneCollection } from '../api/types';
import { GAP_ZONE_COLOR, GAP_ZONE_SELECTED_COLOR, zonesBbox } from '../lib/gap-zones';
import { EMPTY, addCommuneOutlines, addFormalPlaces, createScreenMap, fitBox } from './screen-map';

const ZONES = 'gap-zones';

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
    ({ map: this.map, loaded: this.loaded } = createScreenMap(container));
    void this.loaded.then(() => this.addLayers(onSelect));
  }

  private addLayers(onSelect: (id: string) => void) {
    addCommuneOutlines(this.map);
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
    addFormalPlaces(this.map);
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
      fitBox(this.map, box, { padding: 40, duration: 0 });
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
      fitBox(this.map, bbox, { padding: 80, maxZoom: 13, duration: 300 });
    }
  }

  remove() {
    this.map.remove();
  }
}
