import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, reactive, ref } from 'vue';
import type { TerritoryCollection } from '../api/types';
import type { MapLevel, ReferenceKind } from '../lib/url-state';
import { apiError, deferred, fakeApi, settle, type FakeAnswer } from '../../test/fake-api';
import { collection, territory } from '../../test/fixtures';
import type { DepartementKey } from './useDepartements';
import { useTerritories } from './useTerritories';

const EPCI = collection('epci', [
  territory('epci', '200000001', 'CC du Val', { coverage_rate: 42.5 }),
  territory('epci', '200000002', 'CC des Monts', { lon: 2.2 }),
]);
const COMMUNES = collection('commune', [
  territory('commune', '18001', 'Arçay', { epci_code: '200000001' }),
]);
const DEPARTEMENTS = collection('departement', [
  territory('departement', '18', 'Cher', { coverage_rate: 65.3 }),
]);
const LISTS: Record<string, TerritoryCollection> = {
  epci: EPCI,
  // The Cher has no EPT: an empty list, and no EPT level offered.
  ept: collection('ept', []),
  commune: COMMUNES,
  departement: DEPARTEMENTS,
};

function start(
  answer: (level: string, params: URLSearchParams) => FakeAnswer | Promise<FakeAnswer>,
  s: { level?: MapLevel; year?: number | null; reference?: ReferenceKind } = {},
) {
  const api = fakeApi((r) => answer(r.params.get('level')!, r.params));
  const state = reactive({
    level: 'epci' as MapLevel,
    year: null as number | null,
    reference: 'national' as ReferenceKind,
    ...s,
  });
  const departement = ref<DepartementKey>({ code: '18' });
  const scope = effectScope();
  const t = scope.run(() => useTerritories(state, departement, ref(0)))!;
  return { api, state, departement, t, scope };
}

afterEach(() => vi.unstubAllGlobals());

describe('useTerritories', () => {
  it('loads the level on the map first, the others once the first map is drawn', async () => {
    const { api, t, scope } = start((level) => ({ body: LISTS[level] }));
    await settle();
    expect(api.urls()).toEqual(['/api/territories?level=epci&reference=national&departement=18']);
    expect(t.mapData.value?.features.map((f) => f.properties.name)).toEqual([
      'CC du Val',
      'CC des Monts',
    ]);
    expect(t.year.value).toBe(2024);
    t.firstMapDrawn.value = true;
    await settle();
    expect(api.urls().slice(1).sort()).toEqual([
      '/api/territories?level=commune&reference=national&departement=18',
      // The département list always carries the national reference (for the legend).
      '/api/territories?level=departement&reference=national&departement=18',
      '/api/territories?level=ept&reference=national&departement=18',
    ]);
    expect(t.hasEpt.value).toBe(false);
    expect(t.searchEntries.value.map((e) => `${e.level}:${e.name}`)).toEqual([
      'departement:Cher',
      'epci:CC du Val',
      'epci:CC des Monts',
      'commune:Arçay',
    ]);
    expect(t.nationalReference.value).toMatchObject({ rate: 60.9, year: 2023 });
    expect(t.departementReference.value).toEqual({ name: 'Cher', rate: 65.3 });
    // Facilities are asked for in the département's outline (0.1° square at 2, 47).
    expect(t.bbox.value).toEqual([2, 47, 2.1, 47.1]);
    scope.stop();
  });

  it('a year the département has no data for gives way to its latest year, and leaves the link', async () => {
    const { api, state, t, scope } = start(
      (level, params) =>
        params.get('year') === '2019'
          ? apiError(404, 'year_not_available', 'Pas de données pour 2019')
          : { body: LISTS[level] },
      { year: 2019 },
    );
    await settle();
    expect(api.urls()[0]).toBe(
      '/api/territories?level=epci&year=2019&reference=national&departement=18',
    );
    // Asked again without a year (by the fallback, and by the key that changed with the year).
    expect(new Set(api.urls().slice(1))).toEqual(
      new Set(['/api/territories?level=epci&reference=national&departement=18']),
    );
    expect(state.year).toBeNull();
    expect(t.mapList.value.error.value).toBeNull();
    expect(t.mapData.value?.features).toHaveLength(2);
    scope.stop();
  });

  it('never shows the previous département’s list while the new one loads', async () => {
    const slow = deferred<FakeAnswer>();
    const { departement, t, scope } = start((level, params) =>
      params.get('departement') === 'Z1' ? slow.promise : { body: LISTS[level] },
    );
    await settle();
    expect(t.mapData.value).not.toBeNull();
    departement.value = { code: 'Z1' };
    await nextTick();
    expect(t.mapData.value).toBeNull();
    slow.resolve({ body: collection('epci', [territory('epci', 'Z10001', 'CC fictive')]) });
    await settle();
    expect(t.mapData.value?.features.map((f) => f.properties.name)).toEqual(['CC fictive']);
    scope.stop();
  });

  it('a failed map list lets the other lists load, for the search', async () => {
    const { api, t, scope } = start((level) =>
      level === 'epci' ? apiError(500, 'internal', 'Erreur interne') : { body: LISTS[level] },
    );
    await settle();
    expect(t.mapList.value.error.value).toBe('Erreur interne (erreur 500 internal)');
    expect(t.firstMapDrawn.value).toBe(true);
    expect(api.urls()).toHaveLength(4);
    expect(t.searchEntries.value.map((e) => e.name)).toEqual(['Cher', 'Arçay']);
    scope.stop();
  });

  it('a département with EPT offers the level and finds them in the search', async () => {
    const epts = collection('ept', [territory('ept', '200057867', 'Plaine Commune')]);
    const { t, scope } = start((level) => ({ body: level === 'ept' ? epts : LISTS[level] }));
    await settle();
    expect(t.hasEpt.value).toBe(false);
    t.firstMapDrawn.value = true;
    await settle();
    expect(t.hasEpt.value).toBe(true);
    expect(t.searchEntries.value.map((e) => `${e.level}:${e.name}`)).toContain(
      'ept:Plaine Commune',
    );
    scope.stop();
  });
});
