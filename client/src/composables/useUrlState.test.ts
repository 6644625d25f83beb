import { createPinia, setActivePinia } from 'pinia';
import { afterEach, describe, expect, it } from 'vitest';
import { defineComponent, nextTick } from 'vue';
import { createMemoryHistory, createRouter, type Router } from 'vue-router';
import { SCREENS } from '../lib/screens';
import { useCoverageMapStore } from '../stores/coverage-map';
import { useDashboardStore } from '../stores/dashboard';
import { settle } from '../../test/fake-api';
import { useUrlState } from './useUrlState';

// The app's screens and their link state, with empty components (no map in these tests).
const Empty = defineComponent({ render: () => null });
function makeRouter(): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      ...SCREENS.map((s) => ({
        name: s.name,
        path: s.path,
        component: Empty,
        meta: { linkState: s.linkState, ownQuery: s.ownQuery },
      })),
      { path: '/:chemin(.*)*', component: Empty },
    ],
  });
}

let stop: (() => void) | null = null;
async function open(url: string) {
  setActivePinia(createPinia());
  const shared = useDashboardStore();
  const map = useCoverageMapStore();
  const router = makeRouter();
  stop = useUrlState(router, shared, map).stop;
  await router.push(url);
  await settle();
  return { router, shared, map, url: () => router.currentRoute.value.fullPath };
}

afterEach(() => {
  stop?.();
  stop = null;
});

const OLD_LINK =
  '/?level=commune&year=2023&sel=epci:200000001&layers=roads,eaje&view=2.5,47.05,9.2&iso=2.45,47.05,car,10-20-30';

describe('useUrlState', () => {
  it('an old link opens the same state, and is left as typed until something changes', async () => {
    // `ref=national` is the default: a link written today would leave it out.
    const { shared, map, url } = await open(`${OLD_LINK}&ref=national`);
    expect({ ...shared.$state }).toEqual({
      departement: null,
      year: 2023,
      reference: 'national',
      selected: { level: 'epci', code: '200000001' },
    });
    expect({ ...map.$state }).toEqual({
      level: 'commune',
      layers: ['roads', 'eaje'],
      view: { lon: 2.5, lat: 47.05, zoom: 9.2 },
      isochrone: { lon: 2.45, lat: 47.05, mode: 'car', minutes: [10, 20, 30] },
      access: { target: 'formal', level: 'grid', mode: 'car', minPlaces: null },
    });
    expect(url()).toBe(`${OLD_LINK}&ref=national`);
    map.layers = ['roads'];
    await settle();
    expect(url()).toBe(
      '/?level=commune&year=2023&sel=epci:200000001&layers=roads&view=2.5,47.05,9.2&iso=2.45,47.05,car,10-20-30',
    );
  });

  it('a change of state replaces the link: Back leaves the screen, it does not undo each pan', async () => {
    const { router, map, url } = await open('/zones');
    await router.push('/');
    await settle();
    map.view = { lon: 2.1, lat: 47.2, zoom: 8 };
    await settle();
    map.view = { lon: 2.2, lat: 47.3, zoom: 8.5 };
    await settle();
    expect(url()).toBe('/?view=2.2,47.3,8.5');
    router.back();
    await settle();
    expect(url()).toBe('/zones');
  });

  it('another screen carries the shared state only; back on the map, the map’s own comes back', async () => {
    const { router, shared, map, url } = await open(OLD_LINK);
    await router.push('/zones?year=2023&sel=epci:200000001');
    await settle();
    expect(url()).toBe('/zones?year=2023&sel=epci:200000001');
    // A change on that screen goes into its link and stays shared.
    shared.year = 2024;
    await settle();
    expect(url()).toBe('/zones?year=2024&sel=epci:200000001');
    expect(map.layers).toEqual(['roads', 'eaje']);
    router.back();
    await settle();
    // Back in history: the map's link as it was, read again.
    expect(url()).toBe(OLD_LINK);
    expect(shared.year).toBe(2023);
    expect(map.layers).toEqual(['roads', 'eaje']);
  });

  it('a screen’s own parameters (a saved scenario) stay in its link when the shared state changes', async () => {
    const { shared, url } = await open('/projet-mam?year=2023&scenario=18#note');
    expect(shared.year).toBe(2023);
    shared.year = 2024;
    await settle();
    expect(url()).toBe('/projet-mam?year=2024&scenario=18#note');
    // Another screen's link drops them.
    const other = await open('/rapport?year=2023&scenario=18');
    other.shared.year = 2024;
    await settle();
    expect(other.url()).toBe('/rapport?year=2024');
  });

  it('a bookmarked screen opens with its shared state, the map’s own settings untouched', async () => {
    const { shared, map, url } = await open('/rapport?year=2022&ref=departement&layers=roads');
    expect(shared.year).toBe(2022);
    expect(shared.reference).toBe('departement');
    expect(map.layers).toEqual([]);
    expect(url()).toBe('/rapport?year=2022&ref=departement&layers=roads');
  });

  it('quick changes end on the last state, in the store and in the link', async () => {
    const { shared, url } = await open('/');
    shared.year = 2021;
    await nextTick();
    shared.year = 2022;
    await nextTick();
    shared.selected = { level: 'commune', code: '18001' };
    await settle();
    expect(shared.year).toBe(2022);
    expect(url()).toBe('/?year=2022&sel=commune:18001');
  });

  it('a change landing while the app’s own link update completes is not undone by it', async () => {
    setActivePinia(createPinia());
    const shared = useDashboardStore();
    const router = makeRouter();
    // Registered before useUrlState's: runs as the navigation ends, as an answer arriving then.
    let landing: (() => void) | null = null;
    router.afterEach(() => {
      landing?.();
      landing = null;
    });
    stop = useUrlState(router, shared, useCoverageMapStore()).stop;
    await router.push('/');
    await settle();
    shared.year = 2021;
    landing = () => (shared.year = 2022);
    await settle();
    expect(shared.year).toBe(2022);
    expect(router.currentRoute.value.fullPath).toBe('/?year=2022');
  });

  it('a link to the same screen with another state is read, as Back to it is', async () => {
    const { router, shared, url } = await open('/rapport?year=2020');
    await router.push('/rapport?year=2021&sel=epci:200000001');
    await settle();
    expect(shared.year).toBe(2021);
    expect(shared.selected).toEqual({ level: 'epci', code: '200000001' });
    router.back();
    await settle();
    expect(url()).toBe('/rapport?year=2020');
    expect(shared.year).toBe(2020);
    expect(shared.selected).toBeNull();
  });

  it('an unknown path carries no state and changes none', async () => {
    const { shared, url } = await open('/nulle-part?year=2020');
    expect(shared.year).toBeNull();
    shared.year = 2024;
    await settle();
    expect(url()).toBe('/nulle-part?year=2020');
  });
});
