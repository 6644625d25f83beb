import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, reactive, ref } from 'vue';
import type { OverlayId } from '../lib/layers';
import { DEFAULT_ACCESS, type AccessSettings } from '../lib/url-state';
import { fakeApi, settle } from '../../test/fake-api';
import type { DepartementKey } from './useDepartements';
import { useNearest } from './useNearest';

const ANSWER = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', geometry: null, properties: { minutes: 4.5 } },
    { type: 'Feature', geometry: null, properties: { minutes: 22 } },
    { type: 'Feature', geometry: null, properties: { minutes: null } },
  ],
  metadata: { fictional: false, max_minutes: 60, sources: [7] },
};

function start(layers: OverlayId[], access: AccessSettings = { ...DEFAULT_ACCESS }) {
  const api = fakeApi(() => ({ body: ANSWER }));
  const state = reactive({ layers, access, year: 2023 as number | null });
  const scope = effectScope();
  const n = scope.run(() =>
    useNearest(state, ref<DepartementKey>({ code: '18' }), ref(0), {
      fictional: ref(true),
      sourcesOf: (ids) => `jeux ${[...ids].join(', ')}`,
    }),
  )!;
  return { api, state, n, scope };
}

afterEach(() => vi.unstubAllGlobals());

describe('useNearest', () => {
  it('asks nothing while its layer is off', async () => {
    const { api, n, scope } = start(['roads']);
    await settle();
    expect(api.urls()).toEqual([]);
    expect(n.status.value.count).toBe(0);
    scope.stop();
  });

  it('loads the layer’s target, level, mode and minimum size for the département shown', async () => {
    const { api, n, scope } = start(['access'], {
      target: 'eaje',
      level: 'commune',
      mode: 'walk',
      minPlaces: 10,
    });
    await settle();
    expect(api.urls()).toEqual([
      '/api/travel/nearest?level=commune&target=eaje&mode=walk&year=2023&min_places=10&departement=18',
    ]);
    expect(n.status.value).toEqual({
      loading: false,
      error: null,
      // The answer says it is real data: its word wins over the département's.
      fictional: false,
      sources: 'jeux 7',
      count: 3,
      maxMinutes: 60,
    });
    expect(n.title.value).toBe(
      'Temps d’accès à pied à la place la plus proche (EAJE d’au moins 10 places)',
    );
    scope.stop();
  });
});
