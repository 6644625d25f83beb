import { describe, expect, it } from 'vitest';
import { effectScope, nextTick, reactive, shallowRef } from 'vue';
import type { OverlayId } from '../lib/layers';
import type { MapScene, SceneTarget } from '../map/scene';
import { collection, territory } from '../../test/fixtures';
import { useMapSync } from './useMapSync';

/** A map that records what it is told, as "method(args)". */
function fakeMap() {
  const calls: string[] = [];
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(
        `${name}(${args.map((a) => JSON.stringify(a === null ? null : summary(a))).join(', ')})`,
      );
      return Promise.resolve();
    };
  const target = Object.fromEntries(
    [
      'setTerritories',
      'setOutlines',
      'setSelected',
      'setOverlays',
      'setTileParams',
      'setFacilities',
      'setAccess',
      'setIsochrones',
      'setBasemap',
      'setChildminderPositions',
    ].map((n) => [n, record(n)]),
  ) as unknown as SceneTarget;
  return { target, calls };
}
/** Collections by their first feature's code, to keep the calls readable. */
function summary(a: unknown): unknown {
  if (a && typeof a === 'object' && 'features' in a)
    return `${(a as { features: { properties: { code: string } }[] }).features.map((f) => f.properties.code).join('+')}`;
  return a;
}

const EPCI = collection('epci', [territory('epci', '200000001', 'CC du Val')]);
const COMMUNES = collection('commune', [territory('commune', '18001', 'Arçay')]);

describe('useMapSync', () => {
  it('tells a new map everything, then only what changed', async () => {
    const state = reactive({
      level: 'epci' as 'epci' | 'commune',
      layers: [] as OverlayId[],
      year: null as number | null,
    });
    const map = shallowRef<SceneTarget | null>(null);
    const scene = (): MapScene => ({
      territories: state.level === 'epci' ? EPCI : COMMUNES,
      level: state.level,
      epciOutlines: EPCI,
      departementOutlines: null,
      selected: null,
      overlays: [...state.layers],
      tiles: { year: state.year, reference: 'national', departement: '18' },
      facilities: null,
      access: null,
      isochrone: null,
      isochroneOrigin: null,
      basemapStyleUrl: null,
    });
    const scope = effectScope();
    scope.run(() => useMapSync(map, scene));
    const first = fakeMap();
    map.value = first.target;
    await nextTick();
    expect(first.calls).toEqual([
      'setTerritories("200000001", "epci")',
      'setOutlines("200000001", null, "epci")',
      'setSelected(null)',
      'setOverlays([])',
      'setTileParams(null, "national", "18")',
      'setFacilities(null)',
      'setAccess(null)',
      'setIsochrones(null, null)',
      'setChildminderPositions(null)',
    ]);

    /** What the map is told after `change`. */
    async function callsAfter(change: () => void) {
      first.calls.length = 0;
      change();
      await nextTick();
      return [...first.calls];
    }
    expect(await callsAfter(() => (state.layers = ['roads']))).toEqual(['setOverlays(["roads"])']);
    expect(
      await callsAfter(() => {
        state.level = 'commune';
        state.year = 2023;
      }),
    ).toEqual([
      'setTerritories("18001", "commune")',
      // EPCI outlines are drawn over the communes.
      'setOutlines("200000001", null, "commune")',
      'setTileParams(2023, "national", "18")',
    ]);
    // A state change that the map does not show tells it nothing.
    expect(await callsAfter(() => (state.layers = ['roads']))).toEqual([]);

    const second = fakeMap();
    map.value = second.target;
    await nextTick();
    expect(second.calls).toHaveLength(9);
    scope.stop();
  });
});
