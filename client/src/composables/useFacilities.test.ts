import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, reactive, ref } from 'vue';
import type { Bbox } from '../lib/bbox';
import type { OverlayId } from '../lib/layers';
import { fakeApi, settle } from '../../test/fake-api';
import type { DepartementKey } from './useDepartements';
import { useFacilities } from './useFacilities';

const ANSWER = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      id: 'eaje-1',
      geometry: { type: 'Point', coordinates: [2.05, 47.05] },
      properties: { id: 1, name: 'Les Lutins', type: 'eaje', kind: 'multi_accueil', places: 24 },
    },
  ],
};

afterEach(() => vi.unstubAllGlobals());

describe('useFacilities', () => {
  it('loads the département’s EAJE and MAM only while one of their layers is on', async () => {
    const api = fakeApi(() => ({ body: ANSWER }));
    const state = reactive({ layers: ['roads'] as OverlayId[] });
    const bbox = ref<Bbox | null>([2, 47, 2.1, 47.1]);
    const scope = effectScope();
    const f = scope.run(() => useFacilities(state, bbox, ref<DepartementKey>({ code: '18' })))!;
    await settle();
    expect(api.urls()).toEqual([]);

    state.layers = ['roads', 'mam'];
    await settle();
    expect(api.urls()).toEqual([
      '/api/facilities?bbox=2.00000,47.00000,2.10000,47.10000&departement=18',
    ]);
    expect(f.data.value?.features.map((x) => x.properties.name)).toEqual(['Les Lutins']);

    // Another facility layer asks for nothing more; none at all drops the data.
    state.layers = ['roads', 'mam', 'eaje'];
    await settle();
    expect(api.urls()).toHaveLength(1);
    state.layers = [];
    await nextTick();
    expect(f.data.value).toBeNull();
    scope.stop();
  });
});
