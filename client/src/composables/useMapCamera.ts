import { watch, type Ref } from 'vue';
import type { IsochroneCollection, TerritoryCollection } from '../api/types';
import { featuresBbox, type Bbox } from '../lib/bbox';

/** The camera moves the map controller offers (or a fake in tests). */
export interface CameraTarget {
  fitBbox(bbox: Bbox, animate: boolean, margin?: number, maxZoom?: number): void;
  showsBbox(bbox: Bbox): boolean;
  showsBboxSmall(bbox: Bbox): boolean;
}

/**
 * Where the coverage map looks, which the link's view decides once set:
 * - a link without a view opens on the selection (when its detail arrives, the map may come
 *   before or after it) or else on the territories;
 * - a territory chosen in the search or the table is flown to (`flyToNextDetail`);
 * - after a switch of département, the map fits the new one when its territories arrive
 *   (`fitNextTerritories`);
 * - a new isochrone that does not fit in the view, or would be lost in it (a few minutes on foot
 *   seen from the whole département), brings its bands into view.
 * `fitted()` tells whether the view is the user's yet (before, it is not written to the link).
 */
export function useMapCamera(
  map: Ref<CameraTarget | null>,
  input: {
    territories: () => TerritoryCollection | null;
    detailBbox: () => Bbox | null;
    isochrone: () => IsochroneCollection | null;
    hasSelection: () => boolean;
    /** The link had a view: the map opens on it. */
    openedOnView: boolean;
  },
) {
  let fittedOnce = input.openedOnView;
  let flyOnDetail = false;
  let fitDepartement = false;

  watch([map, input.territories], ([m, data]) => {
    if (!m || !data) return;
    if (fitDepartement) {
      const bbox = featuresBbox(data.features);
      if (bbox) m.fitBbox(bbox, false, 0.05);
      fitDepartement = false;
    }
    if (!fittedOnce && !input.hasSelection()) {
      // Usually done by the map's initial bounds already; this covers a map created before its data.
      const bbox = featuresBbox(data.features);
      if (bbox && !m.showsBbox(bbox)) m.fitBbox(bbox, false, 0);
      fittedOnce = true;
    }
  });

  watch([map, input.detailBbox], ([m, bbox]) => {
    if (!m || !bbox) return;
    if (flyOnDetail || !fittedOnce) {
      m.fitBbox(bbox, fittedOnce);
      flyOnDetail = false;
      fittedOnce = true;
    }
  });

  watch(input.isochrone, (d) => {
    const m = map.value;
    const bbox = d ? featuresBbox(d.features) : null;
    if (m && bbox && (!m.showsBbox(bbox) || m.showsBboxSmall(bbox))) m.fitBbox(bbox, true, 0.1, 14);
  });

  return {
    fitted: () => fittedOnce,
    flyToNextDetail(fly: boolean) {
      flyOnDetail = fly;
    },
    fitNextTerritories() {
      fitDepartement = true;
    },
  };
}
