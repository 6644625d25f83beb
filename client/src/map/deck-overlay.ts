import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { FacilityCollection, TerritoryFeature } from '../api/types';
import type { MapLevel } from '../lib/url-state';
import type { ChildminderPositions } from '../lib/childminder-positions';
import {
  CHILDMINDER_POSITIONS_LAYER,
  childminderPositionsLayer,
} from './childminder-positions-layer';
import { facilitiesLayer } from './facilities-layer';
import { labelsLayer } from './labels-layer';

/**
 * The deck.gl part of the map (facilities and labels), interleaved in MapLibre's WebGL context
 * so that one canvas holds everything (PNG export). Loaded with a dynamic import after the first
 * choropleth: deck.gl and its shaders are not on the path to the first map.
 */
export interface DeckState {
  territories: TerritoryFeature[];
  level: MapLevel;
  facilities: FacilityCollection | null;
  showEaje: boolean;
  showMam: boolean;
  /** Childminders' homes (signed-in users who turned the layer on), else null. */
  childminders: ChildminderPositions | null;
}

export class DeckOverlay {
  private readonly overlay = new MapLibreOverlay({ interleaved: true, layers: [] });

  constructor(private readonly map: MapLibreMap) {
    map.addControl(this.overlay);
  }

  /** The facility drawn at a pixel of the map, if any (shown layers only). */
  pickFacility(x: number, y: number): FacilityCollection['features'][number] | null {
    const info = this.overlay.pickObject({
      x,
      y,
      radius: 3,
      layerIds: ['facilities-eaje', 'facilities-mam'],
    });
    return (info?.object as FacilityCollection['features'][number] | undefined) ?? null;
  }

  /** The childminder drawn at a pixel of the map, if any. */
  pickChildminder(x: number, y: number): ChildminderPositions['features'][number] | null {
    const info = this.overlay.pickObject({
      x,
      y,
      radius: 3,
      layerIds: [CHILDMINDER_POSITIONS_LAYER],
    });
    return (info?.object as ChildminderPositions['features'][number] | undefined) ?? null;
  }

  update(s: DeckState) {
    // Facility layers exist only while shown: deck.gl initialises (and compiles) hidden layers too.
    this.overlay.setProps({
      layers: [
        s.showMam ? facilitiesLayer({ data: s.facilities, type: 'mam', visible: true }) : null,
        s.showEaje ? facilitiesLayer({ data: s.facilities, type: 'eaje', visible: true }) : null,
        s.childminders ? childminderPositionsLayer(s.childminders) : null,
        labelsLayer({
          features: s.territories,
          level: s.level,
          project: (p) => this.map.project(p),
          view: {
            width: this.map.getContainer().clientWidth,
            height: this.map.getContainer().clientHeight,
          },
          // Labels follow the page's font size (it grows with the window: see App.vue).
          scale: Math.max(1, parseFloat(getComputedStyle(document.documentElement).fontSize) / 14),
        }),
      ],
    });
  }
}
