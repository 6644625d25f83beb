import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, ref, shallowRef } from 'vue';
import type { IsochroneCollection, TerritoryCollection } from '../api/types';
import type { Bbox } from '../lib/bbox';
import { collection, territory } from '../../test/fixtures';
import { useMapCamera, type CameraTarget } from './useMapCamera';

/** A camera looking at `view`, recording its fits as [bbox, animate, margin, maxZoom]. */
function fakeCamera(view: Bbox) {
  const fits: unknown[][] = [];
  const target: CameraTarget = {
    fitBbox: (...args) => fits.push(args),
    showsBbox: (b) => view[0] <= b[0] && view[1] <= b[1] && view[2] >= b[2] && view[3] >= b[3],
    showsBboxSmall: (b) => b[2] - b[0] < (view[2] - view[0]) * 0.15,
  };
  return { target, fits };
}

const EPCI = collection('epci', [territory('epci', '200000001', 'CC du Val', { lon: 2, lat: 47 })]);

function setUp(o: { openedOnView: boolean; selection: boolean; view?: Bbox }) {
  const camera = fakeCamera(o.view ?? [0, 40, 10, 50]);
  const map = shallowRef<CameraTarget | null>(null);
  const territories = shallowRef<TerritoryCollection | null>(null);
  const detailBbox = ref<Bbox | null>(null);
  const isochrone = shallowRef<IsochroneCollection | null>(null);
  const scope = effectScope();
  const c = scope.run(() =>
    useMapCamera(map, {
      territories: () => territories.value,
      detailBbox: () => detailBbox.value,
      isochrone: () => isochrone.value,
      hasSelection: () => o.selection,
      openedOnView: o.openedOnView,
    }),
  )!;
  return { camera, map, territories, detailBbox, isochrone, c, scope };
}

describe('useMapCamera', () => {
  it('a link with a selection and no view opens on the selection, whichever comes first', async () => {
    const s = setUp({ openedOnView: false, selection: true });
    s.detailBbox.value = [2, 47, 2.1, 47.1];
    await nextTick();
    s.map.value = s.camera.target;
    await nextTick();
    expect(s.camera.fits).toEqual([[[2, 47, 2.1, 47.1], false]]);
    expect(s.c.fitted()).toBe(true);
    s.scope.stop();
  });

  it('a link with a view keeps it: a selection’s detail is not fitted unless chosen', async () => {
    const s = setUp({ openedOnView: true, selection: true });
    s.map.value = s.camera.target;
    s.territories.value = EPCI;
    s.detailBbox.value = [2, 47, 2.1, 47.1];
    await nextTick();
    expect(s.camera.fits).toEqual([]);
    // Chosen in the table: flown to, animated.
    s.c.flyToNextDetail(true);
    s.detailBbox.value = [3, 46, 3.2, 46.2];
    await nextTick();
    expect(s.camera.fits).toEqual([[[3, 46, 3.2, 46.2], true]]);
    s.scope.stop();
  });

  it('after a switch of département, fits the new territories when they arrive', async () => {
    const s = setUp({ openedOnView: true, selection: false });
    s.map.value = s.camera.target;
    s.c.fitNextTerritories();
    s.territories.value = EPCI;
    await nextTick();
    expect(s.camera.fits).toEqual([[[2, 47, 2.1, 47.1], false, 0.05]]);
    s.scope.stop();
  });

  it('brings a new isochrone into view when it is out of it or lost in it', async () => {
    const s = setUp({ openedOnView: true, selection: false, view: [2, 47, 2.5, 47.5] });
    s.map.value = s.camera.target;
    const iso = (b: Bbox) =>
      ({
        features: [territory('commune', 'x', 'x', { lon: b[0], lat: b[1] })],
      }) as unknown as IsochroneCollection;
    s.isochrone.value = iso([2.1, 47.1, 2.2, 47.2]); // inside and large enough: left as is
    await nextTick();
    s.isochrone.value = iso([3, 47, 3.1, 47.1]); // outside the view
    await nextTick();
    expect(s.camera.fits).toEqual([[[3, 47, 3.1, 47.1], true, 0.1, 14]]);
    s.scope.stop();
  });
});
