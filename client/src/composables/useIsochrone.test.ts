import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, reactive, ref } from 'vue';
import type { IsochroneCollection } from '../api/types';
import type { IsochroneSpec } from '../lib/travel';
import { fakeApi, settle } from '../../test/fake-api';
import { dataset, isochroneBand } from '../../test/fixtures';
import { useIsochrone } from './useIsochrone';

function band(minutes: number, children: number, places: number) {
  return isochroneBand(minutes, { children_under3: children, places_total: places });
}
const ANSWER = {
  type: 'FeatureCollection',
  // Widest first, as the API may send them: the legend orders them nearest first.
  features: [band(20, 410.4, 120), band(10, 35.2, 12)],
  origin: { reachable: true, point: [2.1, 47.2], snapped: [2.1, 47.21], off_network_m: 300 },
  metadata: {
    mode: 'car',
    year: 2024,
    cell_m: null,
    fictional: true,
    datasets: [dataset(1, 'population', 'Population', true)],
  },
} as unknown as IsochroneCollection;

function start(isochrone: IsochroneSpec | null) {
  const api = fakeApi(() => ({ body: ANSWER }));
  const state = reactive({ isochrone, year: 2024 as number | null });
  const scope = effectScope();
  const iso = scope.run(() => useIsochrone(state, ref(0), () => 'sources par identifiant'))!;
  return { api, state, iso, scope };
}

afterEach(() => vi.unstubAllGlobals());

describe('useIsochrone', () => {
  it('starts from a facility with the default bands, then recomputes with the panel’s', async () => {
    const { api, state, iso, scope } = start(null);
    iso.start({ lon: 2.1, lat: 47.2, label: 'Crèche Les Lutins' });
    await settle();
    expect(api.requests.map((r) => [r.method, r.url, r.body])).toEqual([
      [
        'POST',
        '/api/isochrones',
        { lon: 2.1, lat: 47.2, minutes: [10, 20, 30], mode: 'car', year: 2024 },
      ],
    ]);
    expect(iso.label.value).toBe('Crèche Les Lutins');
    expect(iso.sources.value).toBe('Population (2024) [fictif]');
    expect(iso.origin.value).toMatchObject({ reachable: true, distance_m: 300 });
    expect(iso.legend()).toEqual([
      {
        // Nearest first, darkest first (YlGnBu).
        title: 'Isochrone en voiture depuis Crèche Les Lutins',
        items: [
          {
            color: '#253494',
            label: '≤ 10 min : 35,2 enfants de moins de 3 ans (estimé), 12 places',
          },
          {
            color: '#41b6c4',
            label: '≤ 20 min : 410,4 enfants de moins de 3 ans (estimé), 120 places',
          },
        ],
      },
    ]);

    iso.recompute('walk', [5, 15]);
    await settle();
    expect(api.requests[1].body).toEqual({
      lon: 2.1,
      lat: 47.2,
      minutes: [5, 15],
      mode: 'walk',
      year: 2024,
    });
    // The next start keeps the mode and bands chosen.
    iso.start({ lon: 2.3, lat: 47.1, label: null });
    expect(state.isochrone).toEqual({ lon: 2.3, lat: 47.1, mode: 'walk', minutes: [5, 15] });
    scope.stop();
  });

  it('clearing removes the isochrone from the link and its name', async () => {
    const { state, iso, scope } = start({ lon: 2.1, lat: 47.2, mode: 'car', minutes: [10] });
    await settle();
    expect(iso.isochrone.data.value).not.toBeNull();
    iso.clear();
    await settle();
    expect(state.isochrone).toBeNull();
    expect(iso.isochrone.data.value).toBeNull();
    expect(iso.legend()).toEqual([]);
    scope.stop();
  });
});
